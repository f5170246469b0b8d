/**
 * `npm run bench telephony-events`: a randomized run of 100,000 telephony events (BENCH_EVENTS) through the real calls
 * module on a database of its own and Redis — answers, hang-ups at every stage, declines, ring-outs, consoles lost,
 * duplicate, late and unknown events, 漏接回拨 tasks worked off (test/support/telephony-chaos.ts). Printed: events
 * sent and their outcomes, events per second, and the end-of-run checks: nobody stuck ringing or talking, no caller
 * left in a queue, Redis and Postgres agreeing on every agent, first offers in priority-then-wait order.
 * Bounded by BENCH_EVENTS_SECONDS (default 900).
 */
import { loadavg } from 'node:os';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { connectRedis } from '../../server/src/platform/redis/redis.js';
import { fakeClock } from '../../server/src/lib/clock.js';
import { runTelephonyChaos } from '../support/telephony-chaos.js';
import { deleteKeys } from '../support/redis-keys.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_events';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `hotline-bench-events-${process.pid}`;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const AGENTS = Number(process.env.BENCH_EVENTS_AGENTS ?? 50);
const SECONDS = Number(process.env.BENCH_EVENTS_SECONDS ?? 900);

export async function run(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  const database = connectDatabase(DATABASE_URL, { max: 10 });
  const redis = connectRedis(REDIS_URL);
  try {
    await runMigrations(database.db);
    const load = loadavg()[0]!.toFixed(1);
    const report = await runTelephonyChaos({
      db: database.db,
      redis,
      redisPrefix: PREFIX,
      clock: fakeClock(new Date()),
      events: EVENTS,
      agents: AGENTS,
      timeLimitMs: SECONDS * 1000,
      seed: Number(process.env.BENCH_SEED ?? Date.now() % 1_000_000),
    });
    const rate = report.eventsSent / (report.elapsedMs / 1000);
    console.log(
      `telephony events: ${report.eventsSent} sent (${report.duplicatesAcknowledged} duplicates acknowledged) for ` +
        `${report.calls} calls and ${AGENTS} agents in ${(report.elapsedMs / 1000).toFixed(1)} s — ` +
        `${rate.toFixed(0)} events/s (load ${load} → ${loadavg()[0]!.toFixed(1)})`,
    );
    console.log(`  outcomes: ${JSON.stringify(report.outcomes)}`);
    console.log(`  agents: ${JSON.stringify(report.agentActions)}`);
    console.log(
      report.problems.length
        ? `  CHECKS FAILED: ${report.problems.join(' | ')}`
        : '  checks: no agent stuck ringing/talking, no caller left queued/ringing/talking, Redis = Postgres for every agent, first offers in priority-then-wait order',
    );
    if (report.eventsSent < EVENTS) console.log(`  stopped by the time bound after ${report.eventsSent} of ${EVENTS}`);
  } finally {
    await deleteKeys(redis, PREFIX);
    await redis.quit();
    await database.close();
  }
}
