import { describe, expect, it } from 'vitest';
import { estimatedLossPercent, estimatedMosX10 } from './call-quality.js';

describe('call quality estimate', () => {
  it('reads loss from packets against 50 per second of talk', () => {
    expect(estimatedLossPercent(500, 10)).toBe(0);
    expect(estimatedLossPercent(450, 10)).toBe(10);
    expect(estimatedLossPercent(600, 10)).toBe(0); // more than expected (a prompt, retransmits): no loss
    expect(estimatedLossPercent(10, 1)).toBeNull(); // too short to tell
  });

  it('gives G.711 about 4.4 without loss and falls with loss and jitter', () => {
    expect(estimatedMosX10(0)).toBe(44);
    expect(estimatedMosX10(5)).toBeLessThan(estimatedMosX10(1));
    expect(estimatedMosX10(20)).toBeLessThan(30);
    expect(estimatedMosX10(1, 100)).toBeLessThan(estimatedMosX10(1, 0));
    expect(estimatedMosX10(100)).toBeGreaterThanOrEqual(10);
  });
});
