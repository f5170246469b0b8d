import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { rowOf } from '../../platform/db/insert-select.js';
import { executeRaw, RawStatement } from '../../platform/db/raw-statement.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';
import { tickets, type TicketRow } from './tickets.table.js';

export async function findTicket(db: DbOrTx, id: string): Promise<TicketRow | null> {
  const rows = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateTicket(
  db: DbOrTx,
  id: string,
  patch: Partial<typeof tickets.$inferInsert>,
  now: Date,
): Promise<void> {
  await db
    .update(tickets)
    .set({ ...patch, updatedAt: now })
    .where(eq(tickets.id, id));
}

/** Whether a unit has (or had) any dispatch round on the ticket: what makes it visible to that unit's users. */
export async function departmentHasRound(db: DbOrTx, ticketId: string, departmentId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(dispatchRounds)
    .where(and(eq(dispatchRounds.ticketId, ticketId), eq(dispatchRounds.departmentId, departmentId)))
    .limit(1);
  return rows.length > 0;
}

const lockText = (unitHasRound: string) => `
    select tickets.*,
      (select coalesce(json_agg(r order by r.role), '[]'::json) from dispatch_rounds r
        where r.ticket_id = tickets.id and r.active) as "__rounds",
      ${unitHasRound} as "__unit_has_round"
    from tickets where tickets.id = $1::uuid
    limit 1 for update of tickets`;
const LOCK = lockText('false');
const LOCK_FOR_UNIT = lockText(
  'exists (select 1 from dispatch_rounds d where d.ticket_id = tickets.id and d.department_id = $2::uuid)',
);

export type ActiveRoundRow = typeof dispatchRounds.$inferSelect;

/**
 * What a state change reads first, in one statement: the ticket row locked for the rest of the transaction, its
 * active dispatch rounds (lead first) and whether the acting unit has (or had) a round on it (what makes the ticket
 * visible to that unit's users). Null when there is no such ticket.
 */
export async function lockTicketForAction(
  db: DbOrTx,
  id: string,
  departmentId: string | null,
): Promise<{ ticket: TicketRow; activeRounds: ActiveRoundRow[]; unitHasRound: boolean } | null> {
  // Written as SQL text, not with the select builder: rendering a select of the whole ticket row through drizzle
  // cost ~0.5 ms of CPU per action under load (issue 12); the row is mapped back with the table's own columns. The
  // text is fixed (one prepared statement per connection) and sent straight to the driver.
  const rows = await executeRaw<Record<string, unknown>>(
    db,
    departmentId ? new RawStatement(LOCK_FOR_UNIT, [id, departmentId]) : new RawStatement(LOCK, [id]),
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ticket: rowOf(tickets, row),
    activeRounds: (row.__rounds as Record<string, unknown>[]).map((r) => rowOf(dispatchRounds, r)),
    unitHasRound: row.__unit_has_round === true,
  };
}
