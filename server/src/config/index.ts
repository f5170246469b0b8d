import { isIP } from 'node:net';
import path from 'node:path';

/**
 * The one place that reads process.env. Everything else receives a typed, frozen Config.
 * Defaults work on a developer machine with a local Postgres and Redis.
 */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Prefix for every Redis key (queues, sessions, rate limits) so deployments and tests can share one Redis. */
  readonly redisPrefix: string;
  readonly sessionIdleMinutes: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  readonly loginRateLimitPerMinute: number;
  /** Origins allowed to make cookie-authenticated writes (CSRF defence) and socket connections. */
  readonly allowedOrigins: readonly string[];
  readonly cookieSecure: boolean;
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (TRUST_PROXY: addresses or CIDRs, comma-separated, or
   * `loopback`/`linklocal`/`uniquelocal`). Empty (the default): the peer address is the client, whatever headers say.
   */
  readonly trustProxy: readonly string[];
  /** Extra `connect-src` sources of the console's Content-Security-Policy (CSP_CONNECT_SRC, e.g. the SIP WebSocket). */
  readonly cspConnectSrc: readonly string[];
  /** Folder with the built console; served at / when present. */
  readonly consoleDist: string | null;
  /** Shared secret the phone system uses for the telephony event API. */
  readonly telephonySecret: string;
  /** Kamailio's HTTP address for the server's commands (t_continue, RPC); null = no SIP proxy wired. */
  readonly kamailioHttpUrl: string | null;
  /** Where softphones connect (ws:// on loopback, wss:// elsewhere); handed out with the SIP credentials. */
  readonly sipWsUrl: string | null;
  /** Secret of the time-limited SIP credentials (HMAC), shared with kamailio.cfg. */
  readonly sipAuthSecret: string;
  /** Lifetime of a SIP credential issued at sign-in. */
  readonly sipCredentialTtlSeconds: number;
  /**
   * Where rtpengine writes call recordings (its --recording-dir: pcaps/, metadata/); the server hashes each answered
   * call's file when the call ends and plays it back from there. RECORDING_DIR, default `<dataDir>/recordings`.
   */
  readonly recordingDir: string;
  /** rtpengine's ng control address (RTPENGINE_NG_URL, e.g. udp:127.0.0.1:2223) for supervisor listen-in; null = off. */
  readonly rtpengineNgUrl: string | null;
  /** Recordings older than this many days are deleted (RECORDING_RETENTION_DAYS, default 180). */
  readonly recordingRetentionDays: number;
  /** UDP port (loopback) where rtpengine's DTMF log arrives (rtpengine --dtmf-log-dest); null = none, 0 = any free. */
  readonly sipDtmfPort: number | null;
  /** Address of that listener (SIP_DTMF_BIND, default 127.0.0.1; 0.0.0.0 in compose, where rtpengine is another container). */
  readonly sipDtmfBind: string;
  /** 一次一评: the caller hears the satisfaction survey when the agent hangs up first (CALL_SURVEY=off to disable). */
  readonly callSurvey: boolean;
  /** Run BullMQ workers inside the HTTP process (development, small sites). */
  readonly runWorkersInProcess: boolean;
  readonly timezone: string;
  /** socket.io fan-out across nodes: `redis` (streams adapter) for several server nodes, `none` for one node. */
  readonly realtimeAdapter: 'redis' | 'none';
  /**
   * Embedded mode (HOTLINE_EMBEDDED=1, or chosen by `npm start` when no Postgres/Redis answers): one process, PGlite
   * in `dataDir`, queues on Postgres, sessions and rate limits in memory, no socket.io adapter.
   */
  readonly embedded: boolean;
  /** Folder of the embedded database (absolute). */
  readonly dataDir: string;
  /** Where BullMQ keeps its jobs: `redis` (production) or `postgres` (BullMQ's PostgreSQL backend, schema `queueSchema`). */
  readonly queueBackend: 'redis' | 'postgres';
  /** Postgres schema of the queue tables when queueBackend is `postgres`. */
  readonly queueSchema: string;
  /** Sessions and rate-limit counters: `redis` (shared by every node) or `memory` (one node only). */
  readonly stateStore: 'redis' | 'memory';
  /** How often the clock scheduler arms due stages; null = the clocks module's default (a minute). Tests shorten it. */
  readonly clockSchedulerPeriodMs: number | null;
  /** 并单: a duplicate candidate scoring at least this many hundredths is marked likely (DUPLICATE_THRESHOLD_PERCENT). */
  readonly duplicateThresholdPercent: number;
  /** 并单: how far back (and forward) in time candidates are looked for (DUPLICATE_WINDOW_HOURS). */
  readonly duplicateWindowHours: number;
  /** SMS delivery: `development` only records messages in the outbox; `http` posts them to SMS_HTTP_URL. */
  readonly smsProvider: 'development' | 'http';
  readonly smsHttpUrl: string | null;
  readonly smsHttpKey: string | null;
  /** Public address of the console, used in links sent to citizens (一次告知单 in an SMS). */
  readonly publicBaseUrl: string;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hotline';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: `10.0.0.5, 10.1.0.0/16, loopback`. Anything else (e.g. `true`, `*`) is refused: trust is explicit. */
