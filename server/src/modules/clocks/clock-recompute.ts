/**
 * Running working-day clocks follow an edit of the working calendar (工作日历).
 *
 * A clock does not store its allowed amount, only `started_at` and `due_at`; but every working-day due is
 * `endOfDay(addWorkingDays(startDate, amount + granted extensions))` under the calendar in force, and this module keeps
 * that true at every edit. So the amount is recovered exactly by counting the working days of the window under the
 * calendar BEFORE the edit, and the new due is that many working days from the same start under the calendar AFTER it.
 * Granted extensions (延期, `total_extension_days`) are inside that count: an extension adds working days to the due.
 * A breached clock still open keeps its (fired) due; only its pending chase / public notice move.
 *
 * Runs inside the administrator's calendar transaction because it needs both calendars; the rows are read and written
 * in keyset batches, each written with one set-based UPDATE, so the cost is a few statements per batch.
 */
import { sql } from 'drizzle-orm';
import type { StagePolicy } from '@hotline/shared/domain/deadlines';
import {
  shanghaiEndOfDay,
  shanghaiStartOfDay,
  toShanghaiDate,
  type IsoDate,
} from '@hotline/shared/domain/shanghai-time';
import type { ClockStage } from '@hotline/shared/domain/ticket-types';
import type { WorkingCalendar } from '@hotline/shared/domain/working-calendar';
import type { Tx } from '../../platform/db/client.js';
import type { Queues } from '../../platform/queue/queues.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { DEFAULT_CLOCK_SCHEDULING } from './clock-stage-runner.js';
import { fireClockStageJob, stageJobId } from './clocks.job-definitions.js';
import { nextUnfiredStage } from './clock-stages.js';
import {
  firedStagesByClock,
  lockRecomputeCandidates,
  lockTicketsOf,
  selectRecomputeCandidates,
  writeRecomputedClocks,
  writeRecomputedTicketDues,
  type RecomputedClock,
} from './clock-recompute.repository.js';

export interface CalendarEditInput {
  before: WorkingCalendar;
  after: WorkingCalendar;
  /** Dates whose working / non-working status differs between the two calendars. */
  changedDates: readonly IsoDate[];
  settings: StagePolicy;
  batchSize?: number;
}

export interface ClockRecomputeSummary {
  /** Open (running or breached) working-day clocks whose stages could touch a changed date. */
  examined: number;
  /** Clocks whose due or next stage moved. */
  recomputed: number;
  dueMoved: number;
  dueEarlier: number;
  dueLater: number;
  /** Tickets whose cached due (tickets.due_at) followed their clock. */
  ticketsUpdated: number;
  /** Clocks whose next stage was possibly already armed in Redis at its old instant (see unarmMovedStages). */
  movedArmedStages: { clockId: string; stage: ClockStage }[];
}

const DEFAULT_BATCH_SIZE = 500;

/**
 * Calendar days one working day can span at most (the longest official break is 9 days); bounds how far past its due
 * a clock's chase and public notice can fall, so clocks that ended long before the first changed date are skipped.
 */
const MAX_CALENDAR_DAYS_PER_WORKING_DAY = 10;

