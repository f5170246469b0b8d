import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { defineJob } from '../../server/src/platform/queue/job-definitions.js';
import { JobRegistry } from '../../server/src/platform/queue/job-registry.js';
import { createQueues, startWorkers, type QueueConnection } from '../../server/src/platform/queue/queues.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/platform/embedded/embedded-database.js';
import { TEST_DATABASE_URL, TEST_REDIS_PREFIX, TEST_REDIS_URL } from '../support/env.js';

/**
 * The queue abstraction must behave the same on Redis (production) and on BullMQ's PostgreSQL backend (embedded
 * mode, small sites): every test below runs against both, each in its own namespace (Redis prefix / Postgres schema).
 */
const probe = defineJob({
  queue: 'maintenance',
  name: 'queue-test-probe',
  payload: Type.Object({ label: Type.String({ maxLength: 40 }) }),
});

interface Handled {
  label: string;
  jobId: string | undefined;
  at: number;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const schema = `queue_test_${process.pid}`;
let embedded: EmbeddedDatabase | null = null;
let embeddedDir: string | null = null;
const backends: {
  name: string;
  setUp: () => Promise<QueueConnection>;
  cleanUp: () => Promise<void>;
}[] = [
  {
    name: 'redis',
    setUp: async () => ({ backend: 'redis', redisUrl: TEST_REDIS_URL, prefix: `${TEST_REDIS_PREFIX}-queues` }),
    async cleanUp() {
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${TEST_REDIS_PREFIX}-queues*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  },
  {
    name: 'postgres',
    setUp: async () => ({ backend: 'postgres', databaseUrl: TEST_DATABASE_URL, schema }),
    async cleanUp() {
      const sql = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop schema if exists "${schema}" cascade`);
      await sql.end();
    },
  },
  {
    // The embedded mode's combination: BullMQ's `pg` pools and LISTEN client through the PGlite gateway.
    name: 'postgres on embedded PGlite',
    async setUp() {
      embeddedDir = mkdtempSync(path.join(tmpdir(), 'hotline-queue-test-'));
      embedded = await startEmbeddedDatabase(embeddedDir);
      return { backend: 'postgres', databaseUrl: embedded.url, schema: 'hotline_queue' };
    },
    async cleanUp() {
      await embedded?.close();
      if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
      embedded = null;
    },
  },
];

describe.each(backends)('queue backend: $name', ({ setUp, cleanUp }) => {
  let connection: QueueConnection;
  /** A registry whose one handler records what it ran; optionally slow, to make ordering observable. */
  function recordingRegistry() {
    const handled: Handled[] = [];
    const registry = new JobRegistry().define(probe).handle(probe, async (payload, context) => {
      handled.push({ label: payload.label, jobId: context.jobId, at: Date.now() });
    });
    return { registry, handled };
  }

  async function withQueue<T>(
    run: (tools: {
      queues: ReturnType<typeof createQueues>;
      handled: Handled[];
      startConsuming: () => void;
    }) => Promise<T>,
    options: { autorun?: boolean; concurrency?: number } = {},
  ): Promise<T> {
    const queues = createQueues(connection);
    const { registry, handled } = recordingRegistry();
    const workers = startWorkers(connection, registry, {
      autorun: options.autorun ?? true,
      concurrency: options.concurrency ?? 4,
    });
    try {
      return await run({
        queues,
        handled,
        startConsuming: () => workers.workers.forEach((w) => void w.run()),
      });
    } finally {
      await workers.close();
      await queues.close();
    }
  }

  beforeAll(async () => {
    await cleanUp();
    connection = await setUp();
  });
  afterAll(cleanUp);

  it('handles a job enqueued with a fixed id exactly once', async () => {
    const jobId = `probe-${randomUUID()}`;
    await withQueue(async ({ queues, handled }) => {
      await queues.enqueue(probe, { label: 'once' }, { jobId });
      await until(() => handled.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(handled).toEqual([{ label: 'once', jobId, at: expect.any(Number) }]);
    });
  });

  it('does not run a duplicate id twice, neither while queued nor after completion', async () => {
    const jobId = `dup-${randomUUID()}`;
    await withQueue(
      async ({ queues, handled, startConsuming }) => {
        await queues.enqueue(probe, { label: 'first' }, { jobId });
        await queues.enqueue(probe, { label: 'second' }, { jobId });
        startConsuming();
        await until(() => handled.length > 0);
        await queues.enqueue(probe, { label: 'after-completion' }, { jobId });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(handled.map((h) => h.label)).toEqual(['first']);
      },
      { autorun: false },
    );
  });

  it('runs a delayed job only after its delay', async () => {
    await withQueue(async ({ queues, handled }) => {
      const enqueuedAt = Date.now();
      await queues.enqueue(probe, { label: 'delayed' }, { jobId: `delay-${randomUUID()}`, delayMs: 1_000 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(handled).toHaveLength(0);
      await until(() => handled.length > 0, 8_000);
      expect(handled[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(950);
    });
  });

  it('takes waiting jobs in priority order (1 = most urgent)', async () => {
    await withQueue(
      async ({ queues, handled, startConsuming }) => {
        await queues.enqueue(probe, { label: 'routine' }, { jobId: `p10-${randomUUID()}`, priority: 10 });
        await queues.enqueue(probe, { label: 'urgent' }, { jobId: `p1-${randomUUID()}`, priority: 1 });
        await queues.enqueue(probe, { label: 'soon' }, { jobId: `p5-${randomUUID()}`, priority: 5 });
        startConsuming();
        await until(() => handled.length === 3);
        expect(handled.map((h) => h.label)).toEqual(['urgent', 'soon', 'routine']);
      },
      { autorun: false, concurrency: 1 },
    );
  });

  it('refuses to start workers when a job has no handler or a handler has no job', () => {
    const missing = new JobRegistry().define(probe);
    expect(() => startWorkers(connection, missing)).toThrow(/no handler for queue-test-probe/);
    const unknown = new JobRegistry().handle(probe, async () => {});
    expect(() => startWorkers(connection, unknown)).toThrow(/handlers for undefined jobs queue-test-probe/);
  });

  it('validates payloads when enqueued and again when handled', async () => {
    await withQueue(async ({ queues, handled }) => {
      const jobId = `bad-${randomUUID()}`;
      await expect(queues.enqueue(probe, { label: 42 } as unknown as { label: string }, { jobId })).rejects.toThrow(
        /Invalid payload for job queue-test-probe/,
      );
      expect(await queues.queue('maintenance').getJob(jobId)).toBeFalsy();

      // A job written by another (older) producer straight into the queue: the worker must refuse it, not crash.
      const rawId = `raw-${randomUUID()}`;
      await queues.queue('maintenance').add(probe.name, { label: 7 }, { jobId: rawId, attempts: 1, priority: 1 });
      await until(async () => (await (await queues.queue('maintenance').getJob(rawId))?.getState()) === 'failed');
      const failed = await queues.queue('maintenance').getJob(rawId);
      expect(failed?.failedReason).toMatch(/Invalid payload for job queue-test-probe/);
      expect(handled).toHaveLength(0);
    });
  });
});