export function parseTrustProxy(raw: string | undefined): string[] {
  if (!raw || !raw.trim()) return [];
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [address, bits, extra] = part.split('/');
      const family = isIP(address ?? '');
      const bitsOk =
        bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32) && extra === undefined);
      if (PROXY_NAMES.includes(part) || (family !== 0 && bitsOk)) return part;
      throw new Error(
        `TRUST_PROXY must list proxy addresses or CIDRs (or loopback/linklocal/uniquelocal), got "${part}"`,
      );
    });
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new Error(`${name} must be one of ${allowed.join('|')}, got "${raw}"`);
  return raw as T;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = int(env, 'PORT', 3000);
  const origins = (env.ALLOWED_ORIGINS ?? `http://localhost:${port},http://127.0.0.1:${port},http://localhost:5173`)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const embedded = bool(env, 'HOTLINE_EMBEDDED', false);
  const config: Config = {
    env: nodeEnv,
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    redisPrefix: env.REDIS_PREFIX || 'hotline',
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 30),
    allowedOrigins: origins,
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cspConnectSrc: (env.CSP_CONNECT_SRC ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => /^(wss?|https?):\/\/[^\s;']+$/.test(s)),
    consoleDist: env.CONSOLE_DIST === '' ? null : (env.CONSOLE_DIST ?? null),
    telephonySecret: env.TELEPHONY_SECRET || 'dev-telephony-secret',
    kamailioHttpUrl: env.KAMAILIO_HTTP_URL || null,
    sipWsUrl: env.SIP_WS_URL || null,
    sipAuthSecret: env.SIP_AUTH_SECRET || 'dev-sip-auth-secret',
    sipCredentialTtlSeconds: int(env, 'SIP_CREDENTIAL_TTL_SECONDS', 43200),
    recordingDir: path.resolve(env.RECORDING_DIR || path.join(env.HOTLINE_DATA_DIR || 'data', 'recordings')),
    rtpengineNgUrl: env.RTPENGINE_NG_URL || null,
    recordingRetentionDays: int(env, 'RECORDING_RETENTION_DAYS', 180),
    sipDtmfPort: env.SIP_DTMF_PORT ? int(env, 'SIP_DTMF_PORT', 0) : null,
    sipDtmfBind: env.SIP_DTMF_BIND || '127.0.0.1',
    callSurvey: env.CALL_SURVEY !== 'off',
    runWorkersInProcess: bool(env, 'RUN_WORKERS_IN_PROCESS', nodeEnv !== 'production'),
    timezone: 'Asia/Shanghai',
    realtimeAdapter: oneOf(env, 'REALTIME_ADAPTER', ['redis', 'none'], embedded ? 'none' : 'redis'),
    embedded,
    dataDir: path.resolve(env.HOTLINE_DATA_DIR || 'data'),
    queueBackend: oneOf(env, 'QUEUE_BACKEND', ['redis', 'postgres'], embedded ? 'postgres' : 'redis'),
    queueSchema: env.QUEUE_SCHEMA || 'hotline_queue',
    stateStore: oneOf(env, 'STATE_STORE', ['redis', 'memory'], embedded ? 'memory' : 'redis'),
    clockSchedulerPeriodMs: env.CLOCK_SCHEDULER_PERIOD_MS ? int(env, 'CLOCK_SCHEDULER_PERIOD_MS', 60_000) : null,
    duplicateThresholdPercent: int(env, 'DUPLICATE_THRESHOLD_PERCENT', 60),
    duplicateWindowHours: int(env, 'DUPLICATE_WINDOW_HOURS', 72),
    smsProvider: oneOf(env, 'SMS_PROVIDER', ['development', 'http'], 'development'),
    smsHttpUrl: env.SMS_HTTP_URL || null,
    smsHttpKey: env.SMS_HTTP_KEY || null,
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    ...overrides,
  };
  return Object.freeze(config);
}

/** Whether anything in this configuration needs Redis; when nothing does, no Redis connection is opened. */
export function usesRedis(config: Config): boolean {
  return config.queueBackend === 'redis' || config.stateStore === 'redis' || config.realtimeAdapter === 'redis';
}
