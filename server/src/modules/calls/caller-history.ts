import { sql } from 'drizzle-orm';
import type { TicketSummary } from '@hotline/shared/contracts/calls';
import type { DbOrTx } from '../../platform/db/client.js';

/** Ticket states that are finished from the caller's point of view; the rest count as open (在办). */
const FINISHED_STATES = new Set(['answered', 'rejected', 'transferred', 'merged', 'closed', 'archived']);

let ticketsTablePresent: true | null = null;

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
 * The caller's earlier tickets for the screen-pop, newest first. Reads the tickets module's table by SQL, not by
 * import, so routing does not depend on the ticket module's life cycle; without that table it answers nothing.
 */
export async function ticketsOfCaller(
  db: DbOrTx,
  callerNumber: string | null,
): Promise<{ previous: TicketSummary[]; open: TicketSummary[] }> {
  if (!callerNumber) return { previous: [], open: [] };
  if (ticketsTablePresent === null) {
    const exists = await db.execute<{ present: boolean }>(
      sql`select to_regclass('public.tickets') is not null as present`,
    );
    // Cached once found: the table does not go away at run time; until it exists, it is looked for again.
    if (exists[0]?.present) ticketsTablePresent = true;
    else return { previous: [], open: [] };
  }
  const rows = await db.execute<{
    id: string;
    number: string;
    title: string;
    status: string;
    created_at: string | Date;
    confidential: boolean;
  }>(
    sql`select id, number, title, status::text as status, created_at, confidential
        from tickets where caller_phone in (${sql.join(
          callerNumberVariants(callerNumber).map((n) => sql`${n}`),
          sql`, `,
        )}) order by created_at desc limit 20`,
  );
  const previous = [...rows].map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    confidential: r.confidential,
  }));
  return { previous, open: previous.filter((t) => !FINISHED_STATES.has(t.status)) };
}
