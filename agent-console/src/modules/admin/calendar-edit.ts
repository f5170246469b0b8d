import { dayOfWeek, isIsoDate, isWeekend, yearOf } from '@hotline/shared/domain/shanghai-time';
import type { CalendarDayInput } from './api';

/**
 * Editing a year of the working calendar (工作日历) in the browser before it is saved in one PUT.
 * An exception's kind follows from its date: a weekday can only be a holiday (放假), a weekend day only a make-up
 * working day (调休上班) — anything else is not an exception, and the server would refuse it.
 */
export function isWorkingDayException(date: string): boolean {
  return isWeekend(date);
}

/** 0 = Sunday … 6 = Saturday, for the 星期 column. */
export function weekdayOf(date: string): number {
  return dayOfWeek(date);
}

export function sortDays(days: readonly CalendarDayInput[]): CalendarDayInput[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

export type DayProblem = 'invalid_date' | 'outside_year' | 'duplicate';

/** Checks a day about to be added (or moved to `date`) before it enters the draft. */
export function checkDraftDay(
  days: readonly CalendarDayInput[],
  year: number,
  date: string,
  replacing: string | null,
): DayProblem | null {
  if (!isIsoDate(date)) return 'invalid_date';
  if (yearOf(date) !== year) return 'outside_year';
  if (date !== replacing && days.some((d) => d.date === date)) return 'duplicate';
  return null;
}

/** The draft with `day` added, or put in place of the day dated `replacing`. */
export function putDraftDay(
  days: readonly CalendarDayInput[],
  day: { date: string; name: string | null },
  replacing: string | null,
): CalendarDayInput[] {
  const name = day.name?.trim() ? day.name.trim() : null;
  const rest = days.filter((d) => d.date !== replacing && d.date !== day.date);
  return sortDays([...rest, { date: day.date, isWorkingDay: isWorkingDayException(day.date), name }]);
}

export interface DraftChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** What saving the draft would do to the saved year, for the confirmation before the PUT. */
export function draftChanges(saved: readonly CalendarDayInput[], draft: readonly CalendarDayInput[]): DraftChanges {
  const before = new Map(saved.map((d) => [d.date, d]));
  const after = new Map(draft.map((d) => [d.date, d]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const day of draft) {
    const old = before.get(day.date);
    if (!old) added.push(day.date);
    else if (old.isWorkingDay !== day.isWorkingDay || (old.name ?? null) !== (day.name ?? null)) changed.push(day.date);
  }
  const removed = saved.filter((d) => !after.has(d.date)).map((d) => d.date);
  return { added, changed, removed };
}

export function hasChanges(changes: DraftChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}
