import { describe, expect, it } from 'vitest';
import { SPIKE_RULES } from '@hotline/shared/domain/hotspots';
import { isSpike } from './hotspots.service.js';

describe('issue 14 突增预警 rule', () => {
  it('needs the minimum count and factor × the baseline', () => {
    expect(isSpike(SPIKE_RULES.minCount - 1, 0)).toBe(false);
    expect(isSpike(SPIKE_RULES.minCount, 0)).toBe(true);
    expect(isSpike(SPIKE_RULES.minCount, SPIKE_RULES.minCount / SPIKE_RULES.factor + 0.01)).toBe(false);
    expect(isSpike(30, 10)).toBe(true);
    expect(isSpike(29, 10)).toBe(false);
  });
});
