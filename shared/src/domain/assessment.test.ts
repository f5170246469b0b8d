import { describe, expect, it } from 'vitest';
import { checkScheme, DEFAULT_ASSESSMENT_SCHEME, rankWithinTier, scoreUnit } from './assessment.js';

const none = { overdue: 0, improper_return: 0, reopened: 0, circular: 0, kb_stale: 0, kb_correction: 0 };

describe('issue 14 — assessment scoring (考核)', () => {
  it('weights the 三率 and takes deductions off, never below 0', () => {
    const totals = {
      responded_in_time: 9,
      lead_dispatches: 10,
      solved: 8,
      called_back: 10,
      rated: 10,
      satisfied: 9,
      dissatisfied: 1,
    };
    const { score, lines } = scoreUnit(totals, { ...none, reopened: 2, circular: 1 }, DEFAULT_ASSESSMENT_SCHEME);
    // 30×0.9 + 35×0.8 + 35×0.9 − 2×1 − 1×2 = 27 + 28 + 31.5 − 4 = 82.5
    expect(score).toBe(82.5);
    expect(lines.map((l) => l.label)).toEqual([
      '响应率',
      '解决率',
      '满意率',
      '超期办理',
      '不当退单',
      '重办',
      '通报',
      '知识库逾期未复核',
      '知识库纠错逾期未更正',
    ]);
    // 纠错 left open past the grace days: 1 point each by default.
    expect(
      scoreUnit(totals, { ...none, reopened: 2, circular: 1, kb_correction: 3 }, DEFAULT_ASSESSMENT_SCHEME).score,
    ).toBe(79.5);
    expect(scoreUnit(totals, { ...none, circular: 100 }, DEFAULT_ASSESSMENT_SCHEME).score).toBe(0);
  });

  it('a metric with no data is left out and the others scaled up; nothing at all is 无数据', () => {
    expect(scoreUnit({ responded_in_time: 1, lead_dispatches: 1 }, none, DEFAULT_ASSESSMENT_SCHEME).score).toBe(100);
    expect(scoreUnit({}, none, DEFAULT_ASSESSMENT_SCHEME).score).toBeNull();
  });

  it('ranks within a tier with shared ranks, 无数据 last; refuses unusable schemes', () => {
    const ranked = rankWithinTier([{ score: 90 }, { score: null }, { score: 95 }, { score: 90 }]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, null]);
    expect(checkScheme({ weights: {}, deductions: none })).toContain('至少');
    expect(checkScheme({ weights: { average_wait: 10 }, deductions: none })).toContain('不是比率');
    expect(checkScheme(DEFAULT_ASSESSMENT_SCHEME)).toBeNull();
  });
});
