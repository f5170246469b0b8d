import { and, eq, isNull } from 'drizzle-orm';
import type { SipOutboundBody, SipOutboundFailedBody } from '@hotline/shared/contracts/telephony';
import { outboundOutcomeOf, type OutboundOutcome } from '@hotline/shared/domain/outbound-call';
import type { TicketDialDetails } from '@hotline/shared/contracts/calls';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service.js';
import { tickets } from '../tickets/tickets.table.js';
import { outboundCalls } from './outbound-calls.table.js';
import { HOTLINE_CALLER_ID } from './desk.service.js';

/**
 * 回访 by phone: a hotline agent or lead dials the citizen of a ticket waiting for its return visit (待回访). The dial
 * goes by ticket id (no number in any URL), is recorded in outbound_calls with the ticket and audited
 * (`ticket.dial`) in one transaction; the number goes back in the response body only, for the softphone, which
 * calls through the proxy (caller id 12345 set there). The outcome is then entered in the ticket's 回访 step.
 */
export async function dialTicket(
  db: Db,
  clock: Clock,
  agentId: string,
  ticketId: string,
  actor: AuditActor,
): Promise<TicketDialDetails> {
  const [ticket] = await db
    .select({ id: tickets.id, status: tickets.status, callerPhone: tickets.callerPhone })
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .limit(1);
  if (!ticket) throw notFound('该工单不存在');
  if (ticket.status !== 'awaiting_callback') throw conflict('该工单当前不在待回访，不能外呼回访', 'not_dialable');
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(outboundCalls)
      .values({ agentId, ticketId: ticket.id, dialledAt: clock.now() })
      .returning({ id: outboundCalls.id });
    await recordAudit(tx, actor, { action: 'ticket.dial', entityType: 'ticket', entityId: ticket.id });
    return inserted!;
  });
  return { outboundCallId: row.id, ticketId: ticket.id, number: ticket.callerPhone, callerId: HOTLINE_CALLER_ID };
}

/**
 * The proxy reports the SIP Call-ID of a 外呼 INVITE carrying the dial's id (`X-Hotline-Outbound`), sent by the agent
 * it authenticated: the dial (漏接回拨 or 回访) gets its call. Only that agent's own dial, and only once.
 */
export async function linkOutboundCall(db: Db, body: SipOutboundBody): Promise<{ outcome: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outboundCalls)
      .set({ sipCallId: body.callId })
      .where(
        and(
          eq(outboundCalls.id, body.outboundCallId),
          eq(outboundCalls.agentId, body.agentId),
          isNull(outboundCalls.sipCallId),
        ),
      )
      .returning({ id: outboundCalls.id, ticketId: outboundCalls.ticketId, contactId: outboundCalls.contactId });
    if (!row) return { outcome: 'unknown' };
    await recordAudit(
      tx,
      { ...SYSTEM_ACTOR, role: 'telephony' },
      {
        action: 'call.outbound_linked',
        entityType: row.ticketId ? 'ticket' : 'contact',
        entityId: (row.ticketId ?? row.contactId)!,
        detail: { outboundCallId: row.id },
      },
    );
    return { outcome: 'linked' };
  });
}

/**
 * How a 外呼 ended, once: `answered` when its BYE came (`cleared`), or the unanswered INVITE's outcome from its final
 * SIP code (the proxy's failure route). Sets outcome, code and end time on the dial linked to that Call-ID and audits
 * `call.outbound_outcome`; `unknown` when no dial has that Call-ID (a consultation or transfer call), `already` when
 * the outcome is known.
 */
export async function recordOutboundOutcome(
  db: Db,
  clock: Clock,
  callId: string,
  outcome: OutboundOutcome,
  sipCode: number | null,
): Promise<OutboundOutcome | 'already' | 'unknown'> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outboundCalls)
      .set({ outcome, sipCode, endedAt: clock.now() })
      .where(and(eq(outboundCalls.sipCallId, callId), isNull(outboundCalls.outcome)))
      .returning({ id: outboundCalls.id, ticketId: outboundCalls.ticketId, contactId: outboundCalls.contactId });
    if (!row) {
      const [known] = await tx
        .select({ id: outboundCalls.id })
        .from(outboundCalls)
        .where(eq(outboundCalls.sipCallId, callId))
        .limit(1);
      return known ? 'already' : 'unknown';
    }
    await recordAudit(
      tx,
      { ...SYSTEM_ACTOR, role: 'telephony' },
      {
        action: 'call.outbound_outcome',
        entityType: 'outbound_call',
        entityId: row.id,
        detail: { outcome, sipCode, ticketId: row.ticketId, taskContactId: row.contactId },
      },
    );
    return outcome;
  });
}

/**
 * The proxy's report of an INVITE an agent placed that nobody answered (failure route, after `rtpengine_delete()`
 * closed its recording): the 外呼's outcome is recorded, and the recording of the rings is deleted in the background
 * (no audio is kept of an unanswered call; without this the pcap stayed in the recording directory with no row, and
 * retention never saw it).
 */
export async function outboundCallFailed(
  db: Db,
  clock: Clock,
  discardRecording: ((callId: string) => Promise<unknown>) | null,
  body: SipOutboundFailedBody,
  onError: (error: unknown) => void,
): Promise<{ outcome: string }> {
  const outcome = await recordOutboundOutcome(db, clock, body.callId, outboundOutcomeOf(body.code), body.code);
  if (discardRecording) void discardRecording(body.callId).catch(onError);
  return { outcome };
}
