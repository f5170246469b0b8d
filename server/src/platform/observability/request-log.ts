import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';

/**
 * The access log (访问日志, kept for 等保): ONE line per request, written when the response has gone out —
 * `{"level":30,"time":…,"reqId":"req-1f","method":"POST","url":"/api/tickets","status":201,"ms":3.2,
 *   "user":"<staff user id or null>","ip":"…","msg":"request"}` (level 50 with `err` when the response failed).
 * Never logged: the query string (a public enquiry's query code travels there), headers (cookies), bodies.
 * Replaces Fastify's two lines per request (incoming + completed, with host and remote port).
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const url = request.url;
    const query = url.indexOf('?');
    const line = {
      method: request.method,
      url: query === -1 ? url : url.slice(0, query),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.session?.userId ?? null,
      ip: request.ip,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request');
    else reply.log.info(line, 'request');
  }
}

/** Lines are written in batches of this many bytes (or every FLUSH_MS), not one write(2) per line. */
const BUFFER_BYTES = 4096;
const FLUSH_MS = 1000;

/**
 * Production log destination: stdout, buffered — one write(2) per ~4 KB instead of one per line, flushed at least
 * every second, on close and at process exit (pino's exit hook). What a hard kill (SIGKILL, OOM) can lose is the
 * last second of access lines; audit rows, the record of every state change, are in Postgres and lose nothing.
 */
export function bufferedStdout(): { stream: pino.DestinationStream; close(): void } {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  const timer = setInterval(() => destination.flush(), FLUSH_MS);
  timer.unref();
  return {
    stream: destination,
    close() {
      clearInterval(timer);
      destination.flushSync();
    },
  };
}
