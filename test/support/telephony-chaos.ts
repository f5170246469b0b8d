/**
 * A randomized run of telephony events against the real calls module (Postgres + Redis): calls arrive, wait, ring,
 * are answered, held, transferred and hung up at every stage; agents decline, let it ring out, lose their
 * connection, go on break and come back; events arrive twice, late (after later ones) and for calls nobody knows.
 * Used by `test/integration/telephony-events-random.test.ts` (a few thousand events) and `npm run bench
 * telephony-events` (100,000). At the end every caller hangs up and the checks say whether anything got stuck.
 */
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { queueScore, type PriorityClass } from '@hotline/shared/domain/routing-policy';
import type { ScreenPop, TelephonyEventBody } from '@hotline/shared/contracts/calls';
import type { Redis } from 'ioredis';
import { SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import { createRedisAcdStore } from '../../server/src/modules/calls/acd-store.redis.js';
import { createCallsModule, type CallsModule } from '../../server/src/modules/calls/calls.module.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import type { Clock } from '../../server/src/lib/clock.js';
import type { Db } from '../../server/src/platform/db/client.js';
import { createAgents } from '../integration/calls-support.js';
import { seededRandom } from '../../server/src/modules/intelligence/demo-history.js';

export interface ChaosOptions {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  clock: Clock & { advance(ms: number): void };
  /** Telephony events to send (duplicates and late copies count). */
  events: number;
  agents: number;
  /** Wall-clock bound of the run; the checks run on what was done by then. */
  timeLimitMs: number;
  /** Deterministic choices for a given seed. */
  seed?: number;
}

export interface ChaosReport {
  eventsSent: number;
  calls: number;
  outcomes: Record<string, number>;
  duplicatesAcknowledged: number;
  agentActions: Record<string, number>;
  elapsedMs: number;
  /** Every check that failed, in words; empty when nothing got stuck. */
  problems: string[];
}

export async function runTelephonyChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { db, clock } = options;
  const random = seededRandom(options.seed ?? 12345);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

  const firstOfferAt = new Map<string, number>();
  const node: CallsModule = createCallsModule({
    db,
    store: createRedisAcdStore(options.redis, options.redisPrefix),
    clock,
    realtime: null,
    notifier: {
      toAgent(_agentId, event, ...args) {
        if (event !== 'call:delivered') return;
        const pop = args[0] as ScreenPop;
        if (!firstOfferAt.has(pop.contactId)) firstOfferAt.set(pop.contactId, clock.now().getTime());
      },
      wallboardChanged() {},
    },
    onError: () => {},
  });
  // Ring and wrap-up end by the run's own choices (and the deadlines the clock passes); one tier, no overflow wait.
  Object.assign(node.ctx.policy, { ringSeconds: 20, wrapUpSeconds: 60, tierOverflowSeconds: [0, 0, 0] });

  const agentIds = await createAgents(db, options.agents, () => [{ skill: 'general', level: 5 }]);
  for (const id of agentIds) await node.presence.setAgentState(id, 'ready', undefined, SYSTEM_ACTOR);

  const outcomes: Record<string, number> = {};
  const agentActions: Record<string, number> = {};
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  // A refusal in the domain's terms (offer gone, agent busy) is an answer; anything else is a fault the run reports.
  const errors: string[] = [];
  const refused = (error: unknown) => {
    const status = (error as { statusCode?: number }).statusCode ?? 0;
    if (status >= 400 && status < 500) return;
    if (errors.length < 5) errors.push(String((error as Error)?.message ?? error));
    else errors.length++;
  };
  let eventsSent = 0;
  let duplicatesAcknowledged = 0;
  const late: TelephonyEventBody[] = [];
  const callIds: string[] = [];
  const open = new Set<string>();
  const prefix = `chaos-${randomUUID().slice(0, 8)}`;

  async function send(event: Omit<TelephonyEventBody, 'eventId'>): Promise<void> {
    const body: TelephonyEventBody = { eventId: `${prefix}-${eventsSent}-${randomUUID().slice(0, 6)}`, ...event };
    // 5 %: held back and delivered later, after events that happened after it.
    if (chance(0.05)) {
      late.push(body);
      return;
    }
    const copies = chance(0.1) ? 2 : 1;
    eventsSent += copies;
    const results = await Promise.all(Array.from({ length: copies }, () => node.telephony.handleEvent(body)));
    for (const r of results) {
      if (r.duplicate) duplicatesAcknowledged++;
      else count(outcomes, r.outcome);
    }
  }

  async function releaseLate(all = false): Promise<void> {
    const now = all ? late.splice(0) : late.splice(0, Math.ceil(late.length / 2));
    for (const body of now) {
      eventsSent++;
      const r = await node.telephony.handleEvent(body);
      if (r.duplicate) duplicatesAcknowledged++;
      else count(outcomes, `late:${r.outcome}`);
    }
  }

  const started = Date.now();
  const withinTime = () => Date.now() - started < options.timeLimitMs;
  while (eventsSent < options.events && withinTime()) {
    clock.advance(250);
    const actions: Promise<unknown>[] = [];
    // New calls: 绿色通道 one in ten (IVR 9).
    const arrivals = open.size < options.agents * 2 ? Number(chance(0.6)) + Number(chance(0.2)) : 0;
    for (let i = 0; i < arrivals; i++) {
      const callId = `${prefix}-call-${callIds.length}`;
      callIds.push(callId);
      open.add(callId);
      actions.push(
        send({
          type: 'delivered',
          callId,
          callerNumber: `1380000${String(callIds.length % 10000).padStart(4, '0')}`,
          ...(chance(0.1) ? { ivrDigits: '9' } : {}),
        }),
      );
    }
    // Calls nobody knows (a stale Call-ID, another system's call).
    if (chance(0.03))
      actions.push(send({ type: pick(['established', 'cleared', 'held'] as const), callId: `${prefix}-ghost` }));

    const agents = await node.store.listAgents();
    const byContact = new Map(agents.filter((a) => a.contactId).map((a) => [a.contactId!, a]));
    const rows = open.size
      ? await db
          .select({ id: contacts.id, callId: contacts.callId, state: contacts.state })
          .from(contacts)
          .where(inArray(contacts.callId, [...open]))
      : [];
    for (const row of rows) {
      const callId = row.callId!;
      const roll = random();
      if (row.state === 'ended' || row.state === 'abandoned') {
        open.delete(callId);
        continue;
      }
      if (row.state === 'queued') {
        if (roll < 0.02) actions.push(send({ type: chance(0.5) ? 'abandoned' : 'cleared', callId }));
        else if (roll < 0.025) actions.push(send({ type: 'abandoned', callId, callbackRequested: true }));
      } else if (row.state === 'offered') {
        const agent = byContact.get(row.id);
        if (roll < 0.5) actions.push(send({ type: 'established', callId }));
        else if (roll < 0.58 && agent) {
          count(agentActions, 'decline');
          actions.push(node.router.rejectOffer(agent.agentId, row.id, SYSTEM_ACTOR).catch(refused));
        } else if (roll < 0.64 && agent) {
          count(agentActions, 'ring_no_answer');
          actions.push(node.router.ringNoAnswer(agent.agentId, row.id));
        } else if (roll < 0.68 && agent) {
          // The console went away while it rang (the disconnect grace ran out).
          count(agentActions, 'connection_lost_ringing');
          actions.push(
            node.router.withdrawOffer(agent.agentId, row.id, 'ring_no_answer', {
              state: 'break',
              reason: 'connection_lost',
            }),
          );
        } else if (roll < 0.74) actions.push(send({ type: 'cleared', callId, hungUpBy: 'caller' }));
      } else if (row.state === 'connected') {
        if (roll < 0.15) actions.push(send({ type: chance(0.5) ? 'held' : 'retrieved', callId }));
        else if (roll < 0.3)
          actions.push(send({ type: 'cleared', callId, hungUpBy: chance(0.5) ? 'caller' : 'agent' }));
        else if (roll < 0.33) actions.push(send({ type: 'transferred', callId, target: '81234567' }));
        else if (roll < 0.35) actions.push(send({ type: 'established', callId })); // a repeated answer
      }
    }
    // 漏接回拨 tasks (every abandoned call leaves one) are taken at the desk, not by telephony events. A task is what
    // Postgres records as one: an offer whose contact is not committed yet (a new call offered at once, still being
    // recorded) is nobody's to take — its screen-pop has not gone out.
    const held = agents.filter((a) => a.contactId).map((a) => a.contactId!);
    const tasks = new Set(
      held.length
        ? (
            await db
              .select({ id: contacts.id })
              .from(contacts)
              .where(sql`${inArray(contacts.id, held)} and ${contacts.channel} = 'callback'`)
          ).map((r) => r.id)
        : [],
    );
    for (const a of agents) {
      const actor = { userId: a.agentId, role: 'agent', ip: null };
      const task = a.contactId && tasks.has(a.contactId) ? a.contactId : null;
      if (task && a.state === 'ringing' && chance(0.5)) {
        count(agentActions, 'task_taken');
        actions.push(node.router.acceptOffer(a.agentId, task, actor).catch(refused));
      } else if (task && a.state === 'talking' && chance(0.3)) {
        count(agentActions, 'task_done');
        actions.push(node.router.endContact(a.agentId, task, actor));
      } else if (a.state === 'wrap_up' && chance(0.3)) {
        count(agentActions, 'wrap_up_done');
        actions.push(node.presence.finishWrapUp(a.agentId, a.contactId, actor));
      } else if ((a.state === 'break' || a.state === 'offline') && chance(0.3)) {
        count(agentActions, 'back_ready');
        actions.push(node.presence.setAgentState(a.agentId, 'ready', undefined, actor).catch(refused));
      } else if (a.state === 'ready') {
        const roll = random();
        if (roll < 0.01) {
          count(agentActions, 'connection_lost_idle');
          actions.push(node.presence.markConnectionLost(a.agentId));
        } else if (roll < 0.02) {
          count(agentActions, 'break');
          actions.push(node.presence.setAgentState(a.agentId, 'break', 'rest', actor).catch(refused));
        }
      }
    }
    await Promise.all(actions);
    if (chance(0.2)) await releaseLate();
    await node.router.dispatch();
  }

  // The end of the day: late events arrive, every caller hangs up, agents finish their wrap-up.
  await releaseLate(true);
  for (const callId of callIds) await send({ type: 'cleared', callId, hungUpBy: 'caller' });
  await releaseLate(true);
  // The tasks the abandoned calls left are worked off at the desk (bounded); calls get nothing more than the callers'
  // hang-ups above, so a call still ringing or talking after them is stuck — the checks below find it.
  const callContactIds = new Set(
    (
      await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(inArray(contacts.callId, callIds.length ? callIds : ['-']))
    ).map((r) => r.id),
  );
  const mineAgents = new Set(agentIds);
  for (let i = 0; i < 400; i++) {
    clock.advance(1_000);
    const agents = (await node.store.listAgents()).filter((a) => mineAgents.has(a.agentId));
    await Promise.all(
      agents.map(async (a) => {
        const task = a.contactId && !callContactIds.has(a.contactId) ? a.contactId : null;
        if (a.state === 'ringing' && task) await node.router.acceptOffer(a.agentId, task, SYSTEM_ACTOR).catch(refused);
        else if (a.state === 'talking' && task) await node.router.endContact(a.agentId, task);
        else if (a.state === 'wrap_up') await node.presence.finishWrapUp(a.agentId, a.contactId);
      }),
    );
    await node.router.dispatch();
    const working = agents.some((a) => a.state === 'wrap_up' || (a.contactId && !callContactIds.has(a.contactId)));
    const tasksWaiting = (await node.store.waitingHeads(['general'], 100)).some(
      (w) => !callContactIds.has(w.contactId),
    );
    if (!working && !tasksWaiting) break;
  }
  clock.advance(61_000);
  for (const d of await node.store.popDueDeadlines(clock.now().getTime(), 10_000)) {
    if (d.kind === 'ring' && d.contactId) await node.router.ringNoAnswer(d.agentId, d.contactId);
    else if (d.kind === 'wrap') await node.presence.finishWrapUp(d.agentId, d.contactId);
  }
  const elapsedMs = Date.now() - started;
  const problems = await check(node, db, callIds, agentIds, firstOfferAt);
  if (errors.length) problems.push(`${errors.length} unexpected errors: ${errors.filter(Boolean).join(' | ')}`);
  await node.stop();
  return { eventsSent, calls: callIds.length, outcomes, duplicatesAcknowledged, agentActions, elapsedMs, problems };
}