export async function recomputeRunningClocks(
  tx: Tx,
  input: CalendarEditInput,
  armedUntil: Date,
): Promise<ClockRecomputeSummary> {
  const summary: ClockRecomputeSummary = {
    examined: 0,
    recomputed: 0,
    dueMoved: 0,
    dueEarlier: 0,
    dueLater: 0,
    ticketsUpdated: 0,
    movedArmedStages: [],
  };
  if (input.changedDates.length === 0) return summary;
  const sorted = [...input.changedDates].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const { settings } = input;
  const stageSpanDays =
    (settings.chaseWorkingDaysAfterDue + settings.publicNoticeWorkingDaysAfterChase + 1) *
    MAX_CALENDAR_DAYS_PER_WORKING_DAY;
  const bounds = {
    // Counting starts the day after the start: a change on or before the start date moves nothing.
    startedBefore: shanghaiStartOfDay(last),
    dueAfter: new Date(shanghaiStartOfDay(first).getTime() - stageSpanDays * 24 * 3600 * 1000),
  };
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;

  let afterId: string | null = null;
  for (;;) {
    const candidates = await selectRecomputeCandidates(tx, bounds, afterId, batchSize);
    if (candidates.length === 0) break;
    afterId = candidates[candidates.length - 1]!.id;
    // Tickets before clocks: the order every ticket action locks in, so an edit never deadlocks with one.
    await lockTicketsOf(tx, candidates);
    const rows = await lockRecomputeCandidates(tx, candidates);
    const fired = await firedStagesByClock(tx, rows);
    const changes: RecomputedClock[] = [];
    for (const row of rows) {
      summary.examined++;
      const startDate = toShanghaiDate(row.startedAt);
      const allowed = input.before.workingDaysBetween(startDate, toShanghaiDate(row.dueAt));
      // A due on its start day is no working-day span (never produced by computeDueAt); leave it alone.
      if (allowed < 1) continue;
      // A breached clock's due has fired and stays where it was; only its chase / public notice follow the calendar.
      const dueAt =
        row.state === 'running' ? shanghaiEndOfDay(input.after.addWorkingDays(startDate, allowed)) : row.dueAt;
      const next = nextUnfiredStage({ ...row, dueAt }, fired.get(row.id) ?? new Set(), input.after, settings);
      const nextStage = next?.stage ?? null;
      const nextStageAt = next?.at ?? null;
      const dueChanged = dueAt.getTime() !== row.dueAt.getTime();
      const pointerChanged =
        nextStage !== row.nextStage || (nextStageAt?.getTime() ?? null) !== (row.nextStageAt?.getTime() ?? null);
      if (!dueChanged && !pointerChanged) continue;
      changes.push({
        id: row.id,
        ticketId: row.ticketId,
        kind: row.kind,
        oldDueAt: row.dueAt,
        dueAt,
        nextStage,
        nextStageAt,
      });
      summary.recomputed++;
      if (dueChanged) {
        summary.dueMoved++;
        if (dueAt < row.dueAt) summary.dueEarlier++;
        else summary.dueLater++;
      }
      if (pointerChanged && row.nextStage && row.nextStageAt && row.nextStageAt <= armedUntil) {
        summary.movedArmedStages.push({ clockId: row.id, stage: row.nextStage });
      }
    }
    await writeRecomputedClocks(tx, changes);
    summary.ticketsUpdated += await writeRecomputedTicketDues(
      tx,
      changes.filter((c) => c.dueAt.getTime() !== c.oldDueAt.getTime()),
    );
    if (candidates.length < batchSize) break;
  }
  return summary;
}

/** Serialises calendar edits, so each one sees the calendar the previous one left (the "before" of its recount). */
export async function lockCalendarForEdit(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('working_calendar_edit'))`);
}

/**
 * The calendar service's hook, inside its transaction: recompute, and one audit row for the whole edit. One row, not
 * one per ticket: a routine edit of next year's holidays can move tens of thousands of clocks, and each move is fully
 * explained by the calendar.update row next to it (same transaction, same actor); the counts say how far it reached.
 */
export async function recomputeClocksAfterCalendarEdit(
  tx: Tx,
  actor: AuditActor,
  input: CalendarEditInput & { year: number; at: Date },
): Promise<ClockRecomputeSummary> {
  // A stage armed by the scheduler is at most one window ahead of the pass that armed it.
  const armedUntil = new Date(input.at.getTime() + DEFAULT_CLOCK_SCHEDULING.windowMs);
  const summary = await recomputeRunningClocks(tx, input, armedUntil);
  if (summary.recomputed > 0) {
    await recordAudit(tx, actor, {
      action: 'clock.recomputed',
      entityType: 'working_calendar',
      entityId: String(input.year),
      reason: '工作日历调整，正在计时的工作日时限按新日历重新计算',
      detail: {
        year: input.year,
        changedDates: [...input.changedDates].sort(),
        examined: summary.examined,
        recomputed: summary.recomputed,
        dueMoved: summary.dueMoved,
        dueEarlier: summary.dueEarlier,
        dueLater: summary.dueLater,
        ticketsUpdated: summary.ticketsUpdated,
      },
    });
  }
  return summary;
}

/**
 * After the commit: drops the delayed stage jobs armed at an instant that has moved, so the next scheduler pass arms
 * them at the new one. A job that moved later would only arrive early and fire nothing, but one that moved earlier
 * would otherwise wait for its old instant. Best effort: a job already running simply finishes.
 */
export async function unarmMovedStages(
  queues: Queues,
  moved: readonly { clockId: string; stage: ClockStage }[],
): Promise<void> {
  const queue = queues.queue(fireClockStageJob.queue);
  for (const { clockId, stage } of moved) {
    try {
      await queue.remove(stageJobId(clockId, stage));
    } catch {
      // Locked by a worker right now: it re-reads the clock under lock and uses the recomputed instants.
    }
  }
}
