import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import postgres, { type Sql } from 'postgres';
import type { Redis } from 'ioredis';

/**
 * Fast failure under outages (issue 10.5). Postgres and Redis are watched by a probe that runs every second (five
 * times a second while one is down, so service is back within moments of the dependency returning). While one is
 * down every /api route answers 503 at once, with an error id that is also in the one log line written for it; a
 * request that is still waiting after DEADLINE_MS triggers a probe and, if a dependency is down, answers 503 then —
 * so no request waits for a TCP timeout. Transactions keep the data whole: a request cut short either committed or
 * rolled back (retries of intake are safe with Idempotency-Key).
 */

export type DependencyName = 'postgres' | 'redis';
export type DependencyStatus = 'up' | 'down' | 'not_used';

export interface DependencyMonitor {
  /** The last known state, without waiting. */
  snapshot(): Record<DependencyName, DependencyStatus>;
  /** Probes now (joins a probe already running) and returns the fresh state. */
  probe(): Promise<Record<DependencyName, DependencyStatus>>;
  /** A request failed on a dependency: believe it at once, and confirm with a probe. */
  suspect(name: DependencyName | null): void;
  /**
   * While a suspicion is being confirmed (a request failed on a dependency, and the error could not say which or the
   * probe has not answered yet), the probe that will settle it; null otherwise. Requests arriving meanwhile wait for
   * it rather than run into the same failure, or past it into a handler that would answer something else.
   */
  confirming(): Promise<unknown> | null;
  close(): Promise<void>;
}

export interface DependencyMonitorOptions {
  /**
   * Probes run on a connection of their own: a pool busy with real work is not an outage. Null in embedded mode, whose
   * database (PGlite) lives in this very process and has no outage of its own to detect.
   */
  databaseUrl: string | null;
  redis: Redis | null;
  probeTimeoutMs?: number;
  intervalUpMs?: number;
  intervalDownMs?: number;
  onChange?: (name: DependencyName, status: DependencyStatus) => void;
}

type ProbeResult = 'up' | 'down' | 'unknown';

/**
 * Waits for a probe at most `timeoutMs` of the event loop's own time. A timer that fires late means this process is
 * overloaded (its event loop lags), and an unanswered probe says nothing yet: pending I/O is let run, then the wait is
 * extended in short steps until one step comes back on time with still no answer ('down'). Only a loop that stays
 * badly late for four times the timeout gives up with 'unknown', which changes nothing — busy is not an outage.
 */
async function settle(probe: Promise<unknown>, timeoutMs: number): Promise<ProbeResult> {
  let outcome: ProbeResult | null = null;
  probe.then(
    () => (outcome ??= 'up'),
    () => (outcome ??= 'down'),
  );
  const started = performance.now();
  let wait = timeoutMs;
  for (;;) {
    const stepStarted = performance.now();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      probe.catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, wait);
      }),
    ]);
    clearTimeout(timer);
    if (outcome) return outcome;
    const late = performance.now() - stepStarted - wait;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    if (outcome) return outcome;
    if (late <= LATE_MS) return 'down';
    if (performance.now() - started > timeoutMs * 4) return 'unknown';
    wait = STEP_MS;
  }
}
const LATE_MS = 150;
const STEP_MS = 60;

/** One dedicated connection for probes; replaced after a failure, since a stalled socket may never answer again. */
function postgresProber(url: string) {
  let sql: Sql | null = null;
  const open = () =>
    (sql ??= postgres(url, {
      max: 1,
      connect_timeout: 2,
      idle_timeout: 0,
      // `select 1` needs no array types; postgres.js's own type query on a fresh connection could reject unhandled
      // when the connection is reset mid-way.
      fetch_types: false,
      onnotice: () => {},
    }));
  return {
    async ping(timeoutMs: number): Promise<ProbeResult> {
      const client = open();
      const result = await settle(client`select 1`, timeoutMs);
      if (result === 'down') {
        if (sql === client) sql = null;
        void client.end({ timeout: 0 }).catch(() => {});
      }
      return result;
    },
    async close() {
      await sql?.end({ timeout: 0 }).catch(() => {});
    },
  };
}

/**
 * ioredis knows at once that its socket is gone; no need to wait for a ping to time out. Once the client has been
 * ready, any state but 'ready' (closed, reconnecting, or connected but not answering its ready check, as behind a
 * stalled network) means Redis cannot serve a request now. Before the first 'ready' (start-up) commands wait in the
 * offline queue, and the probe decides.
 */
function redisWatcher(redis: Redis) {
  let everReady = redis.status === 'ready';
  // The socket's error (e.g. ECONNRESET) is reported a loop phase before ioredis changes its status on 'close'.
  let failed = false;
  redis.on('ready', () => {
    everReady = true;
    failed = false;
  });
  redis.on('error', () => {
    failed = true;
  });
  const socketLost = () => {
    if (redis.status === 'ready') return false;
    return everReady || redis.status === 'reconnecting' || redis.status === 'close' || redis.status === 'end';
  };
  return {
    socketLost,
    lost: () => failed || socketLost(),
    /** A ping answered on the ready connection: an error reported without a reconnect is over. */
    answered() {
      if (redis.status === 'ready') failed = false;
    },
  };
}

