import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { connectRedis } from '../../server/src/platform/redis/redis.js';
import { runTelephonyChaos } from '../support/telephony-chaos.js';
import { resetRouting } from './calls-support.js';

/**
 * Issue 13 — a randomized run of telephony events (answers, hang-ups at every stage, declines, ring-outs, agents
 * losing their connection, duplicate, late and unknown events) through the real calls module on Postgres and Redis:
 * at the end nobody is stuck ringing or talking, no caller is left in a queue, Redis and Postgres agree on every
 * agent, and first offers followed priority then wait. `npm run bench telephony-events` runs 100,000 events.
 */
let t: TestApp;
let redis: Redis;

beforeAll(async () => {
  await resetRouting();
  t = await startTestApp();
  // The app's own routing stays out of the way: the run drives a calls module of its own over the same stores.
  await t.deps.calls.stop();
  redis = connectRedis(TEST_REDIS_URL);
}, 120_000);

afterAll(async () => {
  await redis?.quit();
  await t?.close();
  await resetRouting();
});

describe('telephony events, randomized (issue 13)', () => {
  it('3,000 events in random order with duplicates, late and unknown events leave nothing stuck', async () => {
    const report = await runTelephonyChaos({
      db: t.deps.database.db,
      redis,
      redisPrefix: t.deps.config.redisPrefix,
      clock: t.clock,
      events: 3_000,
      agents: 12,
      timeLimitMs: 90_000,
      seed: 20261202,
    });
    expect(report.problems).toEqual([]);
    // The run reached every stage it claims to (a run that did nothing would pass the checks above).
    expect(report.eventsSent).toBeGreaterThanOrEqual(3_000);
    for (const outcome of ['queued', 'connected', 'ended', 'abandoned', 'held', 'unknown_call', 'ignored'])
      expect(report.outcomes[outcome] ?? 0, outcome).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).some((o) => o.startsWith('late:'))).toBe(true);
    expect(report.duplicatesAcknowledged).toBeGreaterThan(0);
    for (const action of ['decline', 'ring_no_answer', 'connection_lost_ringing', 'wrap_up_done'])
      expect(report.agentActions[action] ?? 0, action).toBeGreaterThan(0);
  }, 180_000);
});
