import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { callRecordings } from '../../server/src/modules/calls/call-recordings.table.js';
import { outboundCalls } from '../../server/src/modules/calls/outbound-calls.table.js';
import { recordingPrefix } from '../../server/src/modules/calls/recording/recording-files.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { createAgents } from './calls-support.js';
import { createTicket, createUnit, hotlineUser } from '../support/ticket-factories.js';
import { asUser } from '../support/test-app.js';
import type { OutboundCallList } from '@hotline/shared/contracts/calls';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — a 外呼 nobody answers leaves no orphan recording: rtpengine records the rings of every outbound INVITE
 * (record-call=on), and without a BYE the server was never told, so the pcap stayed in the recording directory with
 * no call_recordings row (retention never deleted it). Now the proxy's failure route deletes the call at rtpengine
 * and reports the final code; the server deletes the file and records the outcome on the dial (outbound_calls).
 */
const kit = useTelephonyRig({}, {}, { untilMs: 15_000 });
const { until } = kit;
const db = () => kit.db;
const app = () => kit.rig.t.app;

/** Every file rtpengine keeps for this Call-ID (pcap, metadata while recording and after). */
function filesOf(callId: string): string[] {
  const dir = kit.rig.tel.recordingDir;
  const prefix = recordingPrefix(callId);
  const list = (sub: string) => {
    try {
      return readdirSync(path.join(dir, sub)).map((f) => path.join(sub, f));
    } catch {
      return [];
    }
  };
  return [...list('pcaps'), ...list('tmp'), ...list('metadata')].filter((f) => path.basename(f).includes(prefix));
}

async function dialledTicket() {
  const agent = await hotlineUser(app(), db(), 'agent');
  const ticket = await createTicket(app(), agent.cookie, { caller: { name: '钱七', phone: '13900000093' } });
  await db().update(tickets).set({ status: 'awaiting_callback' }).where(eq(tickets.id, ticket.id));
  const { outboundCallId, outbound, ringing } = await kit.ticketDial(agent, ticket.id);
  const callId = outbound.request.callId;
  // While it rings, rtpengine is already recording (the file this test is about).
  await until('the rings being recorded', async () => filesOf(callId).length > 0);
  return { agent, ticket, outboundCallId, outbound, ringing, callId };
}

async function outcomeOf(outboundCallId: string) {
  return until('the outbound outcome', async () => {
    const [row] = await db().select().from(outboundCalls).where(eq(outboundCalls.id, outboundCallId));
    return row?.outcome ? row : null;
  });
}

const outcomeAudits = (outboundCallId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, outboundCallId), eq(auditLog.action, 'call.outbound_outcome')));

describe('telephony: unanswered 外呼 — outcome recorded, no orphan recording (issue 13)', () => {
  it('the citizen is busy (486): outbound row busy/486, the rings’ pcap deleted, audited', async () => {
    const { outboundCallId, outbound, ringing, callId } = await dialledTicket();
    await ringing.reject({ statusCode: 486 });
    await sessionState(outbound, SessionState.Terminated);

    const row = await outcomeOf(outboundCallId);
    expect(row).toMatchObject({ outcome: 'busy', sipCode: 486, sipCallId: callId });
    expect(row.endedAt).not.toBeNull();
    await until('no file left for the call', async () => filesOf(callId).length === 0);
    expect(await db().select().from(callRecordings).where(eq(callRecordings.callId, callId))).toEqual([]);
    const [audit] = await outcomeAudits(outboundCallId);
    expect(audit?.detail).toMatchObject({ outcome: 'busy', sipCode: 486 });
  });

  it('nobody answers and the agent gives up (CANCEL → 487): no_answer, no file left', async () => {
    const { outboundCallId, outbound, callId } = await dialledTicket();
    await outbound.cancel();
    await sessionState(outbound, SessionState.Terminated);

    const row = await outcomeOf(outboundCallId);
    expect(row).toMatchObject({ outcome: 'no_answer', sipCode: 487 });
    await until('no file left for the call', async () => filesOf(callId).length === 0);
    expect(await outcomeAudits(outboundCallId)).toHaveLength(1);
  });

  it('an inbound caller hangs up while the agent’s phone rings: abandoned, the rings’ recording deleted', async () => {
    const [agentId] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    const phone = await kit.phone(agentId!);
    await kit.calls.presence.setAgentState(agentId!, 'ready', undefined, kit.actorOf(agentId!));
    const citizen = await kit.caller('13900000094');
    const inviter = await citizen.call('12345');
    await phone.nextInvitation();
    const callId = inviter.request.callId;
    await until('the rings being recorded', async () => filesOf(callId).length > 0);
    await inviter.cancel();
    await sessionState(inviter, SessionState.Terminated);
    await until('the abandoned contact', async () => (await kit.contactOfCall(callId))?.state === 'abandoned');
    await until('no file left for the call', async () => filesOf(callId).length === 0);
  });

  it('an answered 外呼 is marked answered when it ends, and its recording is kept', async () => {
    const { outboundCallId, outbound, ringing, callId } = await dialledTicket();
    await ringing.accept();
    await sessionState(outbound, SessionState.Established);
    await outbound.bye();
    await sessionState(ringing, SessionState.Terminated);

    const row = await outcomeOf(outboundCallId);
    expect(row).toMatchObject({ outcome: 'answered', sipCode: 200 });
    const recording = await until('the outbound recording row', async () => {
      const [r] = await db().select().from(callRecordings).where(eq(callRecordings.outboundCallId, outboundCallId));
      return r ?? null;
    });
    expect(filesOf(callId)).toContain(recording.fileName);
  });
  it('lists the ticket’s 外呼 with their outcomes, newest first, for the hotline only (外呼记录)', async () => {
    const { agent, ticket, outboundCallId: first, outbound, ringing } = await dialledTicket();
    await ringing.reject({ statusCode: 486 });
    await sessionState(outbound, SessionState.Terminated);
    await outcomeOf(first);
    // The second try reaches the citizen, a minute later (the test app's clock stands still unless moved).
    kit.rig.t.clock.advance(60_000);
    const again = await kit.ticketDial(agent, ticket.id);
    await again.ringing.accept();
    await sessionState(again.outbound, SessionState.Established);
    await again.outbound.bye();
    await outcomeOf(again.outboundCallId);

    const listed = await app().inject({
      method: 'GET',
      url: `/api/calls/tickets/${ticket.id}/outbound-calls`,
      headers: asUser(agent.cookie),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const { items } = listed.json() as OutboundCallList;
    expect(items.map((i) => [i.id, i.outcome, i.sipCode])).toEqual([
      [again.outboundCallId, 'answered', 200],
      [first, 'busy', 486],
    ]);
    expect(items[0]!.agentName).toBe(agent.displayName);
    expect(items.every((i) => i.endedAt !== null)).toBe(true);
    // No number in it: the number stays on the ticket.
    expect(listed.body).not.toContain('13900000093');

    const unit = await createUnit(app(), db());
    const refused = await app().inject({
      method: 'GET',
      url: `/api/calls/tickets/${ticket.id}/outbound-calls`,
      headers: asUser(unit.handler.cookie),
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await app().inject({
      method: 'GET',
      url: '/api/calls/tickets/00000000-0000-4000-8000-000000000000/outbound-calls',
      headers: asUser(agent.cookie),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('该工单不存在');
  });
});
