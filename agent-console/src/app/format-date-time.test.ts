import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format-date-time';

describe('formatDateTime', () => {
  it('shows an instant in Beijing time', () => {
    expect(formatDateTime('2026-03-02T16:05:00.000Z')).toBe('2026-03-03 00:05');
  });
  it('shows a dash for a missing or broken instant', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('garbage')).toBe('—');
  });
});
