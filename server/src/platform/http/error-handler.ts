import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toValidationProblems } from '@hotline/shared/contracts/problems';
import { AppError } from './errors.js';
import { describeValidationError } from './validation-messages.js';
import { dependencyFailure, newErrorId, sendUnavailable, type DependencyMonitor } from './dependency-guard.js';

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

/** Fastify's `frameworkErrors`: a URL that cannot be decoded (e.g. a lone surrogate in a path segment) is a 400. */
export function frameworkErrors(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  return reply.status(400).send({ error: 'bad_url', message: '网址格式不正确（含有无法识别的字符）' });
}

/** Postgres data exceptions (22xxx, e.g. a NUL byte in text) are bad input that slipped past the edge checks. */
const isPostgresDataException = (error: { name?: string; code?: string; cause?: unknown }): boolean => {
  const pg = error.name === 'PostgresError' ? error : (error.cause as { name?: string; code?: string } | undefined);
  return pg?.name === 'PostgresError' && typeof pg.code === 'string' && pg.code.startsWith('22');
};

/**
 * One error handler for the whole API: JSON `{error, message}`, never a stack trace, never a 5xx for bad input.
 * A dependency that is down answers 503 (issue 10.5); any other failure 500. Both carry an `errorId` that is also in
 * the log line, whose error has no query parameters (see observability/log-serializers.ts).
 */
export function installErrorHandler(app: FastifyInstance, monitor?: DependencyMonitor): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (reply.sent) return;
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
    const outage = dependencyFailure(error);
    if (outage) {
      monitor?.suspect(outage.which);
      return sendUnavailable(
        request,
        reply,
        'request failed on a dependency',
        monitor?.snapshot() ?? {
          postgres: outage.which === 'postgres' ? 'down' : 'up',
          redis: outage.which === 'redis' ? 'down' : 'up',
        },
        error,
      );
    }
    if (isPostgresDataException(fe as { name?: string; code?: string; cause?: unknown })) {
      request.log.warn({ err: error }, 'data exception refused as bad input');
      return reply
        .status(400)
        .send({ error: 'invalid_input', message: '提交的内容含有无法保存的字符或格式，请检查后重试' });
    }
    const errorId = newErrorId();
    request.log.error({ err: error, errorId }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: 'internal_error', message: `服务器内部错误，请稍后重试（错误编号 ${errorId}）`, errorId });
  });
}
