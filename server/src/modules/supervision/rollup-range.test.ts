import { describe, expect, it } from 'vitest';
import { splitRange } from './rollup-range.js';

describe('issue 14 — reading whole months from the monthly rollups', () => {
  it('splits a range into edge days and whole months', () => {
    expect(splitRange('2031-01-15', '2031-04-10')).toEqual({
      days: [
        ['2031-01-15', '2031-01-31'],
        ['2031-04-01', '2031-04-10'],
      ],
      months: ['2031-02-01', '2031-03-01'],
    });
    expect(splitRange('2031-02-01', '2031-02-28')).toEqual({ days: [], months: ['2031-02-01', '2031-02-01'] });
    expect(splitRange('2031-02-03', '2031-02-20')).toEqual({ days: [['2031-02-03', '2031-02-20']], months: null });
    expect(splitRange('2031-12-01', '2032-01-31')).toEqual({ days: [], months: ['2031-12-01', '2032-01-01'] });
    expect(splitRange('2031-01-31', '2031-02-27')).toEqual({ days: [['2031-01-31', '2031-02-27']], months: null });
  });
});
