import { describe, expect, it } from 'vitest';
import { toQueryString } from './query-string';

describe('toQueryString', () => {
  it('encodes values and leaves out empty ones', () => {
    expect(
      toQueryString({ status: 'in_progress', overdue: true, limit: 50, q: '噪音', cursor: undefined, type: '' }),
    ).toBe('?status=in_progress&overdue=true&limit=50&q=%E5%99%AA%E9%9F%B3');
    expect(toQueryString({ departmentId: null })).toBe('');
  });
});
