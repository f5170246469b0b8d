import { describe, expect, it } from 'vitest';
import { checkDraftDay, draftChanges, hasChanges, isWorkingDayException, putDraftDay } from './calendar-edit';

const saved = [
  { date: '2026-02-14', isWorkingDay: true, name: '春节' },
  { date: '2026-02-16', isWorkingDay: false, name: '春节' },
];

describe('working calendar draft', () => {
  it('derives the kind of an exception from its weekday', () => {
    expect(isWorkingDayException('2026-02-14')).toBe(true); // Saturday: 调休上班
    expect(isWorkingDayException('2026-02-16')).toBe(false); // Monday: 放假
  });

  it('refuses a day outside the year, a malformed date and a duplicate, but allows editing a day in place', () => {
    expect(checkDraftDay(saved, 2026, '2027-01-01', null)).toBe('outside_year');
    expect(checkDraftDay(saved, 2026, '2026-02-30', null)).toBe('invalid_date');
    expect(checkDraftDay(saved, 2026, '2026-02-16', null)).toBe('duplicate');
    expect(checkDraftDay(saved, 2026, '2026-02-16', '2026-02-16')).toBeNull();
    expect(checkDraftDay(saved, 2026, '2026-10-01', null)).toBeNull();
  });

  it('adds, moves and renames days, keeping the draft sorted', () => {
    const added = putDraftDay(saved, { date: '2026-01-01', name: ' 元旦 ' }, null);
    expect(added.map((d) => d.date)).toEqual(['2026-01-01', '2026-02-14', '2026-02-16']);
    expect(added[0]).toEqual({ date: '2026-01-01', isWorkingDay: false, name: '元旦' });
    const moved = putDraftDay(added, { date: '2026-02-15', name: '' }, '2026-02-14');
    expect(moved.map((d) => d.date)).toEqual(['2026-01-01', '2026-02-15', '2026-02-16']);
    expect(moved[1]).toEqual({ date: '2026-02-15', isWorkingDay: true, name: null });
  });

  it('summarises what a save would add, change and remove', () => {
    const draft = [
      { date: '2026-01-01', isWorkingDay: false, name: '元旦' },
      { date: '2026-02-14', isWorkingDay: true, name: '春节调休' },
    ];
    const changes = draftChanges(saved, draft);
    expect(changes).toEqual({ added: ['2026-01-01'], changed: ['2026-02-14'], removed: ['2026-02-16'] });
    expect(hasChanges(changes)).toBe(true);
    expect(hasChanges(draftChanges(saved, saved))).toBe(false);
  });
});
