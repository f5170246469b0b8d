import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { queueScore, tierForLevel, type PriorityClass, type SkillGroup } from '@hotline/shared/domain/routing-policy';
import type { ScreenPop } from '@hotline/shared/contracts/calls';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { connectRedis } from '../../server/src/platform/redis/redis.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { createCallsModule, type CallsModule } from '../../server/src/modules/calls/calls.module.js';
import { createRedisAcdStore } from '../../server/src/modules/calls/acd-store.redis.js';
import type { CallNotifier } from '../../server/src/modules/calls/calls-context.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import { createAgents, resetRouting } from './calls-support.js';

const CONTACTS = 1_000;
const AGENTS = 100;
const GROUPS: SkillGroup[] = ['general', 'business', 'letters'];
const TIME_LIMIT_MS = 90_000;
const MAX_ROUNDS = 3_000;

let t: TestApp;
const extraRedis: Redis[] = [];
/** Two routing "server processes" over the same Redis keys and database. */
const nodes: CallsModule[] = [];
const firstOfferAt = new Map<string, number>();
const offers: { contactId: string; agentId: string; at: number }[] = [];

function recorder(): CallNotifier {
  return {
    toAgent(agentId, event, ...args) {
      if (event !== 'call:delivered') return;
      const pop = args[0] as ScreenPop;
      const at = new Date(pop.ringDeadline).getTime() - nodes[0]!.ctx.policy.ringSeconds * 1000;
      offers.push({ contactId: pop.contactId, agentId, at });
      if (!firstOfferAt.has(pop.contactId)) firstOfferAt.set(pop.contactId, at);
    },
    wallboardChanged() {},
  };
}

