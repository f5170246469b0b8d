import type { FastifyServerOptions } from 'fastify';
import { serializeError, serializeRequest } from './log-serializers.js';

/**
 * pino options: passwords, cookies and citizens' phone numbers never reach the logs.
 * Paths cover request bodies the API accepts (caller.phone, phone) one and two levels deep.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-telephony-secret"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  'phone',
  '*.phone',
  '*.*.phone',
  '*.callerPhone',
  '*.*.callerPhone',
  '*.idNumber',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[已隐藏]' },
    // Errors without their query parameters, URLs without their query values (issue 10.2).
    serializers: { err: serializeError, req: serializeRequest },
  };
}
