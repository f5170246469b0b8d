import { describe, expect, it } from 'vitest';
import {
  bestWindow,
  clusterThreshold,
  gStatistic,
  normalQuantile,
  percentileRanks,
  rankTopicCandidates,
  wilsonLower,
  type TopicCounts,
} from './hotspot-analysis.js';

const counts = (c: Partial<TopicCounts>): TopicCounts => ({
  received: 0,
  repeatTickets: 0,
  rated: 0,
  dissatisfied: 0,
  handlingDue: 0,
  overdue: 0,
  activeMonthsBefore: 0,
  ...c,
});

describe('issue 14 hot-spot statistics', () => {
  it('Wilson lower bound: 2 of 2 ranks below 80 of 100; none of none is 0', () => {
    expect(wilsonLower(2, 2)).toBeLessThan(wilsonLower(80, 100));
    expect(wilsonLower(0, 0)).toBe(0);
    expect(wilsonLower(50, 100)).toBeCloseTo(0.4038, 3);
  });

  it('percentile ranks share ties and span 0..1', () => {
    expect(percentileRanks([5, 1, 5, 3])).toEqual([2.5 / 3, 0, 2.5 / 3, 1 / 3]);
    expect(percentileRanks([7])).toEqual([1]);
  });

  it('ranks candidates on all signals, with each signal’s figure and rank as evidence', () => {
    const ranked = rankTopicCandidates([
      { key: 'quiet', counts: counts({ received: 3, rated: 1 }) },
      {
        key: 'water',
        counts: counts({
          received: 40,
          repeatTickets: 30,
          rated: 20,
          dissatisfied: 8,
          handlingDue: 30,
          overdue: 6,
          activeMonthsBefore: 5,
        }),
      },
      { key: 'lucky', counts: counts({ received: 2, repeatTickets: 2, rated: 1, dissatisfied: 1 }) },
    ]);
    expect(ranked.map((r) => r.key)).toEqual(['water', 'lucky', 'quiet']);
    expect(ranked[0]!.score).toBe(100);
    expect(ranked[0]!.signals.volume).toMatchObject({ value: 40, rank: 1 });
    expect(ranked[0]!.signals.dissatisfaction).toMatchObject({ value: 0.4, base: 20, rank: 1 });
    // 2 of 2 repeats is a 100 % rate but ranks below 30 of 40 (Wilson lower bound).
    expect(ranked[1]!.signals.repeat.value).toBe(1);
    expect(ranked[1]!.signals.repeat.rank).toBe(2);
    expect(rankTopicCandidates([])).toEqual([]);
  });

  it('G statistic is 0 at the expected count and grows with concentration', () => {
    expect(gStatistic(10, 100, 0.1)).toBeCloseTo(0, 9);
    expect(gStatistic(30, 100, 0.1)).toBeGreaterThan(gStatistic(20, 100, 0.1));
  });

  it('best window: finds an evening cluster against the overall rhythm, circular across midnight', () => {
    const baseline = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 100 : 20));
    const problem = new Array<number>(24).fill(0);
    problem[19] = 10;
    problem[20] = 12;
    problem[21] = 9;
    problem[10] = 3;
    const hit = bestWindow(problem, baseline, 3, true)!;
    expect(hit).toMatchObject({ start: 19, observed: 31, total: 34 });
    expect(hit.expected).toBeLessThan(5);
    const wrap = new Array<number>(24).fill(0);
    wrap[23] = 5;
    wrap[0] = 5;
    expect(bestWindow(wrap, new Array<number>(24).fill(1), 3, true)!.start).toBe(22);
    // A problem that follows the overall rhythm has no window above its expectation worth a cluster.
    const same = baseline.map((b) => b / 10);
    expect(bestWindow(same, baseline, 3, true)?.g ?? 0).toBeLessThan(1e-9);
  });

  it('threshold: χ²(1) at α/tests — 10.83 for one test, higher with more tests', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(clusterThreshold(1)).toBeCloseTo(10.83, 1);
    expect(clusterThreshold(1000)).toBeGreaterThan(clusterThreshold(10));
  });
});
