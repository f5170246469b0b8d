import { describe, expect, it } from 'vitest';
import { formatDuration, secondsSince, secondsUntil } from './format';

describe('call timers', () => {
  it('formats durations as mm:ss, with hours when needed', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(-3)).toBe('00:00');
  });

  it('counts seconds since and until an instant, never below zero', () => {
    const now = Date.parse('2026-11-22T08:00:10Z');
    expect(secondsSince('2026-11-22T08:00:00Z', now)).toBe(10);
    expect(secondsUntil('2026-11-22T08:00:15.200Z', now)).toBe(6);
    expect(secondsUntil('2026-11-22T08:00:00Z', now)).toBe(0);
  });
});
