import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { OUTBOUND_CALL_HEADER } from '@hotline/shared/contracts/telephony';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { outboundCalls } from '../../server/src/modules/calls/outbound-calls.table.js';
import { ticketCallbacks } from '../../server/src/modules/dispatch/dispatch.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { asUser } from '../support/test-app.js';
import { createTicket, hotlineUser } from '../support/ticket-factories.js';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — 回访 by phone, linked: the agent dials from the ticket, the softphone names the dial in its INVITE, the
 * real proxy reports the call's SIP Call-ID for it (and drops the header), and the callback result the agent submits
 * carries the dial — the ticket page shows the callback with its call.
 */
const kit = useTelephonyRig();
const { until } = kit;
const db = () => kit.db;
const app = () => kit.rig.t.app;

const outboundCall = (id: string) =>
  db()
    .select()
    .from(outboundCalls)
    .where(eq(outboundCalls.id, id))
    .then((rows) => rows[0] ?? null);

describe('telephony: the 回访 call placed from a ticket is linked to the callback result (issue 13)', () => {
  it('dial → INVITE with the dial id through the proxy → Call-ID on the dial → callback result names it → ticket page', async () => {
    const agent = await hotlineUser(app(), db(), 'agent');
    const colleague = await hotlineUser(app(), db(), 'agent');
    const ticket = await createTicket(app(), agent.cookie, { caller: { name: '王五', phone: '13900000081' } });
    // Fixture shortcut: the unit's reply was approved, the ticket waits for its 回访.
    await db().update(tickets).set({ status: 'awaiting_callback' }).where(eq(tickets.id, ticket.id));
    const dial = async (cookie: string) => {
      const response = await app().inject({
        method: 'POST',
        url: `/api/calls/desk/tickets/${ticket.id}/dial`,
        headers: asUser(cookie),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ outboundCallId: string; number: string }>();
    };
    const mine = await dial(agent.cookie);
    const theirs = await dial(colleague.cookie);

    // The softphone dials with the dial's id; the citizen's phone (standing in for the trunk) never sees it.
    const phone = await kit.phone(agent.id);
    const citizen = await kit.phone(mine.number);
    const outbound = await phone.call(mine.number, [`${OUTBOUND_CALL_HEADER}: ${mine.outboundCallId}`]);
    const ringing = await citizen.nextInvitation();
    expect(ringing.request.from.uri.user).toBe('12345');
    expect(ringing.request.hasHeader(OUTBOUND_CALL_HEADER)).toBe(false);
    const linked = await until('the Call-ID on the dial', async () => {
      const row = await outboundCall(mine.outboundCallId);
      return row?.sipCallId ? row : null;
    });
    expect(linked.sipCallId).toBe(outbound.request.callId);
    await ringing.accept();
    await sessionState(outbound, SessionState.Established);
    await outbound.bye();
    await sessionState(ringing, SessionState.Terminated);
    const [linkAudit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'call.outbound_linked')));
    expect(linkAudit).toBeTruthy();

    // Another agent's phone naming my colleague's dial is not linked: the proxy reports who it authenticated.
    const intruder = await kit.phone(agent.id);
    const forged = await intruder.call(mine.number, [`${OUTBOUND_CALL_HEADER}: ${theirs.outboundCallId}`]);
    const forgedRinging = await citizen.nextInvitation();
    await forgedRinging.reject();
    await sessionState(forged, SessionState.Terminated);
    expect((await outboundCall(theirs.outboundCallId))?.sipCallId).toBeNull();

    const callback = (body: Record<string, unknown>) =>
      app().inject({
        method: 'POST',
        url: `/api/tickets/${ticket.id}/callback`,
        headers: asUser(agent.cookie),
        payload: body,
      });
    // A result may name only this agent's own dial from this ticket.
    const wrong = await callback({
      reached: true,
      satisfaction: 'satisfied',
      solved: true,
      outboundCallId: theirs.outboundCallId,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toBe('outbound_call_mismatch');
    expect(wrong.json().message).toMatch(/外呼/);

    const done = await callback({
      reached: true,
      satisfaction: 'satisfied',
      solved: true,
      outboundCallId: mine.outboundCallId,
    });
    expect(done.statusCode, done.body).toBe(200);
    const [row] = await db().select().from(ticketCallbacks).where(eq(ticketCallbacks.ticketId, ticket.id));
    expect(row?.outboundCallId).toBe(mine.outboundCallId);

    // The ticket page shows the callback with its call.
    const page = await app().inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, headers: asUser(agent.cookie) });
    expect(page.statusCode, page.body).toBe(200);
    const [shown] = page.json().callbacks as { call: { outboundCallId: string; sipCallId: string | null } | null }[];
    expect(shown?.call).toMatchObject({ outboundCallId: mine.outboundCallId, sipCallId: outbound.request.callId });
  });
});
