import { and, eq, sql } from 'drizzle-orm';
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
