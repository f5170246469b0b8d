import type { FastifyError, FastifyInstance } from 'fastify';
import { toValidationProblems } from '@hotline/shared/contracts/problems';
import { AppError } from './errors.js';
import { describeValidationError } from './validation-messages.js';

/** Fastify's own error codes mapped to Chinese messages users can act on. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: '提交的内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: '不支持的内容类型，请以 JSON 提交',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body', message: '请求体不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', message: '请求长度不正确' },
};

/** One error handler for the whole API: JSON `{error, message}`, never a stack trace, never a 5xx for bad input. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    }
    const fe = error as FastifyError & { validationContext?: string };
    if (fe.validation) {
      return reply.status(400).send({
        error: 'validation_failed',
        message: describeValidationError(fe.validation, fe.validationContext),
        problems: toValidationProblems(fe.validation),
      });
    }
    const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (known) return reply.status(known.status).send({ error: known.code, message: known.message });
    if (fe.statusCode === 429) {
      return reply.status(429).send({ error: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    }
    if (fe instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send({ error: 'invalid_json', message: '请求体不是合法的 JSON' });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ error: 'bad_request', message: '请求不正确' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal_error', message: '服务器内部错误，请稍后重试' });
  });
}
