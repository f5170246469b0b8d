/**
 * Turns Ajv validation errors (as Fastify reports them) into one Chinese sentence a user can act on.
 * Field names stay as the API spells them so integrators can find them.
 */
interface AjvLikeError {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
}

const PART_LABELS: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

function fieldName(error: AjvLikeError): string {
  const path = (error.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  if (error.keyword === 'required' && typeof error.params?.missingProperty === 'string') {
    return path ? `${path}.${error.params.missingProperty}` : error.params.missingProperty;
  }
  return path;
}

export function describeValidationError(errors: AjvLikeError[], part?: string): string {
  const first = errors[0];
  const where = part ? (PART_LABELS[part] ?? part) : '请求';
  if (!first) return `${where}格式不正确`;
  const field = fieldName(first);
  const subject = field ? `字段「${field}」` : where;
  const p = first.params ?? {};
  switch (first.keyword) {
    case 'required':
      return `缺少必填字段「${field}」`;
    case 'maxLength':
      return `${subject}过长，最多 ${String(p.limit)} 个字符`;
    case 'minLength':
      return Number(p.limit) <= 1 ? `${subject}不能为空` : `${subject}过短，至少 ${String(p.limit)} 个字符`;
    case 'maximum':
      return `${subject}不能大于 ${String(p.limit)}`;
    case 'minimum':
      return `${subject}不能小于 ${String(p.limit)}`;
    case 'maxItems':
      return `${subject}最多 ${String(p.limit)} 项`;
    case 'minItems':
      return `${subject}至少 ${String(p.limit)} 项`;
    case 'type':
      return `${subject}类型不正确`;
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return `${subject}取值无效`;
    case 'format':
      return `${subject}格式不正确`;
    case 'pattern':
      return `${subject}格式不正确`;
    case 'additionalProperties':
      return `${where}包含不支持的字段「${String(p.additionalProperty)}」`;
    default:
      return `${subject}不符合要求`;
  }
}
