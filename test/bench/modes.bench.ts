/**
 * Production mode (PostgreSQL + Redis) against embedded mode (PGlite through the gateway, queues on Postgres, memory
 * stores): the same app, the same three workloads, printed side by side. Figures for the README; nothing asserted.
 * Owns its data: database `hotline_bench_modes` and a temporary folder, both removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Type } from 'typebox';
import { buildApp } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config/index.js';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { dropDatabase, recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { startEmbeddedDatabase } from '../../server/src/platform/embedded/embedded-database.js';
import { defineJob } from '../../server/src/platform/queue/job-definitions.js';
import { JobRegistry } from '../../server/src/platform/queue/job-registry.js';
import { queueConnectionFrom, startWorkers } from '../../server/src/platform/queue/queues.js';
import { recordAudit, SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { apiClient } from '../integration/embedded-process.js';

const HTTP_REQUESTS = 1_000;
const WRITES = 500;
const JOBS = 300;
const CONCURRENCY = 8;
const ORIGIN = 'http://localhost:3000';

const benchJob = defineJob({ queue: 'reports', name: 'benchModesProbe', payload: Type.Object({ n: Type.Integer() }) });

async function inParallel(count: number, work: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await work(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function measure(label: string, config: Config): Promise<void> {
  const { app, deps } = await buildApp({ config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const api = apiClient(baseUrl);
    if ((await api.signIn('agent01', DEMO_PASSWORD)).status !== 200) throw new Error('bench sign-in failed');

    let started = performance.now();
    const reads = await inParallel(HTTP_REQUESTS, async () => {
      const response = await api.get('/api/departments');
      if (response.status !== 200) throw new Error(`GET /api/departments: ${response.status}`);
    });
    const readSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const writes = await inParallel(WRITES, async (i) => {
      await deps.database.db.transaction((tx) =>
        recordAudit(tx, SYSTEM_ACTOR, { action: 'bench.write', entityType: 'bench', entityId: String(i) }),
      );
    });
    const writeSeconds = (performance.now() - started) / 1000;

    let handled = 0;
    const registry = new JobRegistry().define(benchJob).handle(benchJob, async () => {
      handled++;
    });
    const workers = startWorkers(queueConnectionFrom(config), registry, { concurrency: CONCURRENCY });
    started = performance.now();
    const run = `${Date.now()}`;
    for (let i = 0; i < JOBS; i++) await deps.queues.enqueue(benchJob, { n: i }, { jobId: `bench-${run}-${i}` });
    const enqueueSeconds = (performance.now() - started) / 1000;
    const deadline = Date.now() + 120_000;
    while (handled < JOBS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const jobSeconds = (performance.now() - started) / 1000;
    await workers.close();

    console.log(`\n${label}`);
    console.log(
      `  HTTP GET /api/departments ×${HTTP_REQUESTS} (${CONCURRENCY} parallel): ${(HTTP_REQUESTS / readSeconds).toFixed(0)} req/s, ` +
        `p50 ${pct(reads, 0.5).toFixed(1)} ms, p95 ${pct(reads, 0.95).toFixed(1)} ms`,
    );
    console.log(
      `  transaction with an audit row ×${WRITES} (${CONCURRENCY} parallel): ${(WRITES / writeSeconds).toFixed(0)} tx/s, ` +
        `p50 ${pct(writes, 0.5).toFixed(1)} ms, p95 ${pct(writes, 0.95).toFixed(1)} ms`,
    );
    console.log(
      `  queue: ${JOBS} jobs enqueued in ${(enqueueSeconds * 1000).toFixed(0)} ms, all ${handled === JOBS ? 'handled' : `NOT handled (${handled})`} ` +
        `after ${(jobSeconds * 1000).toFixed(0)} ms (${(handled / jobSeconds).toFixed(0)} jobs/s end to end)`,
    );
  } finally {
    const keys = deps.redis ? await deps.redis.keys(`${config.redisPrefix}*`) : [];
    if (keys.length) await deps.redis!.del(...keys);
    await app.close();
  }
}

export async function run(): Promise<void> {
  const overrides = {
    consoleDist: null,
    loginRateLimitPerMinute: 100_000,
    allowedOrigins: [ORIGIN],
    logLevel: 'silent',
  } satisfies Partial<Config>;

  // Production mode: PostgreSQL + Redis.
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_modes';
  await recreateDatabase(databaseUrl);
  const setup = connectDatabase(databaseUrl, { max: 2 });
  await runMigrations(setup.db);
  await seedDemoData(setup.db);
  await setup.close();
  try {
    await measure(
      'production mode (PostgreSQL + Redis: queues, sessions, rate limits)',
      loadConfig(
        { NODE_ENV: 'production' },
        { ...overrides, databaseUrl, redisPrefix: `hotline-bench-${process.pid}`, realtimeAdapter: 'none' },
      ),
    );
  } finally {
    await dropDatabase(databaseUrl);
  }

  // Embedded mode: PGlite through the gateway, BullMQ on Postgres, memory stores.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-embedded-'));
  const embedded = await startEmbeddedDatabase(dataDir);
  try {
    const embeddedSetup = connectDatabase(embedded.url, { max: 2 });
    await runMigrations(embeddedSetup.db);
    await seedDemoData(embeddedSetup.db);
    await embeddedSetup.close();
    await measure(
      'embedded mode (PGlite, queues on Postgres, memory stores, one process)',
      loadConfig({ NODE_ENV: 'production', HOTLINE_EMBEDDED: '1' }, { ...overrides, databaseUrl: embedded.url }),
    );
  } finally {
    await embedded.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
