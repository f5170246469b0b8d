import { Queue, Worker, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { JobDefinition, JobPayload } from './job-definitions.js';
import { assertValidPayload, type JobRegistry } from './job-registry.js';

export interface QueueConnection {
  /** Redis URL (BullMQ opens its own connections: workers need blocking ones). */
  redisUrl: string;
  prefix: string;
}

export interface EnqueueOptions {
  /** Fixed id: BullMQ delivers at least once, and the same id is never queued twice while it exists. */
  jobId: string;
  delayMs?: number;
  priority?: number;
  attempts?: number;
}

function connectionOptions(url: string): ConnectionOptions {
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

/** Producer side: one Queue per queue name, created lazily. Enqueue after the transaction commits. */
export function createQueues(connection: QueueConnection) {
  const queues = new Map<string, Queue>();
  const queueFor = (name: string) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: connectionOptions(connection.redisUrl),
        prefix: `${connection.prefix}:bull`,
      });
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    async enqueue<D extends JobDefinition>(
      definition: D,
      payload: JobPayload<D>,
      options: EnqueueOptions,
    ): Promise<void> {
      assertValidPayload(definition, payload);
      if (options.jobId.includes(':') || /^\d+$/.test(options.jobId)) {
        throw new Error(`Job id ${options.jobId} may not contain ':' or be an integer`);
      }
      const jobOptions: JobsOptions = {
        jobId: options.jobId,
        priority: options.priority ?? definition.priority,
        delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
        attempts: options.attempts ?? 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      };
      await queueFor(definition.queue).add(definition.name, payload, jobOptions);
    },
    queue: queueFor,
    async close(): Promise<void> {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type Queues = ReturnType<typeof createQueues>;

/** Consumer side: a Worker per queue the registry uses, each dispatching by job name to its one handler. */
export function startWorkers(
  connection: QueueConnection,
  registry: JobRegistry,
  options: { concurrency?: number } = {},
) {
  registry.assertComplete();
  const workers = registry.queuesInUse().map(
    (queueName) =>
      new Worker(
        queueName,
        async (job) => registry.run(job.name, job.data, { jobId: job.id, attemptsMade: job.attemptsMade }),
        {
          connection: connectionOptions(connection.redisUrl),
          prefix: `${connection.prefix}:bull`,
          concurrency: options.concurrency ?? 8,
        },
      ),
  );
  return {
    workers,
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
