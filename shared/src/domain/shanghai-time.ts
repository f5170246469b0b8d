/**
 * Calendar dates in Asia/Shanghai and their conversion to instants.
 *
 * Dates are plain strings 'YYYY-MM-DD' (a Shanghai calendar day); instants are `Date` (UTC).
 * China has observed no daylight-saving time since 1991, so Asia/Shanghai is a fixed UTC+08:00 and no
 * time-zone library (nor Intl) is needed — which also keeps results independent of the server's TZ.
 */

/** A Shanghai calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid date; throws RangeError for anything that is not a real 'YYYY-MM-DD' date. */
export function dayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const day = ms / DAY_MS;
  if (fromDayNumber(day) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return day;
}

/** Inverse of `dayNumber`. */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The Shanghai calendar date an instant falls on. */
export function toShanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00 Asia/Shanghai on `date` (= 16:00 UTC the day before). */
export function shanghaiStartOfDay(date: IsoDate): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * 23:59:59 Asia/Shanghai on `date` (= 15:59:59 UTC): the deadline instant of a working-day period.
 * Whole seconds on purpose — notices print 「2026-10-08 23:59:59」 and the stored instant must equal what is printed.
 */
export function shanghaiEndOfDay(date: IsoDate): Date {
  return new Date(shanghaiStartOfDay(date).getTime() + DAY_MS - 1000);
}

/** Formats an instant as 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai (for messages and tests). */
export function formatShanghai(instant: Date): string {
  const iso = new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
