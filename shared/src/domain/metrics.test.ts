import { describe, expect, it } from 'vitest';
import {
  answeredWithin15sRate,
  averageSeconds,
  connectRate,
  directAnswerRate,
  effectiveCallbackRate,
  formatRate,
  onTimeCloseRate,
  onTimeSignRate,
  ratio,
  resolutionRate,
  responseRate,
  returnRate,
  satisfactionRate,
} from './metrics.js';

describe('metric formulas (DOMAIN §8)', () => {
  it('computes each rate as part ÷ whole', () => {
    expect(connectRate({ answered: 950, inbound: 1000 })).toBe(0.95);
    expect(answeredWithin15sRate({ answeredWithin15s: 855, answered: 950 })).toBe(0.9);
    expect(directAnswerRate({ answeredOnTheSpot: 600, accepted: 1000 })).toBe(0.6);
    expect(responseRate({ contactedInTime: 99, dispatched: 100 })).toBe(0.99);
    expect(onTimeSignRate({ signedOnTime: 199, due: 200 })).toBe(0.995);
    expect(onTimeCloseRate({ closedOnTime: 98, due: 100 })).toBe(0.98);
    expect(resolutionRate({ solved: 82, calledBack: 100 })).toBe(0.82);
    expect(returnRate({ returns: 3, dispatches: 120 })).toBe(0.025);
    expect(effectiveCallbackRate({ reached: 97, due: 100 })).toBe(0.97);
  });

  it('returns null when the denominator is 0', () => {
    expect(connectRate({ answered: 0, inbound: 0 })).toBeNull();
    expect(answeredWithin15sRate({ answeredWithin15s: 0, answered: 0 })).toBeNull();
    expect(directAnswerRate({ answeredOnTheSpot: 0, accepted: 0 })).toBeNull();
    expect(responseRate({ contactedInTime: 0, dispatched: 0 })).toBeNull();
    expect(onTimeSignRate({ signedOnTime: 0, due: 0 })).toBeNull();
    expect(onTimeCloseRate({ closedOnTime: 0, due: 0 })).toBeNull();
    expect(resolutionRate({ solved: 0, calledBack: 0 })).toBeNull();
    expect(returnRate({ returns: 0, dispatches: 0 })).toBeNull();
    expect(effectiveCallbackRate({ reached: 0, due: 0 })).toBeNull();
    expect(
      satisfactionRate({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, dissatisfiedJudgedUnreasonable: 0 }),
    ).toBeNull();
    expect(averageSeconds(0, 0)).toBeNull();
  });

  it('counts satisfied + basically satisfied, excluding dissatisfied ratings judged unreasonable', () => {
    expect(
      satisfactionRate({ satisfied: 70, basicallySatisfied: 15, dissatisfied: 15, dissatisfiedJudgedUnreasonable: 0 }),
    ).toBe(0.85);
    // 5 of the 15 dissatisfied judged unreasonable: 85 ÷ 95
    expect(
      satisfactionRate({ satisfied: 70, basicallySatisfied: 15, dissatisfied: 15, dissatisfiedJudgedUnreasonable: 5 }),
    ).toBe(85 / 95);
    // every dissatisfied rating unreasonable: 100%
    expect(
      satisfactionRate({ satisfied: 1, basicallySatisfied: 0, dissatisfied: 2, dissatisfiedJudgedUnreasonable: 2 }),
    ).toBe(1);
    // only unreasonable ratings: nothing left to rate
    expect(
      satisfactionRate({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 2, dissatisfiedJudgedUnreasonable: 2 }),
    ).toBeNull();
  });

  it('rejects impossible counts instead of printing nonsense', () => {
    expect(() => connectRate({ answered: 11, inbound: 10 })).toThrow(/answered \(11\) exceeds inbound \(10\)/);
    expect(() => returnRate({ returns: -1, dispatches: 10 })).toThrow(RangeError);
    expect(() => ratio(1.5, 3)).toThrow(RangeError);
    expect(() =>
      satisfactionRate({ satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, dissatisfiedJudgedUnreasonable: 2 }),
    ).toThrow(RangeError);
    expect(() => averageSeconds(-1, 3)).toThrow(RangeError);
  });

  it('averages wait and talk time, and formats rates', () => {
    expect(averageSeconds(1500, 10)).toBe(150);
    expect(formatRate(0.95123)).toBe('95.12%');
    expect(formatRate(1, 0)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });
});
