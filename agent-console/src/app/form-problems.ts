import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { toValidationProblems, type ValidationProblem } from '@hotline/shared/contracts/problems';
import { HttpError } from './http';

/**
 * Forms check what they send against the same TypeBox schema the server validates with (shared/src/contracts), and
 * show the server's structured problems on the same fields — by path, never by reading the Chinese message.
 */
export function validateAgainst(schema: TSchema, value: unknown): ValidationProblem[] {
  return toValidationProblems(Value.Errors(schema, value));
}

/** The validation problems a failed request carried (a 400 `validation_failed`), or none. */
export function problemsOf(error: unknown): ValidationProblem[] {
  return error instanceof HttpError && error.code === 'validation_failed' ? error.problems : [];
}

export interface FieldErrors {
  /** Form field (el-form-item `prop`) → the Chinese message to show under it. */
  fields: Record<string, string>;
  /** Problems on paths the form does not show as a field. */
  unmatched: ValidationProblem[];
}

/**
 * Puts problems on form fields. `fieldOf` maps an API path (`caller.phone`) to the form's field (`callerPhone`); a
 * path not in the map is tried by its first segment, then left unmatched.
 */
export function toFieldErrors(problems: readonly ValidationProblem[], fieldOf: Record<string, string>): FieldErrors {
  const fields: Record<string, string> = {};
  const unmatched: ValidationProblem[] = [];
  for (const problem of problems) {
    const field = fieldOf[problem.path] ?? fieldOf[problem.path.split('.')[0] ?? ''];
    if (field && !(field in fields)) fields[field] = problem.message;
    else if (!field) unmatched.push(problem);
  }
  return { fields, unmatched };
}

/** The part of Element Plus' FormInstance used to show a message under a field without running its rules. */
interface FormWithFields {
  getField: (prop: string) => { validateState: string; validateMessage: string } | undefined;
}

/**
 * Shows each problem under its field (as a failed rule would) and returns the ones no field of this form shows.
 */
export function showFieldErrors(
  form: FormWithFields | undefined,
  problems: readonly ValidationProblem[],
  fieldOf: Record<string, string>,
): ValidationProblem[] {
  const { fields, unmatched } = toFieldErrors(problems, fieldOf);
  for (const [prop, message] of Object.entries(fields)) {
    const item = form?.getField(prop);
    if (!item) {
      unmatched.push({ path: prop, code: 'field', message });
      continue;
    }
    item.validateState = 'error';
    item.validateMessage = message;
  }
  return unmatched;
}
