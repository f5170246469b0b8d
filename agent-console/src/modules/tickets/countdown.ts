/** Deadline countdowns (时限倒计时) of lists and the detail page: pure, so the display rules are unit-tested. */
import { DUE_SOON_MS } from '@hotline/shared/domain/work-queues';

export type DeadlineTone = 'overdue' | 'due-soon' | 'normal' | 'none';

/** A deadline is "due soon" (即将超期, orange) within this much of its due instant: the server's `dueSoon` filter. */
export const DEFAULT_DUE_SOON_MS = DUE_SOON_MS;

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export interface DeadlineStatus {
  tone: DeadlineTone;
  /** Absolute distance to the due instant; 0 when there is no deadline. */
  distanceMs: number;
  parts: DurationParts;
}

export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function splitDuration(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(Math.abs(ms) / SECOND) * SECOND);
  return {
    days: Math.floor(total / DAY),
    hours: Math.floor((total % DAY) / HOUR),
    minutes: Math.floor((total % HOUR) / MINUTE),
    seconds: Math.floor((total % MINUTE) / SECOND),
  };
}

/** Where a due instant stands at `now`; a missing or unparsable instant has tone `none`. */
export function deadlineStatus(
  dueAt: string | null | undefined,
  now: number,
  dueSoonMs: number = DEFAULT_DUE_SOON_MS,
): DeadlineStatus {
  const due = dueAt ? Date.parse(dueAt) : Number.NaN;
  if (Number.isNaN(due)) return { tone: 'none', distanceMs: 0, parts: splitDuration(0) };
  const remaining = due - now;
  const tone: DeadlineTone = remaining <= 0 ? 'overdue' : remaining <= dueSoonMs ? 'due-soon' : 'normal';
  return { tone, distanceMs: Math.abs(remaining), parts: splitDuration(remaining) };
}

/**
 * The two most significant non-zero units ("2天3小时", "3小时5分", "5分12秒"); seconds only once under an hour,
 * so a list of long deadlines does not flicker every second.
 */
export function formatDuration(parts: DurationParts, units: DurationUnits): string {
  const ordered: [number, string][] = [
    [parts.days, units.day],
    [parts.hours, units.hour],
    [parts.minutes, units.minute],
    [parts.seconds, units.second],
  ];
  const first = ordered.findIndex(([value]) => value > 0);
  if (first === -1) return `0${units.second}`;
  const shown = ordered.slice(first, first + 2).filter(([value], index) => index === 0 || value > 0);
  const underAnHour = parts.days === 0 && parts.hours === 0;
  return shown
    .filter(([, unit]) => unit !== units.second || underAnHour)
    .map(([value, unit]) => `${value}${unit}`)
    .join('');
}

/**
 * A work list in the order a handler should take it: least time left first, so overdue tickets lead (most overdue
 * first) and tickets without a running deadline come last. Stable for equal deadlines.
 */
export function sortByTimeLeft<T extends { dueAt: string | null }>(rows: readonly T[]): T[] {
  const dueOf = (row: T) => {
    const due = row.dueAt ? Date.parse(row.dueAt) : Number.NaN;
    return Number.isNaN(due) ? Number.POSITIVE_INFINITY : due;
  };
  return rows
    .map((row, index) => ({ row, index, due: dueOf(row) }))
    .sort((a, b) => a.due - b.due || a.index - b.index)
    .map(({ row }) => row);
}
