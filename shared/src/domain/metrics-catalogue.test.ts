import { describe, expect, it } from 'vitest';
import {
  abandonRate,
  acceptanceConcentrationRate,
  computeAllMetrics,
  denominatorCounters,
  immediateRate,
  METRIC_KEYS,
  METRICS,
  numeratorCounters,
  onlineCloseRate,
  oneVisitMatterRate,
  reopenRate,
} from './metrics.js';

describe('issue 14 — the metric catalogue and the five 最多跑一次 efficiency indicators', () => {
  it('computes the efficiency indicators with their definitions', () => {
    expect(acceptanceConcentrationRate({ accepted: 4, received: 5 })).toBe(0.8);
    expect(onlineCloseRate({ closedOnline: 1, closed: 4 })).toBe(0.25);
    expect(immediateRate({ immediate: 3, accepted: 4 })).toBe(0.75);
    expect(oneVisitMatterRate({ oneVisit: 0, withMatter: 0 })).toBeNull();
    expect(abandonRate({ abandoned: 3, inbound: 3 })).toBe(1);
    expect(reopenRate({ reopened: 2, leadDispatches: 3 })).toBeCloseTo(2 / 3);
  });

  it('computes every metric from counter totals; empty totals are 无数据, not 0', () => {
    const empty = computeAllMetrics({});
    for (const key of METRIC_KEYS) expect(empty[key], key).toBeNull();
    const m = computeAllMetrics({
      rated: 4,
      satisfied: 1,
      basically_satisfied: 1,
      dissatisfied: 2,
      dissatisfied_ruled_out: 1,
    });
    expect(m.satisfaction_rate).toBeCloseTo(2 / 3);
    const calls = computeAllMetrics({ inbound: 4, answered: 2, wait_seconds: 30, talk_seconds: 300 });
    expect(calls.average_wait).toBe(15);
    expect(calls.connect_rate).toBe(0.5);
  });

  it('names the facts behind each side of a metric (for the drill-down)', () => {
    expect(numeratorCounters('satisfaction_rate')).toEqual(['satisfied', 'basically_satisfied']);
    expect(denominatorCounters('satisfaction_rate')).toEqual({
      include: ['rated'],
      exclude: ['dissatisfied_ruled_out'],
    });
    expect(numeratorCounters('on_time_close_rate')).toEqual(['closed_on_time']);
    expect(denominatorCounters('return_rate')).toEqual({ include: ['dispatches'], exclude: [] });
    for (const key of METRIC_KEYS) expect(METRICS[key].label.length).toBeGreaterThan(1);
  });
});
