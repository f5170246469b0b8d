/**
 * Which stages a clock of each kind goes through, and which one comes next. Pure: the calendar and the settings are
 * passed in, so it is unit-tested without a database.
 */
import {
  computeStageTimes,
  hasFinalWarning,
  type StagePolicy,
  type StageTimes,
} from '@hotline/shared/domain/deadlines';
import type { WorkingCalendar } from '@hotline/shared/domain/working-calendar';
import { CLOCK_STAGES, type ClockKind, type ClockStage, type ClockUnit } from '@hotline/shared/domain/ticket-types';

/**
 * Stages per clock kind. The return window (退单时限) only closes — nobody is chased for not returning a ticket.
 * The extension "clock" is the cap on granted extension days, never a running clock.
 */
export const STAGES_BY_KIND: Record<ClockKind, readonly ClockStage[]> = {
  sign_for: CLOCK_STAGES,
  handling: CLOCK_STAGES,
  callback: CLOCK_STAGES,
  return_window: ['due'],
  extension: [],
};

/** Clock kinds whose stages are alarms pushed to the unit and the leads (the return window closing is not). */
export function stageIsPushed(kind: ClockKind): boolean {
  return kind !== 'return_window';
}

export interface ClockTiming {
  kind: ClockKind;
  unit: ClockUnit;
  startedAt: Date;
  dueAt: Date;
}

export function stageTimesOf(clock: ClockTiming, calendar: WorkingCalendar, policy: StagePolicy): StageTimes {
  return computeStageTimes({ start: clock.startedAt, due: clock.dueAt, unit: clock.unit }, calendar, policy);
}

/** The stages this clock goes through: its kind's ladder, without the second warning when it has only one. */
function ladderOf(clock: ClockTiming, times: StageTimes): readonly ClockStage[] {
  const stages = STAGES_BY_KIND[clock.kind];
  return hasFinalWarning(times) ? stages : stages.filter((s) => s !== 'final_warning');
}

/** The earliest stage of the clock's kind not in `fired`, with its instant; null when none is left. */
export function nextUnfiredStage(
  clock: ClockTiming,
  fired: ReadonlySet<ClockStage>,
  calendar: WorkingCalendar,
  policy: StagePolicy,
): { stage: ClockStage; at: Date } | null {
  const times = stageTimesOf(clock, calendar, policy);
  const pending = ladderOf(clock, times).find((stage) => !fired.has(stage));
  if (!pending) return null;
  return { stage: pending, at: times[pending] };
}

/**
 * The stages to fire now when the job for `requested` arrives: every unfired stage of the kind up to and including
 * `requested` whose instant has passed, in ladder order. Catching up the earlier ones keeps the ladder in order after
 * an outage; a job that arrives early (the due moved by an extension) fires nothing.
 */
export function stagesToFire(
  clock: ClockTiming,
  requested: ClockStage,
  fired: ReadonlySet<ClockStage>,
  now: Date,
  calendar: WorkingCalendar,
  policy: StagePolicy,
): ClockStage[] {
  const times = stageTimesOf(clock, calendar, policy);
  const stages = ladderOf(clock, times);
  // A job for a stage the ladder no longer has (the span changed) counts as the stage before it.
  const upTo = stages.includes(requested)
    ? stages.indexOf(requested)
    : STAGES_BY_KIND[clock.kind].indexOf(requested) - 1;
  if (upTo < 0) return [];
  const result: ClockStage[] = [];
  for (const stage of stages.slice(0, upTo + 1)) {
    if (fired.has(stage)) continue;
    if (times[stage].getTime() > now.getTime()) break;
    result.push(stage);
  }
  return result;
}
