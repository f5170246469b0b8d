import { describe, expect, it } from 'vitest';
import { judgeUnhandledRejection } from './process-guards.js';

describe('judgeUnhandledRejection', () => {
  it('goes on after a dependency connection dropped (postgres.js type fetch, ioredis)', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', query: 'select … typarray' });
    expect(judgeUnhandledRejection(reset)).toBe('continue');
    expect(
      judgeUnhandledRejection(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })),
    ).toBe('continue');
    expect(judgeUnhandledRejection(new Error('Connection is closed.'))).toBe('continue');
  });

  it('exits on anything else: a programming error leaves the process in an unknown state', () => {
    expect(judgeUnhandledRejection(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('exit');
    expect(judgeUnhandledRejection('a string')).toBe('exit');
    expect(judgeUnhandledRejection(undefined)).toBe('exit');
  });
});
