import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.js';

/** Deeper JSON than this is refused: no contract of the API nests anywhere near it. */
export const MAX_INPUT_DEPTH = 32;

// A NUL byte (Postgres refuses it in text) or a UTF-16 surrogate that is not part of a pair (not encodable as UTF-8).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type InputProblem = 'forbidden_character' | 'too_deep' | null;

/** Walks a parsed input (iteratively: a deeply nested body cannot overflow the stack) for values no field may hold. */
export function findInputProblem(value: unknown): InputProblem {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (FORBIDDEN.test(current)) return 'forbidden_character';
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return 'too_deep';
    if (Array.isArray(current)) {
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
      if (FORBIDDEN.test(key)) return 'forbidden_character';
      stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

const MESSAGES: Record<Exclude<InputProblem, null>, string> = {
  forbidden_character: '提交的内容含有无法保存的字符（空字符或不完整的 Unicode 字符），请删除后重试',
  too_deep: '提交的内容层级过深',
};

/**
 * The edge check for every route (issue 10.7): a NUL byte or a lone surrogate in any text of the body, the query string
 * or the path answers 400 before validation, before any handler — never a 500 from Postgres further down.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problem =
      findInputProblem(request.params) ?? findInputProblem(request.query) ?? findInputProblem(request.body);
    if (problem) throw badRequest(MESSAGES[problem], 'invalid_characters');
  });
}
