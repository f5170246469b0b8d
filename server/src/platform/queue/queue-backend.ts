import {
  Queue,
  Worker,
  createPostgresBackend,
  type ConnectionOptions,
  type IQueueBackend,
  type Processor,
  type WorkerOptions,
} from 'bullmq';
import type { Config } from '../../config/index.js';

/**
 * Where BullMQ keeps its jobs. `redis`: the production setup (several nodes, one Redis). `postgres`: BullMQ's own
 * PostgreSQL backend in schema `schema` — the embedded mode uses it on PGlite, a small site may use it on its real
 * Postgres and run without Redis. Queue, Worker and job options are the same for both.
 */
export type QueueConnection =
  { backend: 'redis'; redisUrl: string; prefix: string } | { backend: 'postgres'; databaseUrl: string; schema: string };

export type AnyQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
export type AnyWorker = Worker<unknown, unknown, string, IQueueBackend, never, unknown>;

export function queueConnectionFrom(config: Config): QueueConnection {
  return config.queueBackend === 'postgres'
    ? { backend: 'postgres', databaseUrl: config.databaseUrl, schema: config.queueSchema }
    : { backend: 'redis', redisUrl: config.redisUrl, prefix: config.redisPrefix };
}

function redisConnectionOptions(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
}

export interface QueueBackend {
  queue(name: string): AnyQueue;
  worker(name: string, processor: Processor, options: Pick<WorkerOptions, 'concurrency' | 'autorun'>): AnyWorker;
}

export function queueBackendFor(connection: QueueConnection): QueueBackend {
  if (connection.backend === 'redis') {
    const base = () => ({
      connection: redisConnectionOptions(connection.redisUrl),
      prefix: `${connection.prefix}:bull`,
    });
    return {
      queue: (name) => new Queue(name, base()) as unknown as AnyQueue,
      worker: (name, processor, options) =>
        new Worker(name, processor, { ...base(), ...options }) as unknown as AnyWorker,
    };
  }
  // Each Queue/Worker owns a small pg pool plus (workers) one LISTEN connection; `migrate` creates or upgrades
  // BullMQ's tables in the schema under its own advisory lock, so concurrent starters are safe.
  const pg = () => ({
    connection: { connectionString: connection.databaseUrl, schema: connection.schema, migrate: true, max: 3 },
  });
  return {
    queue: (name) => new Queue(name, pg(), createPostgresBackend) as unknown as AnyQueue,
    worker: (name, processor, options) =>
      new Worker(name, processor, { ...pg(), ...options }, createPostgresBackend) as unknown as AnyWorker,
  };
}
