/**
 * The working calendar (工作日历): Monday–Friday, overridden by China's official holiday arrangement —
 * public holidays that fall on weekdays (法定节假日) and weekend days turned into working days (调休补班).
 *
 * The exceptions live in a database table seeded from `chinese-days` and editable by an administrator; this module
 * only interprets them. A year with no exception rows is not known to be a plain Mon–Fri year — it is usually a year
 * nobody has entered yet — so the calendar also carries the list of years it really covers, and callers warn when a
 * deadline falls into an uncovered year (from 1 December, see `calendarCoverageWarning`). Uncovered years still
 * answer as plain Mon–Fri so that deadlines can always be computed.
 */
import { addCalendarDays, dayNumber, isWeekend, yearOf, type IsoDate } from './shanghai-time.js';

export interface CalendarException {
  /** A Shanghai calendar date, 'YYYY-MM-DD'. */
  date: IsoDate;
  /** true: a weekend make-up working day (调休上班); false: a holiday on a weekday (放假). */
  isWorkingDay: boolean;
}

export interface WorkingCalendarInput {
  exceptions: readonly CalendarException[];
  /** Years whose official arrangement has been entered (e.g. [2025, 2026]). */
  coveredYears: readonly number[];
}

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate;
  /**
   * The n-th working day strictly after `date` (n > 0) or strictly before it (n < 0); `date` itself for n = 0.
   * `date` need not be a working day: 1 working day from a Saturday is the Monday (or the next working day).
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /**
   * Working days d with from < d ≤ to; when to < from, minus the working days d with to < d ≤ from.
   * For n ≥ 0, `workingDaysBetween(x, addWorkingDays(x, n)) === n`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  coversYear(year: number): boolean;
  readonly coveredYears: readonly number[];
}

/**
 * No real arrangement has a stretch this long without a working day; hitting it means the exception data is
 * corrupt (e.g. every day entered as a holiday), and looping forever would hang a deadline computation.
 */
const MAX_DAYS_WITHOUT_WORK = 60;

export function createWorkingCalendar(input: WorkingCalendarInput): WorkingCalendar {
  const overrides = new Map<IsoDate, boolean>();
  for (const exception of input.exceptions) {
    dayNumber(exception.date); // validates the format; throws RangeError on a bad date
    overrides.set(exception.date, exception.isWorkingDay);
  }
  const coveredYears = [...new Set(input.coveredYears)].sort((a, b) => a - b);
  const covered = new Set(coveredYears);

  function isWorkingDay(date: IsoDate): boolean {
    const override = overrides.get(date);
    if (override !== undefined) return override;
    return !isWeekend(date);
  }

  function step(date: IsoDate, direction: 1 | -1): IsoDate {
    let day = date;
    for (let i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
      day = addCalendarDays(day, direction);
      if (isWorkingDay(day)) return day;
    }
    throw new Error(`working calendar has no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${date}`);
  }

  function addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
    dayNumber(date);
    const direction = n < 0 ? -1 : 1;
    let day = date;
    for (let i = 0; i < Math.abs(n); i++) day = step(day, direction);
    return day;
  }

  function workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = dayNumber(from);
    const end = dayNumber(to);
    if (end < start) return -countWorkingDays(to, end - start);
    return countWorkingDays(from, end - start);
  }

  /** Working days among the `span` days after `from` (from excluded). */
  function countWorkingDays(from: IsoDate, span: number): number {
    let count = 0;
    const days = Math.abs(span);
    let day = from;
    for (let i = 0; i < days; i++) {
      day = addCalendarDays(day, 1);
      if (isWorkingDay(day)) count++;
    }
    return count;
  }

  return {
    isWorkingDay: (date) => {
      dayNumber(date);
      return isWorkingDay(date);
    },
    nextWorkingDay: (date) => addWorkingDays(date, 1),
    previousWorkingDay: (date) => addWorkingDays(date, -1),
    addWorkingDays,
    workingDaysBetween,
    coversYear: (year) => covered.has(year),
    coveredYears,
  };
}

/** A plain Monday–Friday calendar covering no year: for tests and as the last-resort fallback. */
export function mondayToFridayCalendar(): WorkingCalendar {
  return createWorkingCalendar({ exceptions: [], coveredYears: [] });
}

/** Years in [fromYear, toYear] the calendar does not cover. */
export function missingYears(calendar: WorkingCalendar, fromYear: number, toYear: number): number[] {
  const missing: number[] = [];
  for (let year = fromYear; year <= toYear; year++) if (!calendar.coversYear(year)) missing.push(year);
  return missing;
}

/**
 * The year an administrator must enter now, or null. The State Council publishes next year's arrangement in
 * October–November, so from 1 December a missing next year is a warning; a missing current year always is.
 */
export function calendarCoverageWarning(calendar: WorkingCalendar, today: IsoDate): number | null {
  const year = yearOf(today);
  if (!calendar.coversYear(year)) return year;
  if (today.slice(5) >= '12-01' && !calendar.coversYear(year + 1)) return year + 1;
  return null;
}
