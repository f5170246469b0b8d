import cd from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_2026_EXCEPTIONS } from '@hotline/shared/domain/official-calendar-2026';
import { createWorkingCalendar } from '@hotline/shared/domain/working-calendar';
import { calendarExceptionsFromChineseDays, chineseDaysCoversYear } from './chinese-days-seed.js';

describe('calendar exceptions from chinese-days', () => {
  const rows = calendarExceptionsFromChineseDays([2026]);
  const byDate = new Map(rows.map((row) => [row.date, row]));

  it('has the 2026 Spring Festival: 2-15 … 2-23 off, Saturdays 2-14 and 2-28 worked', () => {
    expect(byDate.get('2026-02-14')).toEqual({ date: '2026-02-14', isWorkingDay: true, name: '春节' });
    expect(byDate.get('2026-02-28')).toEqual({ date: '2026-02-28', isWorkingDay: true, name: '春节' });
    for (const d of ['16', '17', '18', '19', '20', '23']) {
      expect(byDate.get(`2026-02-${d}`)).toEqual({ date: `2026-02-${d}`, isWorkingDay: false, name: '春节' });
    }
    // Weekend days of the holiday are not exceptions to Mon–Fri
    expect(byDate.has('2026-02-15')).toBe(false);
    expect(byDate.has('2026-02-21')).toBe(false);
  });

  it('has the 2026 National Day: 10-01 … 10-07 off, Saturday 10-10 (and Sunday 9-20) worked', () => {
    for (const d of ['01', '02', '05', '06', '07']) {
      expect(byDate.get(`2026-10-${d}`)).toMatchObject({ isWorkingDay: false, name: '国庆节' });
    }
    expect(byDate.get('2026-10-10')).toMatchObject({ isWorkingDay: true, name: '国庆节' });
    expect(byDate.get('2026-09-20')).toMatchObject({ isWorkingDay: true });
  });

  it('matches the official 2026 arrangement kept in shared, day for day', () => {
    const sort = (xs: readonly { date: string }[]) => [...xs].sort((a, b) => a.date.localeCompare(b.date));
    expect(sort(rows)).toEqual(sort(OFFICIAL_2026_EXCEPTIONS));
  });

  it('feeds a working calendar that steps over the holidays', () => {
    const calendar = createWorkingCalendar({ exceptions: rows, coveredYears: [2026] });
    expect(calendar.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(calendar.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
  });

  it('detects the years the package does not cover instead of treating them as Mon–Fri', () => {
    expect(chineseDaysCoversYear(2025)).toBe(true);
    expect(chineseDaysCoversYear(2026)).toBe(true);
    expect(chineseDaysCoversYear(2099)).toBe(false);
    expect(calendarExceptionsFromChineseDays([2099])).toEqual([]);
  });

  it("agrees with the package's own isWorkday for every day of 2025 and 2026", () => {
    // The package's functions are only right in zones at or east of UTC (see chinese-days-seed.ts).
    const eastOfUtc = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
    if (!eastOfUtc) return;
    const calendar = createWorkingCalendar({
      exceptions: calendarExceptionsFromChineseDays([2025, 2026]),
      coveredYears: [],
    });
    const disagreements: string[] = [];
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      if (calendar.isWorkingDay(date) !== cd.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('gives the same rows whatever the server time zone (the package reads dates in local time)', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        expect(calendarExceptionsFromChineseDays([2026])).toEqual(rows);
        expect(chineseDaysCoversYear(2026)).toBe(true);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('returns each covered year once, in date order', () => {
    const two = calendarExceptionsFromChineseDays([2026, 2025, 2026]);
    expect(two.length).toBe(rows.length + calendarExceptionsFromChineseDays([2025]).length);
    expect(two.map((r) => r.date)).toEqual([...two.map((r) => r.date)].sort());
  });
});
