import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { CategoryFlag } from '@hotline/shared/domain/ticket-types';
import { withPolicyDefaults, type WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import type { DbOrTx } from '../../platform/db/client.js';
import { rowOf } from '../../platform/db/insert-select.js';
import { arrayLiteral, executeRaw, RawStatement, updateByIdStatement } from '../../platform/db/raw-statement.js';
import { workflowPolicy } from './workflow-policy.table.js';
import type { ClockSubject } from '../clocks/clocks.contract.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import { dispatchRounds, extensionRequests, ticketCallbacks, ticketReplies } from './dispatch.table.js';
import { outboundCalls } from '../calls/outbound-calls.table.js';

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

/**
 * `updateRound` not yet executed: for an action's one write statement (`ActionOutcome.writes`); SQL text, not
 * drizzle's update builder (issue 12).
 */
export function updateRoundStatement(_db: DbOrTx, id: string, patch: Partial<typeof dispatchRounds.$inferInsert>) {
  return updateByIdStatement(dispatchRounds, id, patch);
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

/** The ticket's 回访 attempts, each with the 外呼 it was made on (when the agent dialled from the ticket). */
export async function listCallbacks(db: DbOrTx, ticketId: string) {
  const rows = await db
    .select({
      callback: ticketCallbacks,
      call: { id: outboundCalls.id, dialledAt: outboundCalls.dialledAt, sipCallId: outboundCalls.sipCallId },
    })
    .from(ticketCallbacks)
    .leftJoin(outboundCalls, eq(outboundCalls.id, ticketCallbacks.outboundCallId))
    .where(eq(ticketCallbacks.ticketId, ticketId))
    .orderBy(asc(ticketCallbacks.at));
  return rows.map((r) => ({ ...r.callback, call: r.call }));
}

/** Working days of extension approved on the ticket across all its rounds (the ≤ 20-day cap is per ticket). */
export async function grantedExtensionDaysOfTicket(db: DbOrTx, ticketId: string): Promise<number> {
  const [row] = await db
    .select({ days: sql<number>`coalesce(sum(${extensionRequests.days}), 0)::int` })
    .from(extensionRequests)
    .where(and(eq(extensionRequests.ticketId, ticketId), eq(extensionRequests.status, 'approved')));
  return Number(row?.days ?? 0);
}

/** The workflow policy row as a subquery (one small row), for the combined reads below. */
const policySubquery = sql`(select ${workflowPolicy.policy} from ${workflowPolicy} where ${workflowPolicy.id} = 1)`;

/** `dispatchFacts` as fixed SQL text (one prepared statement per connection; issue 12). */
const DISPATCH_FACTS = `select
      (select count(*)::int from departments where id = any($1::uuid[]) and active) as active_units,
      (select kind::text from departments where id = $2::uuid) as lead_kind,
      (select count(*)::int from dispatch_rounds where ticket_id = $3::uuid
        and role = 'lead' and return_review = 'approved') as failed,
      (select policy from workflow_policy where id = 1) as policy`;

/**
 * What a dispatch checks, in one statement (issue 12): how many of the units exist and are active, the lead unit's
 * kind (the district fallback), the failed dispatches so far and the workflow policy.
 */
export async function dispatchFacts(
  db: DbOrTx,
  ticketId: string,
  unitIds: string[],
  leadId: string,
): Promise<{ activeUnits: number; leadKind: string | null; failed: number; policy: WorkflowPolicy }> {
  const [row] = await executeRaw<{
    active_units: number;
    lead_kind: string | null;
    failed: number;
    policy: unknown;
  }>(db, new RawStatement(DISPATCH_FACTS, [arrayLiteral(unitIds), leadId, ticketId]));
  return {
    activeUnits: Number(row?.active_units ?? 0),
    leadKind: row?.lead_kind ?? null,
    failed: Number(row?.failed ?? 0),
    policy: withPolicyDefaults((row?.policy ?? null) as Parameters<typeof withPolicyDefaults>[0]),
  };
}

/**
 * What an extension request or review reads, in one statement: the pending request, the working days approved on the
 * ticket across all its rounds, and the workflow policy.
 */
export async function extensionFacts(
  db: DbOrTx,
  ticketId: string,
): Promise<{ pending: typeof extensionRequests.$inferSelect | null; granted: number; policy: WorkflowPolicy }> {
  const [row] = await db.execute<{
    pending: Record<string, unknown> | null;
    granted: number;
    policy: unknown;
  }>(sql`select
      (select row_to_json(e) from ${extensionRequests} e
        where e.ticket_id = ${ticketId} and e.status = 'pending' limit 1) as pending,
      (select coalesce(sum(${extensionRequests.days}), 0)::int from ${extensionRequests}
        where ${extensionRequests.ticketId} = ${ticketId} and ${extensionRequests.status} = 'approved') as granted,
      ${policySubquery} as policy`);
  return {
    pending: row?.pending ? rowOf(extensionRequests, row.pending) : null,
    granted: Number(row?.granted ?? 0),
    policy: withPolicyDefaults((row?.policy ?? null) as Parameters<typeof withPolicyDefaults>[0]),
  };
}
