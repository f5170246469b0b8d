import { Type, type Static } from 'typebox';

/**
 * Structured validation problems (校验问题): the server's 400 `validation_failed` lists them, and the console builds the
 * same list from the same TypeBox schemas before it sends anything — so a form shows one message per field, from one
 * definition, and never parses Chinese prose.
 */
export const ValidationProblem = Type.Object({
  /** The field as the API spells it, dot-separated (`caller.phone`, `days`, `rules.3.note`); '' for the whole body. */
  path: Type.String(),
  /** The JSON Schema keyword that failed: required, maxLength, minLength, pattern, maximum, minimum, format, enum … */
  code: Type.String(),
  /** What is wrong, in Chinese, without the field's name (the form shows it under the field). */
  message: Type.String(),
});
export type ValidationProblem = Static<typeof ValidationProblem>;

/** An Ajv error (as Fastify reports it) or a TypeBox `Value.Errors` entry: both carry these fields. */
export interface SchemaError {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
}

/** The dot path of the field an error is about (a missing property is reported on the property itself). */
export function problemPath(error: SchemaError): string {
  const path = (error.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = error.params?.missingProperty ?? (error.params?.requiredProperties as string[] | undefined)?.[0];
  if (error.keyword === 'required' && typeof missing === 'string') return path ? `${path}.${missing}` : missing;
  if (error.keyword === 'additionalProperties' && typeof error.params?.additionalProperty === 'string') {
    return path ? `${path}.${error.params.additionalProperty}` : error.params.additionalProperty;
  }
  return path;
}

/** The Chinese sentence for one failed keyword, e.g. "最多 4000 个字符". */
export function problemMessage(error: SchemaError): string {
  const p = error.params ?? {};
  const limit = String(p.limit);
  switch (error.keyword) {
    case 'required':
      return '必填';
    case 'maxLength':
      return `过长，最多 ${limit} 个字符`;
    case 'minLength':
      return Number(p.limit) <= 1 ? '不能为空' : `过短，至少 ${limit} 个字符`;
    case 'maximum':
      return `不能大于 ${limit}`;
    case 'exclusiveMaximum':
      return `须小于 ${limit}`;
    case 'minimum':
      return `不能小于 ${limit}`;
    case 'exclusiveMinimum':
      return `须大于 ${limit}`;
    case 'maxItems':
      return `最多 ${limit} 项`;
    case 'minItems':
      return `至少 ${limit} 项`;
    case 'uniqueItems':
      return '不能重复';
    case 'type':
      return '类型不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return '取值无效';
    case 'format':
    case 'pattern':
      return '格式不正确';
    case 'additionalProperties':
      return '不支持该字段';
    default:
      return '不符合要求';
  }
}

/**
 * One problem per field (the first error of each path wins; TypeBox and Ajv list the most specific first), in the
 * order the errors came.
 */
export function toValidationProblems(errors: Iterable<SchemaError>): ValidationProblem[] {
  const byPath = new Map<string, ValidationProblem>();
  for (const error of errors) {
    // anyOf/oneOf branches repeat the same field; the union's own entry says it best.
    const path = problemPath(error);
    if (byPath.has(path)) continue;
    byPath.set(path, { path, code: error.keyword, message: problemMessage(error) });
  }
  return [...byPath.values()];
}

/**
 * A numeric bound of a schema (`maxLength`, `maximum` …) so forms show the contract's limit instead of typing it
 * again. Throws at start-up if the contract lost the bound, which a test run catches at once.
 */
export function limitOf(
  schema: unknown,
  key: 'maxLength' | 'minLength' | 'maximum' | 'minimum' | 'maxItems' | 'minItems',
): number {
  const value = (schema as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'number') throw new Error(`schema has no ${key}`);
  return value;
}

/** A schema that accepts "nothing": an empty string or list, or null. Such a field is not marked 必填. */
function acceptsEmpty(schema: unknown): boolean {
  const node = schema as {
    type?: string | string[];
    minLength?: number;
    minItems?: number;
    anyOf?: unknown[];
    enum?: unknown[];
    format?: string;
  } | null;
  if (!node) return true;
  if (node.enum) return node.enum.includes('') || node.enum.includes(null);
  if (node.anyOf)
    return node.anyOf.some((branch) => (branch as { type?: string }).type === 'null' || acceptsEmpty(branch));
  if (node.type === 'null' || (Array.isArray(node.type) && node.type.includes('null'))) return true;
  // A formatted string (a date, a uuid) cannot be empty either.
  if (node.type === 'string') return (node.minLength ?? 0) < 1 && !node.format;
  if (node.type === 'array') return (node.minItems ?? 0) < 1;
  return false;
}

/**
 * The dot paths a form must have filled in (`caller`, `caller.name`, `content.name` …): the schema's `required`
 * properties that do not accept an empty value, nested objects included under a required parent. Forms mark exactly
 * these fields as required (必填) instead of typing the list again.
 */
export function requiredPaths(schema: unknown, prefix = ''): string[] {
  const object = schema as { properties?: Record<string, unknown>; required?: string[] } | null;
  if (!object?.properties) return [];
  const paths: string[] = [];
  for (const name of object.required ?? []) {
    const property = object.properties[name];
    if (acceptsEmpty(property)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    paths.push(path, ...requiredPaths(property, path));
  }
  return paths;
}
