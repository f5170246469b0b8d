import { Type, type Static } from 'typebox';
import { ValidationProblem } from './problems.js';

/** Every error the API returns: a stable machine code and a message in the user's language (Chinese). */
export const ErrorResponse = Type.Object(
  {
    error: Type.String({ description: 'stable error code, e.g. not_found, forbidden, validation_failed' }),
    message: Type.String({ description: 'human-readable message in Chinese' }),
    /** With `validation_failed`: one entry per field, for forms to show under the field. */
    problems: Type.Optional(Type.Array(ValidationProblem)),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

export const OkResponse = Type.Object({ ok: Type.Boolean() });
export type OkResponse = Static<typeof OkResponse>;

/** Standard error responses attached to routes so the OpenAPI document lists them. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
} as const;

/** A string enum from a const array, typed as the union of its values (JSON Schema `enum`). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * Nullable helper: `T | null`. Not for a number or boolean in a request body: the server's Ajv coerces types, and in
 * this `anyOf` it turns a JSON null into 0 or false in the first branch — use `NullableInteger` there.
 */
export function Nullable<S extends import('typebox').TSchema>(schema: S) {
  return Type.Union([schema, Type.Null()]);
}

/**
 * `integer | null` as one JSON Schema type list (`type: ['integer', 'null']`): a null stays null and a 0 stays 0
 * under Ajv's type coercion (an unset 法定时限 is not "0 days"; a 即办 matter's 0 is not "unset").
 */
export function NullableInteger(options: { minimum?: number; maximum?: number; description?: string } = {}) {
  return Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });
}

/** `{ id }` of a record just created or changed. */
export const IdResponse = Type.Object({ id: Type.String() });
export type IdResponse = Static<typeof IdResponse>;
