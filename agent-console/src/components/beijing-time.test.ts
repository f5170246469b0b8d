import { describe, expect, it } from 'vitest';
import { beijingNowForPicker, fromBeijingWall, toBeijingWall, wallAsLocalDate } from './beijing-time';

describe('Beijing wall-clock time for the pickers', () => {
  it('converts an instant to Beijing wall-clock time and back', () => {
    const instant = new Date('2026-12-02T01:30:15Z');
    expect(toBeijingWall(instant)).toBe('2026-12-02 09:30:15');
    expect(fromBeijingWall('2026-12-02 09:30:15')).toBe(instant.toISOString());
    expect(fromBeijingWall('2026-12-02 09:30')).toBe('2026-12-02T01:30:00.000Z');
    // Past midnight in Beijing is the previous day in UTC.
    expect(fromBeijingWall('2026-12-03 00:10:00')).toBe('2026-12-02T16:10:00.000Z');
  });

  it('gives the picker a local Date reading the Beijing wall clock, in any zone', () => {
    const local = wallAsLocalDate('2026-12-02 09:30:15');
    expect([local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes()]).toEqual([
      2026, 11, 2, 9, 30,
    ]);
    const now = beijingNowForPicker(new Date('2026-12-02T20:05:00Z'));
    expect([now.getDate(), now.getHours(), now.getMinutes()]).toEqual([3, 4, 5]);
  });
});
