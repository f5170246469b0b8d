import { and, eq, isNull } from 'drizzle-orm';
import type { SipOutboundBody, SipOutboundFailedBody } from '@hotline/shared/contracts/telephony';
import { outboundOutcomeOf, type OutboundOutcome } from '@hotline/shared/domain/outbound-call';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../lib/clock.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.js';
import { outboundCalls } from './outbound-calls.table.js';

/*
 * A 外呼's life after the dial (漏接回拨 task or 回访): the proxy links it to its SIP call, and reports how it ended.
 * The dials themselves are made by desk.service.ts (task) and ticket-dial.ts (ticket).
 */

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
