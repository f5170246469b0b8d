import { sql } from 'drizzle-orm';
import type { TicketSummary } from '@hotline/shared/contracts/calls';
import type { DbOrTx } from '../../platform/db/client.js';

/** Ticket states that are finished from the caller's point of view; the rest count as open (在办). */
const FINISHED_STATES = new Set(['answered', 'rejected', 'transferred', 'merged', 'closed', 'archived']);

let ticketsTablePresent: true | null = null;

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
        from tickets where caller_phone = ${callerNumber} order by created_at desc limit 20`,
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
