import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { deleteKeys } from '../support/redis-keys.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import { createAgents, resetRouting } from './calls-support.js';

let t: TestApp;

beforeAll(async () => {
  await resetRouting();
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  // Leave nothing queued or ready for the next file's boot-time rebuild.
  await resetRouting();
});

/** Deletes every key of this test app's prefix — and only those: the shared Redis is never flushed. */
async function loseRedis() {
  return deleteKeys(t.deps.redis!, `${t.deps.config.redisPrefix}:`);
}

describe('loss of Redis', () => {
  it('rebuilds waiting lists and agent states from Postgres, and every waiting contact is still routed', async () => {
    const { calls, database } = t.deps;
    const db = database.db;
    const agents = await createAgents(db, 3, () => [{ skill: 'general', level: 5 }]);
    for (const id of agents) await calls.presence.setAgentState(id, 'ready', undefined, SYSTEM_ACTOR);
    const created = [];
    for (let i = 0; i < 30; i++) {
      created.push(
        await calls.router.enqueueContact({
          channel: i % 2 ? 'call' : 'web',
          callerNumber: `1370000${String(i).padStart(4, '0')}`,
          priority: i % 10 === 0 ? 'green_channel' : 'normal',
          greenChannel: i % 10 === 0,
          skillGroup: 'general',
        }),
      );
      t.clock.advance(10);
    }
    await calls.router.dispatch();
    // One agent is talking, the two others ring: the interesting states to lose.
    const talking = (await calls.store.getAgent(agents[0]!))!;
    await calls.router.acceptOffer(agents[0]!, talking.contactId!, SYSTEM_ACTOR);

    expect(await loseRedis()).toBeGreaterThan(0);
    expect(await calls.store.waitingCounts(['general'])).toEqual({ general: 0 });
    expect(await calls.store.listAgents()).toEqual([]);

    const report = await calls.rebuildQueuesFromPostgres();
    expect(report.agentsRestored).toBe(3);
    expect(report.offersRecovered).toBe(2);
    expect(report.contactsRequeued).toBe(29);
    // Each recovered offer is back in the queue on the record too, with its audit row.
    const rebuildAudits = await db
      .select({ entityId: auditLog.entityId, fromState: auditLog.fromState, toState: auditLog.toState })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'contact.queued'),
          eq(auditLog.reason, 'rebuild'),
          inArray(
            auditLog.entityId,
            created.map((c) => c.id),
          ),
        ),
      );
    expect(rebuildAudits).toHaveLength(2);
    expect(rebuildAudits.every((a) => a.fromState === 'offered' && a.toState === 'queued')).toBe(true);
    expect(await calls.store.getAgent(agents[0]!)).toMatchObject({ state: 'talking', contactId: talking.contactId });

    // Work everything off: nothing was lost and nothing is answered twice.
    const accepted = new Map<string, number>();
    accepted.set(talking.contactId!, 1);
    for (let round = 0; round < 400; round++) {
      await calls.router.dispatch();
      for (const a of await calls.store.listAgents()) {
        if (a.state === 'ringing' && a.contactId) {
          await calls.router.acceptOffer(a.agentId, a.contactId, SYSTEM_ACTOR);
          accepted.set(a.contactId, (accepted.get(a.contactId) ?? 0) + 1);
        } else if (a.state === 'talking' && a.contactId) {
          await calls.router.endContact(a.agentId, a.contactId, SYSTEM_ACTOR);
        } else if (a.state === 'wrap_up') {
          await calls.presence.finishWrapUp(a.agentId, null, SYSTEM_ACTOR);
        }
      }
      const rows = await db
        .select({ state: contacts.state })
        .from(contacts)
        .where(
          inArray(
            contacts.id,
            created.map((c) => c.id),
          ),
        );
      if (rows.every((r) => r.state === 'ended')) break;
    }
    const rows = await db
      .select({ state: contacts.state })
      .from(contacts)
      .where(
        inArray(
          contacts.id,
          created.map((c) => c.id),
        ),
      );
    expect(rows.filter((r) => r.state === 'ended')).toHaveLength(30);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    expect(accepted.size).toBe(30);
  });

  it('is harmless to run while routing goes on: nothing already held is queued twice', async () => {
    const { calls, database } = t.deps;
    const [agent] = await createAgents(database.db, 1, () => [{ skill: 'general', level: 5 }]);
    await calls.presence.setAgentState(agent!, 'ready', undefined, SYSTEM_ACTOR);
    const contact = await calls.router.enqueueContact({
      channel: 'web',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });
    await calls.router.dispatch();
    // Some ready agent (maybe one from the test before) now rings with it.
    const holder = await calls.store.offerOf(contact.id);
    expect(holder).not.toBeNull();
    const report = await calls.rebuildQueuesFromPostgres();
    expect(report.contactsRequeued).toBe(0);
    expect((await calls.store.offerOf(contact.id))?.agentId).toBe(holder!.agentId);
    expect((await calls.store.waitingCounts(['general'])).general).toBe(0);
  });
});
