import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { ClockKind, ClockStage } from '@hotline/shared/domain/ticket-types';
import type { DbOrTx } from '../../platform/db/client.js';
import { arrayLiteral, RawStatement } from '../../platform/db/raw-statement.js';
import { clockStageFirings, ticketClocks, type TicketClockRow } from './clocks.table.js';

export type NewTicketClock = typeof ticketClocks.$inferInsert;

/**
 * Open = not stopped (a breached clock stays open: its chase and public notice still fire).
 * The UPDATE that stops the open clocks (not executed: a caller folds it into one statement — issue 12); null when
 * the filter matches nothing (an empty list of kinds or rounds). Written as SQL text (`RawStatement`): it is on every
 * state change's path, where drizzle's rendering was the largest JavaScript cost.
 */
export function stopOpenClocksStatement(
  _db: DbOrTx,
  ticketId: string,
  at: Date,
  filter: { kinds?: readonly ClockKind[]; roundId?: string; roundIds?: readonly string[] },
): RawStatement | null {
  const instant = at.toISOString();
  const params: unknown[] = [instant, ticketId];
  let where = 'ticket_id = $2::uuid and stopped_at is null';
  if (filter.kinds) {
    if (filter.kinds.length === 0) return null;
    params.push(arrayLiteral(filter.kinds));
    where += ` and kind = any($${params.length}::clock_kind[])`;
  }
  if (filter.roundId) {
    params.push(filter.roundId);
    where += ` and round_id = $${params.length}::uuid`;
  }
  if (filter.roundIds) {
    if (filter.roundIds.length === 0) return null;
    params.push(arrayLiteral(filter.roundIds));
    where += ` and round_id = any($${params.length}::uuid[])`;
  }
  // A running clock stopped by its due instant is met; after it, or already breached, it stays breached. A paused
  // clock is judged at the instant it was paused (the reply or return it is stopped for came then).
  return new RawStatement(
    `update ticket_clocks set stopped_at = $1::timestamptz,
      state = CASE WHEN state = 'running' AND due_at >= $1::timestamptz THEN 'met'::clock_state
                   WHEN state = 'paused' AND due_at >= coalesce(paused_at, $1::timestamptz) THEN 'met'::clock_state
                   ELSE 'breached'::clock_state END,
      next_stage = null, next_stage_at = null
    where ${where}`,
    params,
  );
}

/**
 * The UPDATE that pauses the unpaused open clocks of these rounds (of these kinds): a running clock not past its due
 * becomes `paused`, any other (past its due, or breached) `breached`; the stage pointer is cleared so nothing fires.
 * SQL text like `stopOpenClocksStatement`.
 */
export function pauseRoundClocksStatement(
  _db: DbOrTx,
  ticketId: string,
  at: Date,
  filter: { roundIds: readonly string[]; kinds?: readonly ClockKind[] },
): RawStatement | null {
  if (filter.roundIds.length === 0 || filter.kinds?.length === 0) return null;
  const params: unknown[] = [at.toISOString(), ticketId, arrayLiteral(filter.roundIds)];
  let where = 'ticket_id = $2::uuid and round_id = any($3::uuid[]) and stopped_at is null and paused_at is null';
  if (filter.kinds) {
    params.push(arrayLiteral(filter.kinds));
    where += ` and kind = any($4::clock_kind[])`;
  }
  return new RawStatement(
    `update ticket_clocks set
      state = CASE WHEN state = 'running' AND due_at >= $1::timestamptz THEN 'paused'::clock_state
                   ELSE 'breached'::clock_state END,
      paused_at = $1::timestamptz, next_stage = null, next_stage_at = null
    where ${where}`,
    params,
  );
}

/**
 * The paused open clocks of these rounds (of these kinds), locked, each with its fired stages and — for the handling
 * clocks — nothing else: one statement where `lockRoundClocks` + `firedStagesOf` per clock took 1 + N.
 */
export async function lockPausedClocksWithFirings(
  db: DbOrTx,
  ticketId: string,
  filter: { roundIds: readonly string[]; kinds?: readonly ClockKind[] },
): Promise<{ clock: TicketClockRow; fired: Set<ClockStage> }[]> {
  if (filter.roundIds.length === 0) return [];
  const conditions: SQL[] = [
    eq(ticketClocks.ticketId, ticketId),
    inArray(ticketClocks.roundId, [...filter.roundIds]),
    isNull(ticketClocks.stoppedAt),
    isNotNull(ticketClocks.pausedAt),
  ];
  if (filter.kinds) conditions.push(inArray(ticketClocks.kind, [...filter.kinds]));
  const rows = await db
    .select({
      clock: ticketClocks,
      // Named in full: drizzle leaves a one-table select's own columns unqualified.
      fired: sql<ClockStage[]>`(select coalesce(json_agg(f.stage), '[]'::json) from ${clockStageFirings} f
                                where f.clock_id = ticket_clocks.id)`,
    })
    .from(ticketClocks)
    .where(and(...conditions))
    .orderBy(asc(ticketClocks.startedAt), asc(ticketClocks.id))
    .for('update');
  return rows.map((r) => ({ clock: r.clock, fired: new Set(r.fired) }));
}

