import { desc, eq } from 'drizzle-orm';
import { OUTBOUND_CALL_LIST_LIMIT, type OutboundCallList } from '@hotline/shared/contracts/calls';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/http/errors.js';
import { users } from '../auth/users.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { contacts } from './calls.table.js';
import { outboundCalls } from './outbound-calls.table.js';

/**
 * 外呼记录: the dials made for one ticket (回访) or one 漏接回拨 task, newest first, each with its agent and how it
 * ended (接通 / 未接听 / 忙线 / 拒接 / 呼叫失败, or still under way). No number and no recording here: the number
 * stays on the ticket or task, the recording is played through the recording routes (audited there).
 */
export async function listOutboundCalls(
  db: Db,
  target: { ticketId: string } | { contactId: string },
): Promise<OutboundCallList> {
  const exists =
    'ticketId' in target
      ? await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, target.ticketId)).limit(1)
      : await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, target.contactId)).limit(1);
  if (!exists.length) throw notFound('ticketId' in target ? '该工单不存在' : '该回拨任务不存在');
  const rows = await db
    .select({
      id: outboundCalls.id,
      dialledAt: outboundCalls.dialledAt,
      agentName: users.displayName,
      outcome: outboundCalls.outcome,
      sipCode: outboundCalls.sipCode,
      endedAt: outboundCalls.endedAt,
    })
    .from(outboundCalls)
    .innerJoin(users, eq(users.id, outboundCalls.agentId))
    .where(
      'ticketId' in target
        ? eq(outboundCalls.ticketId, target.ticketId)
        : eq(outboundCalls.contactId, target.contactId),
    )
    .orderBy(desc(outboundCalls.dialledAt), desc(outboundCalls.id))
    .limit(OUTBOUND_CALL_LIST_LIMIT);
  return {
    items: rows.map((r) => ({
      ...r,
      dialledAt: r.dialledAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
    })),
  };
}
