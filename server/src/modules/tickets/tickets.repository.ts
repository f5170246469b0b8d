import { and, eq, getTableColumns, sql, type Table } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';
import { tickets, type TicketRow } from './tickets.table.js';

export async function findTicket(db: DbOrTx, id: string): Promise<TicketRow | null> {
  const rows = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Locks the ticket row for the rest of the transaction: actions on one ticket run one after another. */
export async function lockTicket(db: DbOrTx, id: string): Promise<TicketRow | null> {
  const rows = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1).for('update');
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

/** Units of the ticket's current round: the rooms a change is pushed to. */
export async function currentRoundDepartmentIds(db: DbOrTx, ticketId: string, round: number): Promise<string[]> {
  if (round === 0) return [];
  const rows = await db
    .select({ departmentId: dispatchRounds.departmentId })
    .from(dispatchRounds)
    .where(and(eq(dispatchRounds.ticketId, ticketId), eq(dispatchRounds.round, round)));
  return rows.map((r) => r.departmentId);
}

export type ActiveRoundRow = typeof dispatchRounds.$inferSelect;

/** A row as `row_to_json` gives it (column names, JSON values), mapped back to what drizzle would have returned. */
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

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
  // The subqueries name the outer row `tickets.id` explicitly: drizzle leaves a one-table select's columns unqualified.
  const rows = await db
    .select({
      ticket: tickets,
      rounds: sql<Record<string, unknown>[]>`(
        select coalesce(json_agg(r order by r.role), '[]'::json) from ${dispatchRounds} r
        where r.ticket_id = tickets.id and r.active)`,
      unitHasRound: departmentId
        ? sql<boolean>`exists (select 1 from ${dispatchRounds} d
            where d.ticket_id = tickets.id and d.department_id = ${departmentId})`
        : sql<boolean>`false`,
    })
    .from(tickets)
    .where(eq(tickets.id, id))
    .limit(1)
    .for('update');
  const row = rows[0];
  if (!row) return null;
  return {
    ticket: row.ticket,
    activeRounds: row.rounds.map((r) => rowFromJson(dispatchRounds, r)),
    unitHasRound: row.unitHasRound,
  };
}
