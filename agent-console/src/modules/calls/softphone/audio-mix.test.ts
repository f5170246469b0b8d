import { describe, expect, it } from 'vitest';
import { mixPlan } from './audio-mix';

describe('mixPlan (who hears whom in a mixed call)', () => {
  it('三方通话: the caller gets the department, the department gets the caller, the agent hears both', () => {
    expect(mixPlan(['party', 'party'])).toEqual({ legs: [{ sendsFrom: [1] }, { sendsFrom: [0] }], ears: [0, 1] });
  });

  it('耳语: the whispering lead is heard by the agent only, and still hears the caller', () => {
    // leg 0 = caller, leg 1 = lead (whisper)
    expect(mixPlan(['party', 'whisper'])).toEqual({ legs: [{ sendsFrom: [] }, { sendsFrom: [0] }], ears: [0, 1] });
  });

  it('强插 with a department on the line: every party hears every other', () => {
    expect(mixPlan(['party', 'party', 'party']).legs).toEqual([
      { sendsFrom: [1, 2] },
      { sendsFrom: [0, 2] },
      { sendsFrom: [0, 1] },
    ]);
  });
});
