import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { estimatedMosX10 } from '@hotline/shared/domain/call-quality';
import type { AuditActor } from '../../server/src/modules/audit/audit.service.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { outboundCalls } from '../../server/src/modules/calls/outbound-calls.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { createUser } from '../support/factories.js';
import { createTicket, hotlineUser } from '../support/ticket-factories.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { createAgents, newCallId, resetRouting, telephonyEvent } from './calls-support.js';

/**
 * Issue 13 — 话单 fields from the phone system's events: hold time (held/retrieved), transfers with their target,
 * who hung up, the survey offer, rtpengine's packets → loss and MOS estimate; the record as leads see it (masked).
 */
let t: TestApp;
const actorOf = (userId: string): AuditActor => ({ userId, role: 'agent', ip: null });

async function answeredCall(number: string) {
  const db = t.deps.database.db;
  const [agent] = await createAgents(db, 1, () => [{ skill: 'general', level: 5 }]);
  await t.deps.calls.presence.setAgentState(agent!, 'ready', undefined, actorOf(agent!));
  const callId = newCallId();
  const delivered = await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: number });
  await t.deps.calls.router.dispatch();
  await telephonyEvent(t.app, { type: 'established', callId });
  return { agent: agent!, callId, contactId: delivered.json().contactId as string };
}

describe('call record fields (issue 13)', () => {
  beforeAll(async () => {
    await resetRouting();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await resetRouting();
  });

  it('hold time, who hung up, the survey offer and the media quality land on the record; leads see it masked', async () => {
    const call = await answeredCall('13800000061');
    await telephonyEvent(t.app, { type: 'held', callId: call.callId });
    await telephonyEvent(t.app, { type: 'held', callId: call.callId }); // a repeat while on hold adds nothing
    t.clock.advance(5_000);
    await telephonyEvent(t.app, { type: 'retrieved', callId: call.callId });
    t.clock.advance(10_000);
    // 15 s answered, 5 s on hold: 10 s of media = 500 packets expected, 450 counted → 10 % loss.
    const cleared = await telephonyEvent(t.app, {
      type: 'cleared',
      callId: call.callId,
      hungUpBy: 'agent',
      media: { callerPackets: 450, agentPackets: 500, rtpErrors: 0 },
    });
    expect(cleared.json()).toMatchObject({ outcome: 'ended', survey: true });

    const lead = await createUser(t.deps.database.db, 'lead');
    const cookie = await signIn(t.app, lead.username, lead.password);
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/calls/contacts/${call.contactId}/record`,
      headers: asUser(cookie),
    });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      callerNumberMasked: '138****0061',
      state: 'ended',
      talkSeconds: 15,
      holdSeconds: 5,
      holdCount: 1,
      hungUpBy: 'agent',
      surveyOffered: true,
      surveyRating: null,
      callerPackets: 450,
      agentPackets: 500,
      lossPercent: 10,
      mosSource: 'estimate',
      mosX10: estimatedMosX10(10),
    });
    expect(view.body).not.toContain('13800000061');

    // An agent sees only the calls they took.
    const other = await createUser(t.deps.database.db, 'agent');
    const otherCookie = await signIn(t.app, other.username, other.password);
    const denied = await t.app.inject({
      method: 'GET',
      url: `/api/calls/contacts/${call.contactId}/record`,
      headers: asUser(otherCookie),
    });
    expect(denied.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/calls/contacts/${randomUUID()}/record`,
      headers: asUser(cookie),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('a transfer is counted with its target; rtpengine MOS from RTCP wins over the estimate; the caller hanging up gets no survey', async () => {
    const call = await answeredCall('13800000062');
    await telephonyEvent(t.app, { type: 'transferred', callId: call.callId, target: '119' });
    const lead = await createUser(t.deps.database.db, 'lead');
    const cookie = await signIn(t.app, lead.username, lead.password);
    const record = async (contactId: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/calls/contacts/${contactId}/record`, headers: asUser(cookie) })
      ).json();
    expect(await record(call.contactId)).toMatchObject({
      transfers: [{ target: '119' }],
      state: 'ended',
    });

    const second = await answeredCall('13800000063');
    t.clock.advance(20_000);
    const cleared = await telephonyEvent(t.app, {
      type: 'cleared',
      callId: second.callId,
      hungUpBy: 'caller',
      media: { callerPackets: 1000, agentPackets: 1000, mosX10: 41, packetLossPercent: 1 },
    });
    expect(cleared.json().survey).toBeUndefined();
    expect(await record(second.contactId)).toMatchObject({
      hungUpBy: 'caller',
      surveyOffered: false,
      mosX10: 41,
      mosSource: 'rtcp',
      lossPercent: 1,
    });

    const bad = await telephonyEvent(t.app, { type: 'cleared', callId: second.callId, hungUpBy: 'nobody' as never });
    expect(bad.statusCode).toBe(400);
  });

  it('回访 by phone: dialled by ticket id only while the ticket waits for its return visit; recorded and audited', async () => {
    const db = t.deps.database.db;
    const agent = await hotlineUser(t.app, db, 'agent');
    const ticket = await createTicket(t.app, agent.cookie, { caller: { name: '李四', phone: '13900000071' } });
    const dial = (cookie: string, ticketId = ticket.id) =>
      t.app.inject({ method: 'POST', url: `/api/calls/desk/tickets/${ticketId}/dial`, headers: asUser(cookie) });

    expect((await dial(agent.cookie)).statusCode).toBe(409); // just taken: nothing to call back yet
    // Fixture shortcut: the reply was approved, the ticket waits for its 回访.
    await db.update(tickets).set({ status: 'awaiting_callback' }).where(eq(tickets.id, ticket.id));
    const response = await dial(agent.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ticketId: ticket.id, number: '13900000071', callerId: '12345' });
    const rows = await db.select().from(outboundCalls).where(eq(outboundCalls.ticketId, ticket.id));
    expect(rows).toMatchObject([{ agentId: agent.id, contactId: null }]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'ticket.dial')));
    expect(audits).toHaveLength(1);

    expect((await dial(agent.cookie, randomUUID())).statusCode).toBe(404);
    const admin = await hotlineUser(t.app, db, 'admin');
    expect((await dial(admin.cookie)).statusCode).toBe(403); // only the desk (agents, leads) dials
  });
});
