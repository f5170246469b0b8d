import { describe, expect, it } from 'vitest';
import { deadlineStatus, formatDuration, sortByTimeLeft, splitDuration } from './countdown';

const units = { day: '天', hour: '小时', minute: '分', second: '秒' };
const now = Date.parse('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('deadline countdown', () => {
  it('splits a duration into days, hours, minutes and seconds, ignoring the sign', () => {
    expect(splitDuration(2 * DAY + 3 * HOUR + 4 * MINUTE + 5_999)).toEqual({
      days: 2,
      hours: 3,
      minutes: 4,
      seconds: 5,
    });
    expect(splitDuration(-(HOUR + 1_000))).toEqual({ days: 0, hours: 1, minutes: 0, seconds: 1 });
  });

  it('is normal far from the due instant, due soon within the window, overdue at and after it', () => {
    expect(deadlineStatus(at(3 * DAY), now).tone).toBe('normal');
    expect(deadlineStatus(at(DAY + 1_000), now).tone).toBe('normal');
    expect(deadlineStatus(at(DAY), now).tone).toBe('due-soon');
    expect(deadlineStatus(at(1_000), now).tone).toBe('due-soon');
    expect(deadlineStatus(at(0), now).tone).toBe('overdue');
    expect(deadlineStatus(at(-5 * MINUTE), now)).toMatchObject({ tone: 'overdue', distanceMs: 5 * MINUTE });
  });

  it('honours a custom due-soon window (short sign-for clocks)', () => {
    expect(deadlineStatus(at(20 * MINUTE), now, 10 * MINUTE).tone).toBe('normal');
    expect(deadlineStatus(at(5 * MINUTE), now, 10 * MINUTE).tone).toBe('due-soon');
  });

  it('has no tone without a deadline or with an unparsable one', () => {
    expect(deadlineStatus(null, now).tone).toBe('none');
    expect(deadlineStatus('not-a-date', now).tone).toBe('none');
  });

  it('shows the two most significant units, and seconds only under an hour', () => {
    const show = (ms: number) => formatDuration(splitDuration(ms), units);
    expect(show(2 * DAY + 3 * HOUR + 4 * MINUTE)).toBe('2天3小时');
    expect(show(2 * DAY + 4 * MINUTE)).toBe('2天');
    expect(show(3 * HOUR + 5 * MINUTE + 9_000)).toBe('3小时5分');
    expect(show(HOUR + 30_000)).toBe('1小时');
    expect(show(5 * MINUTE + 12_000)).toBe('5分12秒');
    expect(show(12_000)).toBe('12秒');
    expect(show(0)).toBe('0秒');
  });
});

describe('issue 11: handler lists sorted by time left', () => {
  it('puts overdue tickets first, then the nearest deadline, and tickets without one last', () => {
    const rows = [
      { id: 'later', dueAt: '2026-12-05T08:00:00Z' },
      { id: 'none', dueAt: null },
      { id: 'overdue', dueAt: '2026-12-01T08:00:00Z' },
      { id: 'soon', dueAt: '2026-12-02T08:09:00Z' },
    ];
    expect(sortByTimeLeft(rows).map((r) => r.id)).toEqual(['overdue', 'soon', 'later', 'none']);
  });
});
