import { eq } from 'drizzle-orm';
import type { TicketDialDetails } from '@hotline/shared/contracts/calls';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
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
