import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { queueScore, type PriorityClass, type SkillGroup } from '@hotline/shared/domain/routing-policy';
import { TEST_REDIS_PREFIX, TEST_REDIS_URL } from '../support/env.js';
import { connectRedis } from '../../server/src/platform/redis/redis.js';
import { createRedisAcdStore } from '../../server/src/modules/calls/acd-store.redis.js';
import { createMemoryAcdStore } from '../../server/src/modules/calls/acd-store.memory.js';
import type { AcdStore, RoutingSlot, WaitingEntry } from '../../server/src/modules/calls/acd-store.js';

/**
 * The router's fast path in the store (`offerNew`, issue 12): a new contact goes straight to the longest-idle ready
 * agent of its best tier in one atomic step — only when nobody waits ahead of it for that agent — so that enqueue →
 * offer is one Postgres statement. Both stores; for Redis also two "nodes" (two connections, one prefix) racing.
 */
const T0 = Date.UTC(2026, 11, 2, 8, 0, 0);
let seq = 0;
const entry = (group: SkillGroup, priority: PriorityClass, atMs: number): WaitingEntry => ({
  contactId: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  group,
  score: queueScore(priority, atMs),
});
const general0: RoutingSlot[] = [{ group: 'general', tier: 0 }];

async function ready(store: AcdStore, agentId: string, sinceMs: number, slots: RoutingSlot[] = general0) {
  const before = await store.transitionAgent(agentId, ['offline', 'ready', 'break'], {
    state: 'ready',
    reason: null,
    sinceMs,
    contactId: null,
    slots,
  });
  expect(before).not.toBeNull();
}
const offerNew = (store: AcdStore, e: WaitingEntry, nowMs = T0 + 60_000) =>
  store.offerNew({ entry: e, tiers: [0], nowMs, ringDeadlineMs: nowMs + 15_000 });

const redisClients: Redis[] = [];
afterAll(async () => {
  await Promise.all(redisClients.map((r) => r.quit()));
});