async function check(
  node: CallsModule,
  db: Db,
  callIds: string[],
  agentIds: string[],
  firstOfferAt: Map<string, number>,
): Promise<string[]> {
  const problems: string[] = [];
  const rows = callIds.length
    ? await db
        .select({
          id: contacts.id,
          state: contacts.state,
          priority: contacts.priority,
          enqueuedAt: contacts.enqueuedAt,
          endedAt: contacts.endedAt,
        })
        .from(contacts)
        .where(inArray(contacts.callId, callIds))
    : [];
  // No caller left in a queue, ringing or talking.
  const live = rows.filter((r) => r.state === 'queued' || r.state === 'offered' || r.state === 'connected');
  if (live.length) problems.push(`${live.length} calls still ${[...new Set(live.map((r) => r.state))].join('/')}`);
  if (rows.length !== callIds.length) problems.push(`${callIds.length - rows.length} calls never recorded`);

  // No agent stuck, and Redis agrees with Postgres (the latest agent_state_log row per agent).
  const mine = new Set(agentIds);
  const agents = (await node.store.listAgents()).filter((a) => mine.has(a.agentId));
  const stuck = agents.filter((a) => a.state === 'ringing' || a.state === 'talking' || a.contactId);
  if (stuck.length) problems.push(`${stuck.length} agents stuck (${stuck.map((a) => a.state).join(', ')})`);
  const logged = await db.execute<{ agent_id: string; state: string }>(sql`
    select distinct on (agent_id) agent_id, state from agent_state_log
    where agent_id in (${sql.join(
      agentIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    order by agent_id, at desc, id desc`);
  const loggedState = new Map(logged.map((r) => [r.agent_id, r.state]));
  const disagree = agents.filter((a) => loggedState.get(a.agentId) !== a.state);
  if (disagree.length)
    problems.push(
      `${disagree.length} agents differ between Redis and Postgres (${disagree
        .slice(0, 3)
        .map((a) => `${a.state} vs ${loggedState.get(a.agentId)}`)
        .join('; ')})`,
    );
  const waiting = await node.store.waitingHeads(['general'], 100_000);
  const ours = new Set(rows.map((r) => r.id));
  const leftWaiting = waiting.filter((w) => ours.has(w.contactId));
  if (leftWaiting.length) problems.push(`${leftWaiting.length} contacts left in Redis waiting lists`);

  // Offer order: when a contact was first offered, no contact ahead of it (priority, then wait) was still waiting
  // without ever having been offered (every agent takes every call here, one tier).
  const meta = rows.map((r) => ({
    id: r.id,
    score: queueScore(r.priority as PriorityClass, r.enqueuedAt.getTime()),
    enqueuedAt: r.enqueuedAt.getTime(),
    offeredAt: firstOfferAt.get(r.id) ?? Infinity,
    goneAt: r.state === 'abandoned' && r.endedAt ? r.endedAt.getTime() : Infinity,
  }));
  let violations = 0;
  const example: string[] = [];
  for (const later of meta) {
    if (later.offeredAt === Infinity) continue;
    for (const ahead of meta) {
      if (ahead.score >= later.score) continue;
      const stillWaiting = ahead.offeredAt > later.offeredAt && ahead.goneAt > later.offeredAt;
      // It must have been waiting before the later one was offered (queued in an earlier instant).
      const queuedBefore = ahead.enqueuedAt < later.offeredAt;
      if (stillWaiting && queuedBefore) {
        violations++;
        if (example.length < 2) example.push(`${ahead.id} waited while ${later.id} was offered`);
      }
    }
  }
  if (violations) problems.push(`${violations} offers out of priority/wait order: ${example.join('; ')}`);
  return problems;
}
