/**
 * Seeds the working-calendar table (工作日历) from the `chinese-days` package.
 *
 * The package knows China's official holiday arrangement (法定节假日 and 调休) up to the latest year the State
 * Council has published, and silently answers plain Monday–Friday for any later year. So the calendar lives in a
 * table an administrator can edit; this module only produces the rows for the years the package really covers.
 *
 * Why the package's data file and not its functions (`import cd from 'chinese-days'`): the functions build their
 * tables at import time by parsing 'YYYY-M-D' as UTC midnight and formatting it in the process's local zone, so on a
 * server whose TZ is west of UTC every holiday lands one day early (2026-01-04, a make-up Sunday, becomes 01-03).
 * The data file is the same arrangement, built once by the package and keyed by plain date strings: no zone involved.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface SeedCalendarException {
  /** 'YYYY-MM-DD', an Asia/Shanghai calendar date. */
  date: string;
  /** true: a weekend make-up working day (调休上班); false: a holiday on a weekday (放假). */
  isWorkingDay: boolean;
  /** The holiday the day belongs to, in Chinese (春节, 国庆节…), when the package names one. */
  name: string | null;
}

/** date → 'Spring Festival,春节,4' (English name, Chinese name, statutory days off). */
type DayTable = Readonly<Record<string, string>>;
const holidays: DayTable = data.holidays;
const workdays: DayTable = data.workdays;

function isPlainWeekday(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}

function holidayName(raw: string | undefined): string | null {
  if (!raw) return null;
  const [english, chinese] = raw.split(',');
  return chinese?.trim() || english?.trim() || null;
}

function datesInYear(table: DayTable, year: number): string[] {
  const prefix = `${year}-`;
  return Object.keys(table).filter((date) => date.startsWith(prefix));
}

/**
 * Whether `chinese-days` has the official arrangement for `year`. Every year has holidays on weekdays (春节 alone
 * always takes some), so a year with none in the package's holiday table is a year it does not know.
 */
export function chineseDaysCoversYear(year: number): boolean {
  if (!Number.isInteger(year)) return false;
  return datesInYear(holidays, year).some(isPlainWeekday);
}

/**
 * The days of `years` that differ from plain Monday–Friday — holidays on weekdays and make-up working days on
 * weekends — sorted by date. Years the package does not cover yield no rows: record only the years for which
 * `chineseDaysCoversYear` is true as covered, and warn about the others.
 */
export function calendarExceptionsFromChineseDays(years: readonly number[]): SeedCalendarException[] {
  const exceptions: SeedCalendarException[] = [];
  for (const year of new Set(years)) {
    if (!chineseDaysCoversYear(year)) continue;
    for (const date of datesInYear(workdays, year)) {
      // A weekday listed as a working day is no exception.
      if (!isPlainWeekday(date)) exceptions.push({ date, isWorkingDay: true, name: holidayName(workdays[date]) });
    }
    for (const date of datesInYear(holidays, year)) {
      // Holidays on a Saturday or Sunday change nothing; a date listed as both is a working day (the package agrees).
      if (isPlainWeekday(date) && workdays[date] === undefined) {
        exceptions.push({ date, isWorkingDay: false, name: holidayName(holidays[date]) });
      }
    }
  }
  return exceptions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
