import type { FastifyRequest } from 'fastify';

/**
 * Serializers that keep personal data out of log lines (issue 10.2). Redaction by path (logger.ts) covers objects we
 * log on purpose; these cover what libraries put in errors and what callers put in URLs:
 * - a failed query's error lists every bound parameter (drizzle: `Failed query: … params: <name>,<phone>`; postgres.js:
 *   `parameters`, and `detail` such as `Key (caller_phone)=(138…)` or `Failing row contains (…)`);
 * - query strings (`?q=<phone>`) end up in the access log.
 */

const CENSOR = '[已隐藏]';
/** Mobile numbers and any other long digit run (landlines, ID numbers) that made it into free text. */
const DIGIT_RUN = /\d{7,}/g;
/** Fields of an error copied into the log; everything else (params, parameters, detail, where, query …) is dropped. */
const SAFE_ERROR_FIELDS = [
  'code',
  'statusCode',
  'errno',
  'syscall',
  'severity',
  'constraint_name',
  'table_name',
  'column_name',
  'routine',
  'errorId',
] as const;

/** Removes the parameter list of a failed query and every long digit run from an error message or stack. */
export function scrubErrorText(text: string): string {
  return text.replace(/\n?\s*params: [\s\S]*?(?=\n\s+at |$)/g, ` params: ${CENSOR}`).replace(DIGIT_RUN, CENSOR);
}

/** Postgres `22xxx` (data exception) messages quote the offending value: `invalid input syntax for type uuid: "…"`. */
function messageOf(error: Record<string, unknown>): string {
  const message = typeof error.message === 'string' ? error.message : String(error.message ?? '');
  const code = typeof error.code === 'string' ? error.code : '';
  if (/^22[0-9A-Z]{3}$/.test(code) && error.severity !== undefined) {
    return scrubErrorText(message.replace(/:\s*".*$/s, `: ${CENSOR}`));
  }
  return scrubErrorText(message);
}

export interface SerializedError {
  type: string;
  message: string;
  stack: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!error || typeof error !== 'object')
    return { type: typeof error, message: scrubErrorText(String(error)), stack: '' };
  const record = error as Record<string, unknown>;
  const out: SerializedError = {
    type: (error as Error).constructor?.name ?? 'Error',
    message: messageOf(record),
    stack: '',
  };
  if (typeof record.stack === 'string') {
    // The stack's first line repeats the message (with its parameters): rebuild it from the scrubbed message.
    const frames = record.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${out.type}: ${out.message}`, ...frames].join('\n');
  }
  for (const field of SAFE_ERROR_FIELDS) {
    if (record[field] !== undefined && record[field] !== null) out[field] = record[field];
  }
  if (record.cause && depth < 3) out.cause = serializeError(record.cause, depth + 1);
  return out;
}

/** The URL of a request without the values of its query string: `/api/tickets?q=[已隐藏]`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=${CENSOR}`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
