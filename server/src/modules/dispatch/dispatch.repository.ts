import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { CategoryFlag } from '@hotline/shared/domain/ticket-types';
import type { DbOrTx } from '../../platform/db/client.js';
import type { ClockSubject } from '../clocks/clocks.contract.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import { dispatchRounds, extensionRequests, ticketCallbacks, ticketReplies } from './dispatch.table.js';

export type RoundRow = typeof dispatchRounds.$inferSelect;

export function clockSubject(ticket: TicketRow, round: RoundRow | null): ClockSubject {
  return {
    ticketId: ticket.id,
    roundId: round?.id ?? null,
    departmentId: round?.departmentId ?? null,
    type: ticket.type,
    urgency: ticket.urgency,
    categories: ticket.categories as CategoryFlag[],
  };
}

export async function insertRound(db: DbOrTx, values: typeof dispatchRounds.$inferInsert): Promise<RoundRow> {
  const [row] = await db.insert(dispatchRounds).values(values).returning();
  return row!;
}

export async function updateRound(db: DbOrTx, id: string, patch: Partial<typeof dispatchRounds.$inferInsert>) {
  await db.update(dispatchRounds).set(patch).where(eq(dispatchRounds.id, id));
}

/** `updateRound` not yet executed: for an action's one write statement (`ActionOutcome.writes`). */
export function updateRoundStatement(db: DbOrTx, id: string, patch: Partial<typeof dispatchRounds.$inferInsert>) {
  return db.update(dispatchRounds).set(patch).where(eq(dispatchRounds.id, id));
}

export async function activeRounds(db: DbOrTx, ticketId: string): Promise<RoundRow[]> {
  return db
    .select()
    .from(dispatchRounds)
    .where(and(eq(dispatchRounds.ticketId, ticketId), eq(dispatchRounds.active, true)))
    .orderBy(asc(dispatchRounds.role));
}

export async function listRounds(db: DbOrTx, ticketId: string): Promise<RoundRow[]> {
  return db
    .select()
    .from(dispatchRounds)
    .where(eq(dispatchRounds.ticketId, ticketId))
    .orderBy(asc(dispatchRounds.round), asc(dispatchRounds.role), asc(dispatchRounds.dispatchedAt));
}

/** The latest lead round (active or not): whom a reopened ticket goes back to. */
export async function latestLeadRound(db: DbOrTx, ticketId: string): Promise<RoundRow | null> {
  const rows = await db
    .select()
    .from(dispatchRounds)
    .where(and(eq(dispatchRounds.ticketId, ticketId), eq(dispatchRounds.role, 'lead')))
    .orderBy(desc(dispatchRounds.round))
    .limit(1);
  return rows[0] ?? null;
}

/** Failed dispatches: lead rounds whose return the hotline approved. Three of them → the next unit is designated. */
export async function failedDispatchCount(db: DbOrTx, ticketId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(dispatchRounds)
    .where(
      and(
        eq(dispatchRounds.ticketId, ticketId),
        eq(dispatchRounds.role, 'lead'),
        eq(dispatchRounds.returnReview, 'approved'),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function pendingExtension(db: DbOrTx, ticketId: string) {
  const rows = await db
    .select()
    .from(extensionRequests)
    .where(and(eq(extensionRequests.ticketId, ticketId), eq(extensionRequests.status, 'pending')))
    .limit(1);
  return rows[0] ?? null;
}

export async function pendingReply(db: DbOrTx, ticketId: string) {
  const rows = await db
    .select()
    .from(ticketReplies)
    .where(and(eq(ticketReplies.ticketId, ticketId), eq(ticketReplies.review, 'pending')))
    .orderBy(desc(ticketReplies.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

export async function listReplies(db: DbOrTx, ticketId: string) {
  return db
    .select()
    .from(ticketReplies)
    .where(eq(ticketReplies.ticketId, ticketId))
    .orderBy(asc(ticketReplies.createdAt));
}

export async function listCallbacks(db: DbOrTx, ticketId: string) {
  return db
    .select()
    .from(ticketCallbacks)
    .where(eq(ticketCallbacks.ticketId, ticketId))
    .orderBy(asc(ticketCallbacks.at));
}

/** Working days of extension approved on the ticket across all its rounds (the ≤ 20-day cap is per ticket). */
export async function grantedExtensionDaysOfTicket(db: DbOrTx, ticketId: string): Promise<number> {
  const [row] = await db
    .select({ days: sql<number>`coalesce(sum(${extensionRequests.days}), 0)::int` })
    .from(extensionRequests)
    .where(and(eq(extensionRequests.ticketId, ticketId), eq(extensionRequests.status, 'approved')));
  return Number(row?.days ?? 0);
}