describe.each(['redis', 'memory'] as const)('offerNew with the %s store', (kind) => {
  let store: AcdStore;
  /** A second node on the same keys (Redis); the same store for memory (one node only). */
  let other: AcdStore;
  beforeEach(async () => {
    if (kind === 'redis') {
      const prefix = `${TEST_REDIS_PREFIX}-offer-new`;
      const [a, b] = [connectRedis(TEST_REDIS_URL), connectRedis(TEST_REDIS_URL)];
      redisClients.push(a, b);
      store = createRedisAcdStore(a, prefix);
      other = createRedisAcdStore(b, prefix);
    } else {
      store = createMemoryAcdStore();
      other = store;
    }
    await store.clearForTests();
  });
  afterEach(async () => {
    await store.clearForTests();
  });

  it('makes the longest-idle ready agent ring with the new contact, which never enters a waiting list', async () => {
    await ready(store, 'agent-late', T0 + 2_000);
    await ready(store, 'agent-idle', T0 + 1_000);
    const call = entry('general', 'normal', T0 + 60_000);
    expect(await offerNew(store, call)).toEqual({ agentId: 'agent-idle', idleSinceMs: T0 + 1_000 });
    expect(await store.getAgent('agent-idle')).toMatchObject({ state: 'ringing', contactId: call.contactId });
    expect(await store.readyAgents('general', 0, 10)).toEqual(['agent-late']);
    expect(await store.waitingHeads(['general'], 10)).toEqual([]);
    expect(await store.offerOf(call.contactId)).toEqual({
      agentId: 'agent-idle',
      group: 'general',
      score: call.score,
    });
    // Its ring deadline is set like a claim's, and a second offerNew of the same contact changes nothing.
    expect(await store.popDueDeadlines(T0 + 75_000, 10)).toEqual([
      { kind: 'ring', agentId: 'agent-idle', contactId: call.contactId },
    ]);
    expect(await offerNew(store, call)).toBeNull();
    expect(await store.getAgent('agent-late')).toMatchObject({ state: 'ready' });
  });

  it('takes the first tier that has a ready agent, and nothing when none is ready', async () => {
    const call = entry('general', 'normal', T0 + 60_000);
    expect(await store.offerNew({ entry: call, tiers: [0, 1], nowMs: T0, ringDeadlineMs: T0 + 1 })).toBeNull();
    await ready(store, 'tier1', T0, [{ group: 'general', tier: 1 }]);
    expect(await store.offerNew({ entry: call, tiers: [0], nowMs: T0, ringDeadlineMs: T0 + 1 })).toBeNull();
    expect(await store.offerNew({ entry: call, tiers: [0, 1], nowMs: T0, ringDeadlineMs: T0 + 1 })).toMatchObject({
      agentId: 'tier1',
    });
  });

  it('refuses while a contact waits ahead of it in its group or in any group of that agent, lets a better place by', async () => {
    await ready(store, 'both', T0, [
      { group: 'general', tier: 0 },
      { group: 'letters', tier: 2 },
    ]);
    const letter = entry('letters', 'normal', T0 + 10_000);
    await store.enqueue(letter);
    // A later normal call would overtake the letter that waits for the same agent: refused, nothing changed.
    const call = entry('general', 'normal', T0 + 20_000);
    expect(await offerNew(store, call)).toBeNull();
    expect(await store.getAgent('both')).toMatchObject({ state: 'ready' });
    expect((await store.waitingHeads(['general', 'letters'], 10)).map((e) => e.contactId)).toEqual([letter.contactId]);
    // The same within the contact's own group, also at an equal score.
    await store.removeWaiting(letter.contactId, 'letters');
    const early = entry('general', 'normal', T0 + 20_000);
    await store.enqueue(early);
    expect(await offerNew(store, { ...call, score: early.score })).toBeNull();
    // A green-channel call has the better place: it goes first.
    const green = entry('general', 'green_channel', T0 + 30_000);
    expect(await offerNew(store, green)).toMatchObject({ agentId: 'both' });
    expect((await store.waitingHeads(['general'], 10)).map((e) => e.contactId)).toEqual([early.contactId]);
  });

  it('sends an unanswered fast-path offer back to its place in the queue, ahead of later arrivals', async () => {
    await ready(store, 'a1', T0);
    const first = entry('general', 'normal', T0 + 1_000);
    expect(await offerNew(store, first)).toMatchObject({ agentId: 'a1' });
    const later = entry('general', 'normal', T0 + 2_000);
    await store.enqueue(later);
    const released = await store.releaseOffer('a1', first.contactId, true, {
      state: 'break',
      reason: 'ring_no_answer',
      sinceMs: T0 + 16_000,
      contactId: null,
    });
    expect(released).toBe(true);
    expect(await store.waitingHeads(['general'], 10)).toEqual([first, later]);
    expect(await store.offerOf(first.contactId)).toBeNull();
  });

  it('two nodes racing: each agent rings with one contact, each contact with at most one agent', async () => {
    for (let round = 0; round < 10; round++) {
      await store.clearForTests();
      for (let i = 0; i < 3; i++) await ready(store, `agent-${i}`, T0 + i * 1_000);
      // A waiting contact claimed by a matching pass on one node while both nodes offer new contacts straight away.
      const waiting = entry('general', 'normal', T0 + 5_000);
      await store.enqueue(waiting);
      const fresh = Array.from({ length: 8 }, (_, i) => entry('general', 'transfer_back', T0 + 10_000 + i));
      const results = await Promise.all([
        store.claimOffer({
          contactId: waiting.contactId,
          group: 'general',
          agentId: 'agent-0',
          nowMs: T0 + 60_000,
          ringDeadlineMs: T0 + 75_000,
        }),
        // The same new contact offered on both nodes at once (a repeated event): at most one offer.
        offerNew(other, fresh[0]!),
        ...fresh.map((e, i) => offerNew(i % 2 ? other : store, e)),
      ]);
      const granted = results
        .slice(1)
        .filter((r): r is { agentId: string; idleSinceMs: number } => typeof r === 'object' && r !== null);
      const claimed = results[0] === 'claimed' ? ['agent-0'] : [];
      const agentsUsed = [...claimed, ...granted.map((g) => g.agentId)];
      expect(agentsUsed.sort()).toEqual(['agent-0', 'agent-1', 'agent-2']);
      const ringing = await Promise.all(['agent-0', 'agent-1', 'agent-2'].map((a) => store.getAgent(a)));
      const contactsRinging = ringing.map((a) => a?.contactId);
      expect(new Set(contactsRinging).size).toBe(3);
      for (const a of ringing) {
        expect(a?.state).toBe('ringing');
        expect((await store.offerOf(a!.contactId!))?.agentId).toBe(a!.agentId);
      }
      expect(await store.readyAgents('general', 0, 10)).toEqual([]);
      // The waiting contact is either ringing or still waiting at its place — never both, never lost.
      const stillWaiting = (await store.waitingHeads(['general'], 10)).map((e) => e.contactId);
      expect(stillWaiting).toEqual(results[0] === 'claimed' ? [] : [waiting.contactId]);
    }
  });
});
