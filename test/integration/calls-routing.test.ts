import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { queueScore } from '@hotline/shared/domain/routing-policy';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { agentStateLog, contacts } from '../../server/src/modules/calls/calls.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import type { AuditActor } from '../../server/src/modules/audit/audit.service.js';
import { createAgents, newCallId, resetRouting, telephonyEvent } from './calls-support.js';

let t: TestApp;
const actorOf = (userId: string): AuditActor => ({ userId, role: 'agent', ip: null });

const calls = () => t.deps.calls;
const db = () => t.deps.database.db;
const contactRow = async (id: string) => (await db().select().from(contacts).where(eq(contacts.id, id)))[0]!;
const auditOf = (entityType: string, entityId: string) =>
  db()
    .select({ action: auditLog.action, from: auditLog.fromState, to: auditLog.toState, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
const ringingLog = (agentId: string) =>
  db()
    .select({ contactId: agentStateLog.contactId })
    .from(agentStateLog)
    .where(and(eq(agentStateLog.agentId, agentId), eq(agentStateLog.state, 'ringing')));
const contactByCall = async (callId: string) =>
  (await db().select().from(contacts).where(eq(contacts.callId, callId)))[0]!;

async function ready(agentId: string) {
  await calls().presence.setAgentState(agentId, 'ready', undefined, actorOf(agentId));
}
async function settle() {
  await calls().router.dispatch();
}

// The same behaviour with both stores: only the store differs (Redis for many nodes, memory for embedded mode).
describe.each(['redis', 'memory'] as const)('routing (ACD) with the %s store', (stateStore) => {
  beforeAll(async () => {
    await resetRouting();
    t = await startTestApp({ stateStore });
  });
  afterAll(async () => {
    await t.close();
    // Leave nothing queued or ready for the next file's boot-time rebuild.
    await resetRouting();
  });
  beforeEach(async () => {
    // Every test starts with empty queues and nobody ready.
    await resetRouting();
    await t.deps.calls.store.clearForTests();
  });

  it('offers a delivered call to the longest-idle ready agent, then connects, ends and wraps up', async () => {
    const [first, second] = await createAgents(db(), 2, () => [{ skill: 'general', level: 5 }]);
    await ready(first!);
    t.clock.advance(1_000);
    await ready(second!);

    const callId = newCallId();
    const delivered = await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13812345678' });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toMatchObject({ duplicate: false, outcome: 'queued' });
    await settle();

    const offered = await contactByCall(callId);
    expect(offered.state).toBe('offered');
    expect(offered.agentId).toBe(first);
    expect((await calls().store.getAgent(first!))?.state).toBe('ringing');
    expect((await calls().store.getAgent(second!))?.state).toBe('ready');

    t.clock.advance(4_000);
    expect((await telephonyEvent(t.app, { type: 'established', callId })).json().outcome).toBe('connected');
    const connected = await contactByCall(callId);
    expect(connected.state).toBe('connected');
    expect(connected.waitSeconds).toBe(4);

    t.clock.advance(60_000);
    expect((await telephonyEvent(t.app, { type: 'cleared', callId })).json().outcome).toBe('ended');
    expect((await contactByCall(callId)).talkSeconds).toBe(60);
    expect((await calls().store.getAgent(first!))?.state).toBe('wrap_up');

    // 话后处理 ends by itself after the configured time.
    t.clock.advance(calls().ctx.policy.wrapUpSeconds * 1000 - 1);
    await calls().tick();
    expect((await calls().store.getAgent(first!))?.state).toBe('wrap_up');
    t.clock.advance(2);
    await calls().tick();
    expect((await calls().store.getAgent(first!))?.state).toBe('ready');
  });

  it('sends an unanswered offer back to the front of its queue and sets the agent not ready with a reason', async () => {
    const [slow, other] = await createAgents(db(), 2, () => [{ skill: 'general', level: 5 }]);
    await ready(slow!);
    const early = await calls().router.enqueueContact({
      channel: 'web',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });
    await settle();
    expect((await contactRow(early.id)).agentId).toBe(slow);
    t.clock.advance(1_000);
    const later = await calls().router.enqueueContact({
      channel: 'web',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });

    t.clock.advance(calls().ctx.policy.ringSeconds * 1000);
    await calls().tick();
    const slowNow = await calls().store.getAgent(slow!);
    expect(slowNow).toMatchObject({ state: 'break', reason: 'ring_no_answer' });
    expect((await contactRow(early.id)).state).toBe('queued');

    // The returned contact is ahead of the one that arrived after it.
    await ready(other!);
    await settle();
    expect((await contactRow(early.id)).agentId).toBe(other);
    expect((await contactRow(later.id)).state).toBe('queued');
    expect((await contactRow(early.id)).offerCount).toBe(2);
  });

  it('serves transfer-back before green channel before normal, FIFO within each', async () => {
    const ids: string[] = [];
    for (const [priority, greenChannel] of [
      ['normal', false],
      ['green_channel', true],
      ['normal', false],
      ['transfer_back', false],
      ['green_channel', true],
    ] as const) {
      ids.push(
        (await calls().router.enqueueContact({ channel: 'call', priority, greenChannel, skillGroup: 'general' })).id,
      );
      t.clock.advance(100);
    }
    // The wallboard (监控大屏) lists the waiting contacts in queue order too.
    const listed = (await calls().wallboard.snapshot()).contacts
      .map((c) => c.contactId)
      .filter((id) => ids.includes(id));
    expect(listed).toEqual([ids[3], ids[1], ids[4], ids[0], ids[2]]);
    const agents = await createAgents(db(), 5, () => [{ skill: 'general', level: 5 }]);
    const order: string[] = [];
    for (const agent of agents) {
      await ready(agent);
      await settle();
      const presence = await calls().store.getAgent(agent);
      order.push(presence!.contactId!);
    }
    expect(order).toEqual([ids[3], ids[1], ids[4], ids[0], ids[2]]);
  });

  it('overflows to the next skill tier only after the configured wait', async () => {
    const [junior] = await createAgents(db(), 1, () => [{ skill: 'business', level: 2 }]);
    await ready(junior!);
    const contact = await calls().router.enqueueContact({
      channel: 'call',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'business',
    });
    await settle();
    expect((await contactRow(contact.id)).state).toBe('queued');
    t.clock.advance(calls().ctx.policy.tierOverflowSeconds[1]! * 1000);
    await calls().tick();
    expect((await contactRow(contact.id)).agentId).toBe(junior);
  });

  it('prefers the best skill tier over a longer-idle agent of a lower tier', async () => {
    const [junior, expert] = await createAgents(db(), 2, (i) => [{ skill: 'dialect', level: i === 0 ? 2 : 5 }]);
    await ready(junior!);
    t.clock.advance(30_000);
    await ready(expert!);
    const contact = await calls().router.enqueueContact({
      channel: 'call',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'dialect',
    });
    await settle();
    expect((await contactRow(contact.id)).agentId).toBe(expert);
  });

  it('turns an abandoned call into a callback task (漏接回拨) that is routed like any contact', async () => {
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13900001111', ivrDigits: '9' });
    const original = await contactByCall(callId);
    expect(original.priority).toBe('green_channel');
    t.clock.advance(40_000);
    expect((await telephonyEvent(t.app, { type: 'abandoned', callId })).json().outcome).toBe('abandoned');
    const abandoned = await contactRow(original.id);
    expect(abandoned).toMatchObject({ state: 'abandoned', waitSeconds: 40 });
    const [task] = await db().select().from(contacts).where(eq(contacts.parentContactId, original.id));
    expect(task).toMatchObject({
      channel: 'callback',
      state: 'queued',
      callerNumber: '13900001111',
      priority: 'green_channel',
    });

    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    await ready(agent!);
    await settle();
    expect((await contactRow(task!.id)).agentId).toBe(agent);
  });

  it('offers a callback to a call that waits too long, and queues the callback when the caller takes it', async () => {
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13900005555' });
    t.clock.advance(calls().ctx.policy.callbackOfferSeconds * 1000 + 1);
    expect(await calls().offerCallbacks()).toBeGreaterThanOrEqual(1);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/telephony/callback-offers',
      headers: { 'x-telephony-secret': 'dev-telephony-secret' },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((i: { callId: string }) => i.callId)).toContain(callId);
    const unauthorised = await t.app.inject({ method: 'GET', url: '/api/telephony/callback-offers' });
    expect(unauthorised.statusCode).toBe(401);

    await telephonyEvent(t.app, { type: 'abandoned', callId, callbackRequested: true });
    const original = await contactByCall(callId);
    expect(original.state).toBe('abandoned');
    const [task] = await db().select().from(contacts).where(eq(contacts.parentContactId, original.id));
    expect(task).toMatchObject({ channel: 'callback', state: 'queued' });
  });

  it('abandons a ringing call: the agent is ready again and no callback is lost', async () => {
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    await ready(agent!);
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13900002222' });
    await settle();
    expect((await contactByCall(callId)).state).toBe('offered');
    expect((await telephonyEvent(t.app, { type: 'cleared', callId })).json().outcome).toBe('abandoned');
    // The agent was freed and got the callback task of the same caller; that offer is routed asynchronously, so
    // wait for it (bounded) rather than assume it landed before the telephony response.
    await settle();
    await expect.poll(async () => (await calls().store.getAgent(agent!))?.state, { timeout: 5_000 }).toBe('ringing');
    const presence = await calls().store.getAgent(agent!);
    const task = await contactRow(presence!.contactId!);
    expect(task.channel).toBe('callback');
  });

  // Issue 12: the enqueue and the offer are one statement each; their records must be exactly those of before.
  // Two ways to the same rows: straight to a free agent (the fast path, one statement) or queued first and offered
  // by a matching pass when an agent becomes ready (two statements).
  it.each(['agent already ready (fast path)', 'queued, then an agent goes ready'] as const)(
    'records the queued contact, the offer and the agent ringing, each with its audit row: %s',
    async (path) => {
      const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
      const fast = path.startsWith('agent already ready');
      if (fast) await ready(agent!);
      const contact = await calls().router.enqueueContact({
        channel: 'call',
        callerNumber: '13900003333',
        priority: 'normal',
        greenChannel: false,
        skillGroup: 'general',
      });
      expect(contact).toMatchObject(
        fast
          ? { state: 'offered', agentId: agent, callerNumber: '13900003333', offerCount: 1 }
          : { state: 'queued', callerNumber: '13900003333', offerCount: 0 },
      );
      expect(contact.enqueuedAt).toBeInstanceOf(Date);
      if (!fast) {
        expect((await calls().store.waitingHeads(['general'], 10)).map((e) => e.contactId)).toEqual([contact.id]);
        await ready(agent!);
      }
      await settle();
      const offered = await contactRow(contact.id);
      expect(offered).toMatchObject({ state: 'offered', agentId: agent, offerCount: 1 });
      expect(offered.offeredAt).toBeInstanceOf(Date);
      expect(await auditOf('contact', contact.id)).toEqual([
        { action: 'contact.queued', from: 'new', to: 'queued', detail: null },
        { action: 'contact.offered', from: 'queued', to: 'offered', detail: null },
      ]);
      expect(await ringingLog(agent!)).toEqual([{ contactId: contact.id }]);
      expect((await auditOf('agent', agent!)).at(-1)).toEqual({
        action: 'agent.state',
        from: 'ready',
        to: 'ringing',
        detail: { contactId: contact.id },
      });
      expect(await calls().store.getAgent(agent!)).toMatchObject({ state: 'ringing', contactId: contact.id });
      expect(await calls().store.offerOf(contact.id)).toMatchObject({ agentId: agent });
    },
  );

  it('drops a fast-path offer that Postgres never recorded (the process died in between) without writing rows for it', async () => {
    const [first, second] = await createAgents(db(), 2, () => [{ skill: 'general', level: 5 }]);
    await ready(first!);
    // The store granted the offer; the process died before its statement: no contact row exists.
    const nowMs = t.clock.now().getTime();
    const ghost = '00000000-0000-4000-8000-00000000dead';
    const granted = await calls().store.offerNew({
      entry: { contactId: ghost, group: 'general', score: queueScore('normal', nowMs) },
      tiers: [0],
      nowMs,
      ringDeadlineMs: nowMs + calls().ctx.policy.ringSeconds * 1000,
    });
    expect(granted?.agentId).toBe(first);
    t.clock.advance(calls().ctx.policy.ringSeconds * 1000 + 1_000);
    await calls().tick();
    expect(await calls().store.getAgent(first!)).toMatchObject({ state: 'break', reason: 'ring_no_answer' });
    const logged = await db()
      .select({ state: agentStateLog.state, reason: agentStateLog.reason, contactId: agentStateLog.contactId })
      .from(agentStateLog)
      .where(eq(agentStateLog.agentId, first!))
      .orderBy(asc(agentStateLog.at), asc(agentStateLog.id));
    expect(logged.at(-1)).toEqual({ state: 'break', reason: 'ring_no_answer', contactId: null });
    // The next agent to go ready is not offered the unrecorded contact; it leaves the queue.
    await ready(second!);
    await settle();
    expect(await calls().store.getAgent(second!)).toMatchObject({ state: 'ready' });
    expect(await calls().store.waitingHeads(['general'], 10)).toEqual([]);
    expect(await calls().store.offerOf(ghost)).toBeNull();
    expect(await ringingLog(second!)).toEqual([]);
    expect(await db().select().from(contacts).where(eq(contacts.id, ghost))).toEqual([]);
  });

  it('refuses to connect an offer Postgres has not recorded yet, keeping the agent ringing in the store', async () => {
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    await ready(agent!);
    // The store rings the agent (fast path); the statement that records the contact has not committed yet.
    const nowMs = t.clock.now().getTime();
    const pending = '00000000-0000-4000-8000-0000000fa570';
    const granted = await calls().store.offerNew({
      entry: { contactId: pending, group: 'general', score: queueScore('normal', nowMs) },
      tiers: [0],
      nowMs,
      ringDeadlineMs: nowMs + calls().ctx.policy.ringSeconds * 1000,
    });
    expect(granted?.agentId).toBe(agent);
    await expect(calls().router.acceptOffer(agent!, pending, actorOf(agent!))).rejects.toMatchObject({
      statusCode: 409,
      code: 'offer_not_recorded',
    });
    // Nothing moved: the agent still rings with it (the store and Postgres agree once the statement lands).
    expect(await calls().store.getAgent(agent!)).toMatchObject({ state: 'ringing', contactId: pending });
    expect(await db().select().from(agentStateLog).where(eq(agentStateLog.contactId, pending))).toEqual([]);
    // Another agent's or a made-up contact is simply gone for this agent.
    await expect(
      calls().router.acceptOffer(agent!, '00000000-0000-4000-8000-0000000fa571', actorOf(agent!)),
    ).rejects.toMatchObject({ statusCode: 409, code: 'offer_gone' });
    t.clock.advance(calls().ctx.policy.ringSeconds * 1000 + 1_000);
    await calls().tick();
  });

  it('offers a new contact straight away only when nobody waits ahead of it for that agent', async () => {
    // The agent takes general calls (tier 0) and letters (tier 2, which a letter reaches after 45 s of waiting).
    const [agent] = await createAgents(db(), 1, () => [
      { skill: 'general', level: 5 },
      { skill: 'letters', level: 1 },
    ]);
    const letter = await calls().router.enqueueContact({
      channel: 'letter',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'letters',
    });
    t.clock.advance(1_000);
    await ready(agent!);
    await settle();
    expect((await contactRow(letter.id)).state).toBe('queued');
    // A normal call arrives after the letter: the letter waits for the same agent, so no fast path — the call is
    // queued, and the matching pass offers it (the letter cannot reach tier 2 yet).
    t.clock.advance(1_000);
    const call = await calls().router.enqueueContact({
      channel: 'call',
      callerNumber: '13900006666',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });
    expect(call.state).toBe('queued');
    await settle();
    expect(await contactRow(call.id)).toMatchObject({ state: 'offered', agentId: agent });
    expect((await contactRow(letter.id)).state).toBe('queued');
  });

  it('writes no offer for a contact Postgres no longer has waiting, and keeps the agent ready', async () => {
    const contact = await calls().router.enqueueContact({
      channel: 'call',
      callerNumber: '13900004444',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });
    // Another node recorded the hang-up; this node's store still lists the contact as waiting.
    await db().update(contacts).set({ state: 'abandoned' }).where(eq(contacts.id, contact.id));
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    await ready(agent!);
    await settle();
    expect((await contactRow(contact.id)).state).toBe('abandoned');
    expect((await auditOf('contact', contact.id)).map((a) => a.action)).toEqual(['contact.queued']);
    expect(await ringingLog(agent!)).toEqual([]);
    expect((await calls().store.getAgent(agent!))?.state).toBe('ready');
  });

  it('brings a call back from 110 to the head of the queue', async () => {
    await calls().router.enqueueContact({
      channel: 'call',
      priority: 'green_channel',
      greenChannel: true,
      skillGroup: 'general',
    });
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13900003333' });
    expect((await telephonyEvent(t.app, { type: 'transferred', callId, transferredFrom: '110' })).json().outcome).toBe(
      'reprioritised',
    );
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    await ready(agent!);
    await settle();
    expect((await contactByCall(callId)).agentId).toBe(agent);
  });

  it('applies a telephony event once per event id and refuses a wrong secret', async () => {
    const callId = newCallId();
    const body = { eventId: `dup-${callId}`, type: 'delivered' as const, callId, callerNumber: '13900004444' };
    const first = await telephonyEvent(t.app, body);
    const again = await telephonyEvent(t.app, body);
    expect(first.json()).toMatchObject({ duplicate: false, outcome: 'queued' });
    expect(again.json()).toMatchObject({ duplicate: true, outcome: 'queued', contactId: first.json().contactId });
    expect(await db().select().from(contacts).where(eq(contacts.callId, callId))).toHaveLength(1);

    const forged = await telephonyEvent(t.app, { type: 'delivered', callId: newCallId() }, 'wrong-secret');
    expect(forged.statusCode).toBe(401);
    expect(forged.json().message).toContain('密钥');
    const bad = await telephonyEvent(t.app, { type: 'ringing' as never, callId: newCallId() });
    expect(bad.statusCode).toBe(400);
  });

  it('lets a signed-in agent go ready, take the offer, end it and finish wrap-up through the desk API', async () => {
    const cookie = await signIn(t.app, 'agent01');
    const headers = asUser(cookie);
    const state = await t.app.inject({
      method: 'PUT',
      url: '/api/calls/desk/state',
      headers,
      payload: { state: 'ready' },
    });
    expect(state.statusCode).toBe(200);
    expect(state.json().state).toBe('ready');
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13812340000' });
    await settle();
    const desk = (await t.app.inject({ method: 'GET', url: '/api/calls/desk', headers })).json();
    expect(desk.presence.state).toBe('ringing');
    expect(desk.current.callerNumberMasked).toBe('138****0000');
    const contactId = desk.current.contactId as string;

    const busy = await t.app.inject({
      method: 'PUT',
      url: '/api/calls/desk/state',
      headers,
      payload: { state: 'break', reason: 'meal' },
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toContain('振铃或通话中');

    expect(
      (await t.app.inject({ method: 'POST', url: `/api/calls/desk/offers/${contactId}/accept`, headers })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/calls/desk/offers/${contactId}/accept`, headers })).statusCode,
    ).toBe(409);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/calls/desk/contacts/${contactId}/end`, headers })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/calls/desk/wrap-up/done', headers })).statusCode).toBe(200);
    expect((await calls().presence.current(desk.presence.agentId)).state).toBe('ready');
    const offline = await t.app.inject({
      method: 'PUT',
      url: '/api/calls/desk/state',
      headers,
      payload: { state: 'offline' },
    });
    expect(offline.json().state).toBe('offline');
  });

  it('guards the desk, wallboard and admin routes by role', async () => {
    const handler = asUser(await signIn(t.app, 'handler_scjg'));
    const agent = asUser(await signIn(t.app, 'agent02'));
    const lead = asUser(await signIn(t.app, 'lead01'));
    expect((await t.app.inject({ method: 'GET', url: '/api/calls/desk', headers: handler })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls/wallboard', headers: agent })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/calls/policy', headers: lead, payload: {} })).statusCode,
    ).toBe(403);
    const board = await t.app.inject({ method: 'GET', url: '/api/calls/wallboard', headers: lead });
    expect(board.statusCode).toBe(200);
    expect(board.json().queues.map((q: { skillGroup: string }) => q.skillGroup)).toContain('general');
    const badState = await t.app.inject({
      method: 'PUT',
      url: '/api/calls/desk/state',
      headers: agent,
      payload: { state: 'ready', reason: 'ring_no_answer' },
    });
    expect(badState.statusCode).toBe(400);
  });

  it('lets a lead reassign a waiting contact to a ready agent', async () => {
    const lead = asUser(await signIn(t.app, 'lead01'));
    const [target] = await createAgents(db(), 1, () => [{ skill: 'letters', level: 1 }]);
    const contact = await calls().router.enqueueContact({
      channel: 'letter',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'letters',
    });
    // Level 1 is tier 2: routing alone would wait 45 s; the lead overrides.
    await ready(target!);
    await settle();
    expect((await contactRow(contact.id)).state).toBe('queued');
    const assign = await t.app.inject({
      method: 'POST',
      url: `/api/calls/contacts/${contact.id}/assign`,
      headers: lead,
      payload: { agentId: target },
    });
    expect(assign.statusCode).toBe(200);
    expect((await contactRow(contact.id)).agentId).toBe(target);
  });
});
