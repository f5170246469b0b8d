import type { JobsOptions } from 'bullmq';
import type { JobDefinition, JobPayload } from './job-definitions.js';
import { assertValidPayload, type JobRegistry } from './job-registry.js';
import { queueBackendFor, type AnyQueue, type AnyWorker, type QueueConnection } from './queue-backend.js';

export type { QueueConnection } from './queue-backend.js';
export { queueConnectionFrom } from './queue-backend.js';

export interface EnqueueOptions {
  /** Fixed id: BullMQ delivers at least once, and the same id is never queued twice while it exists. */
  jobId: string;
  delayMs?: number;
  priority?: number;
  attempts?: number;
}

/**
 * Producer side: one Queue per queue name, created lazily. Enqueue after the transaction commits.
 * The backend (Redis or BullMQ's PostgreSQL backend) is chosen by the connection; the API is the same.
 */
export function createQueues(connection: QueueConnection) {
  const backend = queueBackendFor(connection);
  const queues = new Map<string, AnyQueue>();
  const queueFor = (name: string): AnyQueue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = backend.queue(name);
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    backend: connection.backend,
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
  options: { concurrency?: number; autorun?: boolean } = {},
) {
  registry.assertComplete();
  const backend = queueBackendFor(connection);
  const workers: AnyWorker[] = registry
    .queuesInUse()
    .map((queueName) =>
      backend.worker(
        queueName,
        async (job) => registry.run(job.name, job.data, { jobId: job.id, attemptsMade: job.attemptsMade }),
        { concurrency: options.concurrency ?? 8, autorun: options.autorun ?? true },
      ),
    );
  return {
    workers,
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