beforeAll(async () => {
  await resetRouting();
  t = await startTestApp();
  await t.deps.calls.stop();
  for (let i = 0; i < 2; i++) {
    const redis = connectRedis(TEST_REDIS_URL);
    extraRedis.push(redis);
    const node = createCallsModule({
      db: t.deps.database.db,
      store: createRedisAcdStore(redis, t.deps.config.redisPrefix),
      clock: t.clock,
      realtime: null,
      notifier: recorder(),
    });
    // Overflow opens during the run: tier 1 after 2 s of (fake) waiting, tier 2 after 4 s.
    Object.assign(node.ctx.policy, { tierOverflowSeconds: [0, 2, 4], ringSeconds: 600, wrapUpSeconds: 600 });
    nodes.push(node);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await Promise.all(extraRedis.map((r) => r.quit()));
  await t.close();
  // Leave nothing queued or ready for the next file's boot-time rebuild.
  await resetRouting();
});

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

describe('routing under load', () => {
  it(`routes ${CONTACTS} contacts to ${AGENTS} agents across 3 skill groups with concurrent accept/reject`, async () => {
    const db = t.deps.database.db;
    // Agent i: its group is i % 3; levels spread over the three tiers; every fifth agent also takes general calls.
    const levelOf = (i: number) => (i < 60 ? 5 : i < 90 ? 3 : 1);
    const agentSkills = (i: number) => {
      const skills = [{ skill: GROUPS[i % 3]!, level: levelOf(i) }];
      if (i % 5 === 0 && i % 3 !== 0) skills.push({ skill: 'general', level: 4 });
      return skills;
    };
    const agentIds = await createAgents(db, AGENTS, agentSkills);
    const tierOf = new Map<string, number>();
    agentIds.forEach((id, i) => {
      for (const s of agentSkills(i)) tierOf.set(`${id}:${s.skill}`, tierForLevel(s.level, nodes[0]!.ctx.policy)!);
    });

    const meta = new Map<string, { group: SkillGroup; priority: PriorityClass; enqueuedAt: number }>();
    for (let batch = 0; batch < CONTACTS / 50; batch++) {
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, j) => {
          const i = batch * 50 + j;
          const priority: PriorityClass = i % 20 === 0 ? 'transfer_back' : i % 7 === 0 ? 'green_channel' : 'normal';
          return pick(nodes).router.enqueueContact({
            channel: 'call',
            callerNumber: `1390000${String(i).padStart(4, '0')}`,
            priority,
            greenChannel: priority === 'green_channel',
            skillGroup: GROUPS[i % 3]!,
          });
        }),
      );
      for (const c of created)
        meta.set(c.id, { group: c.skillGroup, priority: c.priority, enqueuedAt: c.enqueuedAt.getTime() });
      t.clock.advance(5);
    }
    const ids = [...meta.keys()];

    for (const id of agentIds) await pick(nodes).presence.setAgentState(id, 'ready', undefined, SYSTEM_ACTOR);

    const acceptedBy = new Map<string, string[]>();
    let raceChecks = 0;
    const started = Date.now();
    let ended = 0;
    for (let round = 0; round < MAX_ROUNDS && Date.now() - started < TIME_LIMIT_MS; round++) {
      t.clock.advance(100);
      await Promise.all(nodes.map((n) => n.router.dispatch()));
      const agents = await nodes[0]!.store.listAgents();
      const busyWith = agents.filter((a) => a.contactId && (a.state === 'ringing' || a.state === 'talking'));
      expect(new Set(busyWith.map((a) => a.contactId)).size).toBe(busyWith.length);

      await Promise.all(
        agents.map(async (a) => {
          const actor = { userId: a.agentId, role: 'agent', ip: null };
          if (a.state === 'ringing' && a.contactId) {
            const contactId = a.contactId;
            const roll = Math.random();
            if (roll < 0.1) {
              // Both nodes act on the same offer at once: exactly one may win.
              const results = await Promise.allSettled([
                nodes[0]!.router.acceptOffer(a.agentId, contactId, actor),
                nodes[1]!.router.rejectOffer(a.agentId, contactId, actor),
              ]);
              expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
              raceChecks++;
              if (results[0]!.status === 'fulfilled')
                acceptedBy.set(contactId, [...(acceptedBy.get(contactId) ?? []), a.agentId]);
            } else if (roll < 0.3) {
              await pick(nodes).router.rejectOffer(a.agentId, contactId, actor);
            } else {
              await pick(nodes).router.acceptOffer(a.agentId, contactId, actor);
              acceptedBy.set(contactId, [...(acceptedBy.get(contactId) ?? []), a.agentId]);
            }
          } else if (a.state === 'talking' && a.contactId) {
            await pick(nodes).router.endContact(a.agentId, a.contactId, actor);
          } else if (a.state === 'wrap_up') {
            await pick(nodes).presence.finishWrapUp(a.agentId, null, actor);
          } else if (a.state === 'break') {
            await pick(nodes).presence.setAgentState(a.agentId, 'ready', undefined, actor);
          }
        }),
      );
      if (round % 10 === 0) {
        const [row] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(contacts)
          .where(sql`${inArray(contacts.id, ids)} and ${contacts.state} = 'ended'`);
        ended = row!.n;
        if (ended === CONTACTS) break;
      }
    }

    // No lost contact: every one was answered and ended, each accepted exactly once.
    expect(ended).toBe(CONTACTS);
    expect(acceptedBy.size).toBe(CONTACTS);
    for (const agentsOfContact of acceptedBy.values()) expect(agentsOfContact).toHaveLength(1);
    expect(raceChecks).toBeGreaterThan(0);
    const states = await db.select({ state: contacts.state }).from(contacts).where(inArray(contacts.id, ids));
    expect(states.every((s) => s.state === 'ended')).toBe(true);

    // Overflow respected: no offer reached a tier before the contact had waited that tier's overflow time.
    const overflow = nodes[0]!.ctx.policy.tierOverflowSeconds;
    let overflowOffers = 0;
    for (const offer of offers) {
      const m = meta.get(offer.contactId)!;
      const tier = tierOf.get(`${offer.agentId}:${m.group}`);
      expect(tier).toBeDefined();
      expect(offer.at - m.enqueuedAt).toBeGreaterThanOrEqual(overflow[tier!]! * 1000);
      if (tier! > 0) overflowOffers++;
    }
    expect(overflowOffers).toBeGreaterThan(0);

    // Priority and FIFO within a priority: when a contact was first offered to an agent of tier k, no contact ahead
    // of it in the same queue was still waiting unoffered while already allowed to reach tier k.
    const firstOfferTier = new Map<string, number>();
    for (const offer of offers) {
      if (!firstOfferTier.has(offer.contactId)) {
        firstOfferTier.set(offer.contactId, tierOf.get(`${offer.agentId}:${meta.get(offer.contactId)!.group}`)!);
      }
    }
    let violations = 0;
    for (const group of GROUPS) {
      const ordered = ids
        .filter((id) => meta.get(id)!.group === group)
        .sort((a, b) => {
          const ma = meta.get(a)!;
          const mb = meta.get(b)!;
          return queueScore(ma.priority, ma.enqueuedAt) - queueScore(mb.priority, mb.enqueuedAt) || (a < b ? -1 : 1);
        });
      ordered.forEach((later, j) => {
        const at = firstOfferAt.get(later)!;
        const tier = firstOfferTier.get(later)!;
        for (let i = 0; i < j; i++) {
          const ahead = ordered[i]!;
          const stillWaiting = firstOfferAt.get(ahead)! > at;
          const couldReach = at - meta.get(ahead)!.enqueuedAt >= overflow[tier]! * 1000;
          if (stillWaiting && couldReach) violations++;
        }
      });
    }
    expect(violations).toBe(0);
  }, 150_000);
});
