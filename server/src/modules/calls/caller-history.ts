import { desc, inArray } from 'drizzle-orm';
import type { TicketSummary } from '@hotline/shared/contracts/calls';
import { isFinished } from '@hotline/shared/domain/ticket-states';
import type { DbOrTx } from '../../platform/db/client.js';
import { tickets } from '../tickets/tickets.table.js';

/**
 * The forms a caller's number may have been written down in at intake. The phone system sends what the carrier
 * delivers (+8613800001234, 013800001234 with a trunk 0, 0571-8888…), the console stores what the agent typed
 * (13800001234, 0571-88881234): the screen-pop looks for each form, so a country or trunk prefix hides no history.
 */
export function callerNumberVariants(callerNumber: string): string[] {
  const variants = new Set([callerNumber]);
  let digits = callerNumber.replace(/-/g, '');
  variants.add(digits);
  digits = digits.replace(/^(\+86|0086)/, '');
  if (/^861\d{10}$/.test(digits)) digits = digits.slice(2);
  if (/^01\d{10}$/.test(digits)) digits = digits.slice(1);
  variants.add(digits);
  return [...variants];
}

/** The caller's earlier tickets for the screen-pop (来电弹屏), newest first; the open ones (在办) listed apart. */
export async function ticketsOfCaller(
  db: DbOrTx,
  callerNumber: string | null,
): Promise<{ previous: TicketSummary[]; open: TicketSummary[] }> {
  if (!callerNumber) return { previous: [], open: [] };
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      createdAt: tickets.createdAt,
      confidential: tickets.confidential,
    })
    .from(tickets)
    .where(inArray(tickets.callerPhone, callerNumberVariants(callerNumber)))
    .orderBy(desc(tickets.createdAt))
    .limit(20);
  const previous = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  return { previous, open: previous.filter((t) => !isFinished(t.status)) };
}
