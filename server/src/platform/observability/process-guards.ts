import type { FastifyBaseLogger } from 'fastify';
import { dependencyFailure } from '../http/dependency-guard.js';

/**
 * What to do with a promise rejection nobody handled. Node 20 ends the process on one by default. A dependency's
 * connection dropping is not a reason to end it: postgres.js fetches the array types on every new connection without
 * awaiting that query, so a Postgres outage at that moment rejects unhandled; the dependency monitor already answers
 * 503 and the pools reconnect on their own. Those are logged and the process goes on. Anything else means this
 * process's state is unknown: log it and exit non-zero, so the supervisor (systemd, compose `restart:`) starts a clean one.
 */
export type RejectionVerdict = 'continue' | 'exit';

export function judgeUnhandledRejection(reason: unknown): RejectionVerdict {
  return dependencyFailure(reason) ? 'continue' : 'exit';
}

export function installProcessGuards(log: FastifyBaseLogger, exit: (code: number) => void = process.exit): void {
  process.on('unhandledRejection', (reason) => {
    if (judgeUnhandledRejection(reason) === 'continue') {
      log.error({ err: reason }, 'unhandled rejection from a dependency connection (the process goes on)');
      return;
    }
    log.fatal({ err: reason }, 'unhandled rejection: exiting so a clean process takes over');
    flushThenExit(log, exit);
  });
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception: exiting so a clean process takes over');
    flushThenExit(log, exit);
  });
}

/** Pino may buffer: write the fatal line out before the process ends. */
function flushThenExit(log: FastifyBaseLogger, exit: (code: number) => void) {
  try {
    (log as { flush?: () => void }).flush?.();
  } finally {
    exit(1);
  }
}