export function createDependencyMonitor(options: DependencyMonitorOptions): DependencyMonitor {
  const { redis, probeTimeoutMs = 450, intervalUpMs = 1_000, intervalDownMs = 200 } = options;
  const state: Record<DependencyName, DependencyStatus> = { postgres: 'up', redis: redis ? 'up' : 'not_used' };
  let running: Promise<Record<DependencyName, DependencyStatus>> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const redisState = redis ? redisWatcher(redis) : null;
  // A probe started before the latest suspicion may carry an answer from before the outage: it must not mark the
  // suspected dependency up again (that would let requests through until the next probe). Generations tell them apart.
  let generation = 0;
  let confirming: Promise<unknown> | null = null;
  const suspectedAt: Record<DependencyName, number> = { postgres: -1, redis: -1 };
  const prober = options.databaseUrl
    ? postgresProber(options.databaseUrl)
    : { ping: async (): Promise<ProbeResult> => 'up', close: async () => {} };

  function set(name: DependencyName, status: DependencyStatus) {
    if (state[name] === status) return;
    state[name] = status;
    options.onChange?.(name, status);
  }

  function snapshot() {
    if (redisState?.lost()) set('redis', 'down');
    return { ...state };
  }

  function probe(): Promise<Record<DependencyName, DependencyStatus>> {
    running ??= (async () => {
      const startedAt = generation;
      const [pg, rd] = await Promise.all([
        prober.ping(probeTimeoutMs),
        redis
          ? redisState!.socketLost()
            ? ('down' as const)
            : settle(
                redis.ping().then((pong) => {
                  if (pong !== 'PONG') throw new Error('unexpected ping reply');
                  redisState!.answered();
                }),
                probeTimeoutMs,
              )
          : null,
      ]);
      const accept = (name: DependencyName, result: ProbeResult | null) => {
        if (result === null || result === 'unknown') return;
        if (result === 'up' && suspectedAt[name] > startedAt) return; // stale: a newer suspicion stands
        set(name, result);
      };
      accept('postgres', pg);
      accept('redis', rd);
      if (redisState?.lost()) set('redis', 'down');
      return { ...state };
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (closed) return;
    const down = state.postgres === 'down' || state.redis === 'down';
    timer = setTimeout(
      () => {
        void probe().finally(schedule);
      },
      down ? intervalDownMs : intervalUpMs,
    );
    timer.unref();
  }
  schedule();

  return {
    snapshot,
    probe,
    suspect(name) {
      generation += 1;
      if (name) {
        suspectedAt[name] = generation;
        set(name, 'down');
      }
      // A probe already running started before this suspicion: confirm with a fresh one after it.
      const confirmation: Promise<unknown> = running ? running.finally(() => probe()) : probe();
      const settled = confirmation
        .catch(() => {})
        .finally(() => {
          if (confirming === settled) confirming = null;
        });
      confirming = settled;
    },
    confirming: () => confirming,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await prober.close();
    },
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // Postgres: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Whether an error (or one of its causes) says a dependency is unreachable, and which one if it can tell. */
export function dependencyFailure(error: unknown): { which: DependencyName | null } | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { name?: string; code?: string; message?: string; cause?: unknown };
    if (e.name === 'MaxRetriesPerRequestError') return { which: 'redis' };
    if (
      typeof e.message === 'string' &&
      /Connection is closed|Stream isn't writeable|enableOfflineQueue/.test(e.message)
    )
      return { which: 'redis' };
    if (e.code && NETWORK_CODES.has(e.code)) {
      const isPostgres = e.name === 'PostgresError' || e.code.startsWith('CONN') || /^5/.test(e.code);
      return { which: isPostgres ? 'postgres' : null };
    }
    current = e.cause;
  }
  return null;
}

export const SERVICE_UNAVAILABLE_MESSAGE = '系统暂时无法处理请求（数据库或缓存服务中断），请稍后重试';

export function newErrorId(): string {
  return randomUUID();
}

export function sendUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  reason: string,
  state: Record<DependencyName, DependencyStatus>,
  err?: unknown,
) {
  const errorId = newErrorId();
  request.log.error(
    { errorId, postgres: state.postgres, redis: state.redis, ...(err ? { err } : {}) },
    `service unavailable: ${reason}`,
  );
  return reply
    .status(503)
    .header('retry-after', '2')
    .send({ error: 'service_unavailable', message: `${SERVICE_UNAVAILABLE_MESSAGE}（错误编号 ${errorId}）`, errorId });
}

const isDown = (state: Record<DependencyName, DependencyStatus>) => state.postgres === 'down' || state.redis === 'down';

/** Requests not under /api (the console's files) and the health check itself never need a dependency. */
const guarded = (url: string) =>
  url.startsWith('/api/') && !url.startsWith('/api/health') && !url.startsWith('/api/docs');

/** How long a request waits for a suspicion to be confirmed before it goes on (it still has the deadline probe). */
const CONFIRM_WAIT_MS = 700;

async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export function installDependencyGuard(app: FastifyInstance, monitor: DependencyMonitor, deadlineMs = 250): void {
  const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
  app.addHook('onRequest', async (request, reply) => {
    if (!guarded(request.url)) return;
    // Let socket events already pending run first (two event-loop turns: a reset is read in the next poll phase), so a
    // connection reset a moment ago is known and a request that would not itself touch the dead dependency (e.g. one
    // served by the per-node session cache) is refused before its handler runs, not after it wrote anything.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const pending = monitor.confirming();
    if (pending) await waitAtMost(pending, CONFIRM_WAIT_MS);
    const state = monitor.snapshot();
    if (isDown(state)) return sendUnavailable(request, reply, 'dependency down', state);
    const timer = setTimeout(() => {
      void monitor.probe().then((fresh) => {
        if (reply.sent || !isDown(fresh)) return;
        sendUnavailable(request, reply, 'request waited on a dependency that is down', fresh);
      });
    }, deadlineMs);
    timer.unref();
    timers.set(request, timer);
  });
  app.addHook('onResponse', async (request) => {
    clearTimeout(timers.get(request));
  });
  app.addHook('onClose', async () => monitor.close());
}
