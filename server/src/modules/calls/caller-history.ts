import { and, desc, gte, inArray, type SQL } from 'drizzle-orm';
import type { CallerHistory, TicketSummary } from '@hotline/shared/contracts/calls';
import { isRepeatCaller, REPEAT_CALLER_RULE, repeatCallerWindowStart } from '@hotline/shared/domain/caller-history';
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

/**
 * The caller's earlier tickets for the screen-pop (来电弹屏), newest first; the open ones (在办) listed apart, and the
 * 重复来电 flag, which counts finished tickets of the window as well as open ones.
 */
export async function ticketsOfCaller(
  db: DbOrTx,
  callerNumber: string | null,
  now: Date = new Date(),
): Promise<{ previous: TicketSummary[]; open: TicketSummary[]; repeatCaller: boolean }> {
  if (!callerNumber) return { previous: [], open: [], repeatCaller: false };
  const previous = await callerTickets(db, inArray(tickets.callerPhone, callerNumberVariants(callerNumber)), 20);
  const since = repeatCallerWindowStart(now).toISOString();
  const inWindow = previous.filter((r) => r.createdAt >= since).length;
  return { previous, open: previous.filter((t) => !isFinished(t.status)), repeatCaller: isRepeatCaller(inWindow) };
}

/**
 * 重复来电 lookup for the intake form: the number's tickets of the window, open and finished alike (a citizen who
 * calls again after a ticket was closed is a repeat caller too), newest first.
 */
export async function callerHistoryOf(db: DbOrTx, phone: string, now: Date): Promise<CallerHistory> {
  const where = and(
    inArray(tickets.callerPhone, callerNumberVariants(phone)),
    gte(tickets.createdAt, repeatCallerWindowStart(now)),
  );
  const items = await callerTickets(db, where, 200);
  return {
    repeatCaller: isRepeatCaller(items.length),
    windowDays: REPEAT_CALLER_RULE.windowDays,
    total: items.length,
    finished: items.filter((t) => isFinished(t.status)).length,
    items: items.slice(0, REPEAT_CALLER_RULE.listLimit),
  };
}

/** A caller's tickets matching `where` as the screen-pop and the intake list show them, newest first. */
async function callerTickets(db: DbOrTx, where: SQL | undefined, limit: number) {
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
    .where(where)
    .orderBy(desc(tickets.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
