import { and, asc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { ClockKind, ClockStage } from '@hotline/shared/domain/ticket-types';
import type { DbOrTx } from '../../platform/db/client.js';
import { tickets } from '../tickets/tickets.table.js';
import { clockStageFirings, ticketClocks, type TicketClockRow } from './clocks.table.js';

/**
 * Open working-day clocks, running or breached (a breached clock stays open for its chase and public notice): the only
 * ones a calendar edit can move. Minute clocks ignore the calendar; paused clocks are frozen.
 */
const openWorkingDayClock = () => [
  inArray(ticketClocks.state, ['running', 'breached']),
  isNull(ticketClocks.stoppedAt),
  // A breached clock paused for a review keeps its ladder held until it resumes.
  isNull(ticketClocks.pausedAt),
  eq(ticketClocks.unit, 'working_days'),
];

export interface RecomputeBounds {
  startedBefore: Date;
  dueAfter: Date;
}

export interface RecomputeCandidate {
  id: string;
  ticketId: string;
}

/** One keyset page of the clocks whose window may touch the edited dates (served by the running-due index). */
export async function selectRecomputeCandidates(
  db: DbOrTx,
  bounds: RecomputeBounds,
  afterId: string | null,
  limit: number,
): Promise<RecomputeCandidate[]> {
  const conditions: SQL[] = [
    ...openWorkingDayClock(),
    lt(ticketClocks.startedAt, bounds.startedBefore),
    gte(ticketClocks.dueAt, bounds.dueAfter),
  ];
  if (afterId) conditions.push(gt(ticketClocks.id, afterId));
  return db
    .select({ id: ticketClocks.id, ticketId: ticketClocks.ticketId })
    .from(ticketClocks)
    .where(and(...conditions))
    .orderBy(asc(ticketClocks.id))
    .limit(limit);
}

export async function lockTicketsOf(db: DbOrTx, candidates: readonly RecomputeCandidate[]): Promise<void> {
  const ids = [...new Set(candidates.map((c) => c.ticketId))];
  if (ids.length === 0) return;
  await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(inArray(tickets.id, ids))
    .orderBy(asc(tickets.id))
    .for('update');
}

/** The candidates again, locked, and still open (one may have stopped between the page read and the lock). */
export async function lockRecomputeCandidates(
  db: DbOrTx,
  candidates: readonly RecomputeCandidate[],
): Promise<TicketClockRow[]> {
  if (candidates.length === 0) return [];
  return db
    .select()
    .from(ticketClocks)
    .where(
      and(
        inArray(
          ticketClocks.id,
          candidates.map((c) => c.id),
        ),
        ...openWorkingDayClock(),
      ),
    )
    .orderBy(asc(ticketClocks.id))
    .for('update');
}

export async function firedStagesByClock(
  db: DbOrTx,
  clocks: readonly { id: string }[],
): Promise<Map<string, Set<ClockStage>>> {
  const result = new Map<string, Set<ClockStage>>();
  if (clocks.length === 0) return result;
  const rows = await db
    .select({ clockId: clockStageFirings.clockId, stage: clockStageFirings.stage })
    .from(clockStageFirings)
    .where(
      inArray(
        clockStageFirings.clockId,
        clocks.map((c) => c.id),
      ),
    );
  for (const row of rows) {
    let stages = result.get(row.clockId);
    if (!stages) result.set(row.clockId, (stages = new Set()));
    stages.add(row.stage);
  }
  return result;
}

export interface RecomputedClock {
  id: string;
  ticketId: string;
  kind: ClockKind;
  oldDueAt: Date;
  dueAt: Date;
  nextStage: ClockStage | null;
  nextStageAt: Date | null;
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** One UPDATE … FROM (VALUES …) for the whole batch. */
export async function writeRecomputedClocks(db: DbOrTx, changes: readonly RecomputedClock[]): Promise<void> {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map(
      (c) =>
        sql`(${c.id}::uuid, ${iso(c.dueAt)}::timestamptz, ${c.nextStage}::clock_stage, ${iso(c.nextStageAt)}::timestamptz)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    UPDATE ticket_clocks AS c
       SET due_at = v.due_at, next_stage = v.next_stage, next_stage_at = v.next_stage_at
      FROM (VALUES ${values}) AS v(id, due_at, next_stage, next_stage_at)
     WHERE c.id = v.id`);
}

/**
 * tickets.due_at caches the due of the clock that matters now (due_kind says which kind). It follows a clock only when
 * it still holds that clock's old due for that kind: a ticket already showing another clock keeps it.
 */
export async function writeRecomputedTicketDues(db: DbOrTx, changes: readonly RecomputedClock[]): Promise<number> {
  if (changes.length === 0) return 0;
  const values = sql.join(
    changes.map(
      (c) =>
        sql`(${c.ticketId}::uuid, ${c.kind}::ticket_due_kind, ${iso(c.oldDueAt)}::timestamptz, ${iso(c.dueAt)}::timestamptz)`,
    ),
    sql`, `,
  );
  const updated = await db.execute<{ id: string }>(sql`
    UPDATE tickets AS t
       SET due_at = v.due_at
      FROM (VALUES ${values}) AS v(ticket_id, kind, old_due_at, due_at)
     WHERE t.id = v.ticket_id AND t.due_kind = v.kind AND t.due_at = v.old_due_at
    RETURNING t.id`);
  return updated.length;
}