/** The open handling clock of a round, locked, with its fired stages and the extension days granted on the round. */
export async function lockOpenHandlingClockForExtension(
  db: DbOrTx,
  ticketId: string,
  roundId: string,
): Promise<{ clock: TicketClockRow; fired: Set<ClockStage>; granted: number } | null> {
  const [row] = await db
    .select({
      clock: ticketClocks,
      fired: sql<ClockStage[]>`(select coalesce(json_agg(f.stage), '[]'::json) from ${clockStageFirings} f
                                where f.clock_id = ticket_clocks.id)`,
      granted: sql<number>`(select coalesce(sum(g.total_extension_days), 0)::int from ${ticketClocks} g
                            where g.ticket_id = ticket_clocks.ticket_id and g.round_id = ticket_clocks.round_id
                              and g.kind = 'handling')`,
    })
    .from(ticketClocks)
    .where(
      and(
        eq(ticketClocks.ticketId, ticketId),
        eq(ticketClocks.roundId, roundId),
        eq(ticketClocks.kind, 'handling'),
        isNull(ticketClocks.stoppedAt),
      ),
    )
    .orderBy(asc(ticketClocks.startedAt))
    .limit(1)
    .for('update', { of: ticketClocks });
  return row ? { clock: row.clock, fired: new Set(row.fired), granted: Number(row.granted) } : null;
}

export async function lockClock(db: DbOrTx, clockId: string): Promise<TicketClockRow | null> {
  const [row] = await db.select().from(ticketClocks).where(eq(ticketClocks.id, clockId)).for('update');
  return row ?? null;
}

export async function sumExtensionDays(db: DbOrTx, ticketId: string, roundId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${ticketClocks.totalExtensionDays}), 0)::int` })
    .from(ticketClocks)
    .where(
      and(eq(ticketClocks.ticketId, ticketId), eq(ticketClocks.roundId, roundId), eq(ticketClocks.kind, 'handling')),
    );
  return row?.total ?? 0;
}

export async function updateClock(
  db: DbOrTx,
  clockId: string,
  values: Partial<
    Pick<
      NewTicketClock,
      'dueAt' | 'totalExtensionDays' | 'state' | 'stoppedAt' | 'pausedAt' | 'nextStage' | 'nextStageAt'
    >
  >,
): Promise<void> {
  await db.update(ticketClocks).set(values).where(eq(ticketClocks.id, clockId));
}

export async function firedStagesOf(db: DbOrTx, clockId: string): Promise<Set<ClockStage>> {
  const rows = await db
    .select({ stage: clockStageFirings.stage })
    .from(clockStageFirings)
    .where(eq(clockStageFirings.clockId, clockId));
  return new Set(rows.map((r) => r.stage));
}

/** True when this call recorded the firing; false when it had fired already (a redelivered or duplicate job). */
export async function recordStageFiring(db: DbOrTx, clockId: string, stage: ClockStage, at: Date): Promise<boolean> {
  const inserted = await db
    .insert(clockStageFirings)
    .values({ clockId, stage, firedAt: at })
    .onConflictDoNothing()
    .returning({ clockId: clockStageFirings.clockId });
  return inserted.length > 0;
}

export interface ClockToArm {
  id: string;
  nextStage: ClockStage;
  nextStageAt: Date;
}

/**
 * Open clocks whose next stage falls before `until`, in stage order, after the keyset cursor. Served by the partial
 * index on next_stage_at: the cost depends on how many clocks are due soon, not on how many are open.
 */
export async function selectClocksToArm(
  db: DbOrTx,
  until: Date,
  limit: number,
  after: { at: Date; id: string } | null,
): Promise<ClockToArm[]> {
  const conditions: SQL[] = [sql`${ticketClocks.nextStageAt} <= ${until.toISOString()}::timestamptz`];
  if (after) {
    conditions.push(
      sql`(${ticketClocks.nextStageAt}, ${ticketClocks.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await db
    .select({ id: ticketClocks.id, nextStage: ticketClocks.nextStage, nextStageAt: ticketClocks.nextStageAt })
    .from(ticketClocks)
    .where(and(...conditions))
    .orderBy(asc(ticketClocks.nextStageAt), asc(ticketClocks.id))
    .limit(limit);
  return rows.filter((r): r is ClockToArm => r.nextStage !== null && r.nextStageAt !== null);
}

export async function listClocksOfTicket(db: DbOrTx, ticketId: string) {
  const clocks = await db
    .select()
    .from(ticketClocks)
    .where(eq(ticketClocks.ticketId, ticketId))
    .orderBy(asc(ticketClocks.startedAt), asc(ticketClocks.id));
  if (clocks.length === 0) return [];
  const firings = await db
    .select()
    .from(clockStageFirings)
    .where(
      inArray(
        clockStageFirings.clockId,
        clocks.map((c) => c.id),
      ),
    )
    .orderBy(asc(clockStageFirings.firedAt));
  return clocks.map((clock) => ({ clock, firings: firings.filter((f) => f.clockId === clock.id) }));
}
