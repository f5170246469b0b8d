import { describe, expect, it } from 'vitest';
import { OFFICIAL_2026_EXCEPTIONS } from './official-calendar-2026.js';
import {
  addCalendarDays,
  dayOfWeek,
  formatShanghai,
  isIsoDate,
  shanghaiEndOfDay,
  shanghaiStartOfDay,
  toShanghaiDate,
} from './shanghai-time.js';
import {
  calendarCoverageWarning,
  createWorkingCalendar,
  missingYears,
  mondayToFridayCalendar,
} from './working-calendar.js';

// Explicit 2026 calendar: the official arrangement, the two festivals this file exercises spelled out below.
const cal = createWorkingCalendar({ exceptions: OFFICIAL_2026_EXCEPTIONS, coveredYears: [2026] });

describe('Shanghai dates', () => {
  it('converts instants with the fixed +08:00 offset', () => {
    expect(toShanghaiDate(new Date('2026-02-13T15:59:59Z'))).toBe('2026-02-13');
    expect(toShanghaiDate(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(shanghaiStartOfDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(shanghaiEndOfDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.000Z');
    expect(formatShanghai(new Date('2026-10-08T15:59:59Z'))).toBe('2026-10-08 23:59:59');
  });

  it('does calendar arithmetic on date strings', () => {
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('2026-02-15')).toBe(0);
    expect(dayOfWeek('2026-10-01')).toBe(4);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
  });
});

describe('Spring Festival 2026 (春节: 2-15 … 2-23 off, Saturdays 2-14 and 2-28 worked)', () => {
  it('marks the holiday and the make-up Saturdays', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true); // Tuesday
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-03-01')).toBe(false); // ordinary Sunday
  });

  it('steps over the holiday', () => {
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-14');
    expect(cal.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
    expect(cal.previousWorkingDay('2026-02-24')).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(cal.addWorkingDays('2026-02-25', -3)).toBe('2026-02-13');
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
    expect(cal.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('counts working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-25')).toBe(3);
    expect(cal.workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
    expect(cal.workingDaysBetween('2026-02-25', '2026-02-13')).toBe(-3);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-13')).toBe(0);
    // Feb 2026 has 20 weekdays; minus 6 holiday weekdays, plus 2 make-up Saturdays = 16 working days
    expect(cal.workingDaysBetween('2026-01-31', '2026-02-28')).toBe(16);
  });
});

describe('National Day 2026 (国庆节: 10-01 … 10-07 off, Sunday 9-20 and Saturday 10-10 worked)', () => {
  it('marks the holiday and the make-up days', () => {
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2026-09-30')).toBe(true);
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('steps over the holiday week', () => {
    expect(cal.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4);
  });
});

describe('coverage', () => {
  it('knows which years it covers and still answers Mon–Fri for the others', () => {
    expect(cal.coversYear(2026)).toBe(true);
    expect(cal.coversYear(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // unknown year: plain Friday
    expect(missingYears(cal, 2025, 2027)).toEqual([2025, 2027]);
  });

  it('warns from 1 December when next year is missing, and always when this year is', () => {
    expect(calendarCoverageWarning(cal, '2026-11-30')).toBeNull();
    expect(calendarCoverageWarning(cal, '2026-12-01')).toBe(2027);
    expect(calendarCoverageWarning(cal, '2027-01-05')).toBe(2027);
    const both = createWorkingCalendar({ exceptions: [], coveredYears: [2026, 2027] });
    expect(calendarCoverageWarning(both, '2026-12-31')).toBeNull();
  });

  it('rejects malformed exception dates and corrupt data', () => {
    expect(() =>
      createWorkingCalendar({ exceptions: [{ date: '2026-13-01', isWorkingDay: false }], coveredYears: [] }),
    ).toThrow(RangeError);
    const allOff = Array.from({ length: 90 }, (_, i) => ({
      date: addCalendarDays('2026-03-01', i),
      isWorkingDay: false,
    }));
    const broken = createWorkingCalendar({ exceptions: allOff, coveredYears: [2026] });
    expect(() => broken.nextWorkingDay('2026-03-01')).toThrow(/no working day/);
    expect(() => cal.addWorkingDays('2026-03-01', 1.5)).toThrow(RangeError);
  });

  it('is plain Monday–Friday without exceptions', () => {
    const plain = mondayToFridayCalendar();
    expect(plain.nextWorkingDay('2026-02-13')).toBe('2026-02-16');
    expect(plain.workingDaysBetween('2026-02-13', '2026-02-20')).toBe(5);
  });
});
