import { METRICS, type CounterTotals, type MetricKey } from './metrics.js';

/**
 * 考核: a department's monthly score under an admin-configured, versioned scheme — weighted rates (default 三率:
 * 响应率 30, 解决率 35, 满意率 35) minus deductions (overdue, improper returns, 重办, 通报) — ranked per tier (分档分类,
 * 国办函〔2025〕66号), never in one list. Pure: the service feeds it counter totals from the rollups.
 */
export const ASSESSMENT_TIERS = ['city_department', 'district', 'street', 'public_enterprise'] as const;
export type AssessmentTier = (typeof ASSESSMENT_TIERS)[number];
export const ASSESSMENT_TIER_LABELS: Record<AssessmentTier, string> = {
  city_department: '市级部门',
  district: '区县',
  street: '街道',
  public_enterprise: '公共服务企业',
};

export const DEDUCTION_ITEMS = [
  'overdue',
  'improper_return',
  'reopened',
  'circular',
  'kb_stale',
  'kb_correction',
] as const;
export type DeductionItem = (typeof DEDUCTION_ITEMS)[number];
export const DEDUCTION_LABELS: Record<DeductionItem, string> = {
  overdue: '超期办理',
  improper_return: '不当退单',
  reopened: '重办',
  circular: '通报',
  kb_stale: '知识库逾期未复核',
  kb_correction: '知识库纠错逾期未更正',
};
/**
 * 纠错 (DOMAIN §6): a correction request against a unit's matter counts against it (`kb_correction`) when it is still
 * open this many calendar days after it was filed, at the month's end (now for the current month).
 */
export const KB_CORRECTION_GRACE_DAYS = 5;
/** The counter behind each deduction (通报 come from the chase notices, not from the metric facts). */
export const DEDUCTION_COUNTERS = {
  overdue: 'overdue',
  improper_return: 'improper_returns',
  reopened: 'reopened',
} as const;

export interface AssessmentScheme {
  /** Points per metric; a metric with no data that month is left out and the others scaled to the same total. */
  weights: Partial<Record<MetricKey, number>>;
  /**
   * Points taken off per occurrence. `kb_stale` (知识库维护, DOMAIN §6): per matter the unit owns that is past its
   * 复核日期 at the month's end; `kb_correction`: per 纠错 still open past `KB_CORRECTION_GRACE_DAYS`. Both optional so
   * schemes saved before they existed keep scoring as they did.
   */
  deductions: Record<Exclude<DeductionItem, 'kb_stale' | 'kb_correction'>, number> & {
    kb_stale?: number;
    kb_correction?: number;
  };
}

export const DEFAULT_ASSESSMENT_SCHEME: AssessmentScheme = {
  weights: { response_rate: 30, resolution_rate: 35, satisfaction_rate: 35 },
  deductions: { overdue: 0.5, improper_return: 1, reopened: 1, circular: 2, kb_stale: 0.5, kb_correction: 1 },
};

/** A Chinese reason the scheme is unusable, or null. */
export function checkScheme(scheme: AssessmentScheme): string | null {
  const entries = Object.entries(scheme.weights);
  if (entries.length === 0) return '考核方案至少需要一项指标';
  for (const [key, weight] of entries) {
    if (!(key in METRICS)) return `未知的考核指标：${key}`;
    if (METRICS[key as MetricKey].kind !== 'rate')
      return `「${METRICS[key as MetricKey].label}」不是比率，不能计入考核`;
    if (!Number.isFinite(weight) || weight! < 0 || weight! > 100) return '指标权重须在 0–100 之间';
  }
  if (entries.reduce((s, [, w]) => s + (w ?? 0), 0) <= 0) return '指标权重之和须大于 0';
  for (const item of Object.values(scheme.deductions))
    if (!Number.isFinite(item) || item < 0 || item > 100) return '扣分标准须在 0–100 之间';
  return null;
}

export interface ScoreLine {
  kind: 'metric' | 'deduction';
  item: string;
  label: string;
  /** metric: the rate (null = 无数据); deduction: null. */
  rate: number | null;
  /** metric: numerator/denominator counts; deduction: occurrences counted (after upheld disputes). */
  count: number;
  base: number | null;
  weight: number;
  points: number;
}

export interface UnitScore {
  score: number | null;
  lines: ScoreLine[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function scoreUnit(
  totals: CounterTotals,
  deductionCounts: Record<DeductionItem, number>,
  scheme: AssessmentScheme,
): UnitScore {
  const lines: ScoreLine[] = [];
  const weights = Object.entries(scheme.weights) as [MetricKey, number][];
  const totalWeight = weights.reduce((s, [, w]) => s + w, 0);
  const withData = weights.filter(([key]) => METRICS[key].compute(totals) !== null);
  const dataWeight = withData.reduce((s, [, w]) => s + w, 0);
  for (const [key, weight] of weights) {
    const def = METRICS[key];
    const rate = def.compute(totals);
    const scaled = rate === null || dataWeight === 0 ? 0 : (weight * totalWeight) / dataWeight;
    lines.push({
      kind: 'metric',
      item: key,
      label: def.label,
      rate,
      count: totals[def.numerator] ?? 0,
      base: def.denominator ? (totals[def.denominator] ?? 0) : null,
      weight,
      points: rate === null ? 0 : round2(scaled * rate),
    });
  }
  for (const item of Object.keys(scheme.deductions) as DeductionItem[]) {
    const count = deductionCounts[item] ?? 0;
    lines.push({
      kind: 'deduction',
      item,
      label: DEDUCTION_LABELS[item],
      rate: null,
      count,
      base: null,
      weight: scheme.deductions[item] ?? 0,
      points: round2(-count * (scheme.deductions[item] ?? 0)),
    });
  }
  if (dataWeight === 0) return { score: null, lines };
  const score = Math.max(0, round2(lines.reduce((s, l) => s + l.points, 0)));
  return { score, lines };
}

/** Ranks by score within a tier (higher first; 无数据 last); ties share a rank. */
export function rankWithinTier<T extends { score: number | null }>(rows: T[]): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  let rank = 0;
  let previous: number | null | undefined;
  return sorted.map((row, index) => {
    if (row.score === null) return { ...row, rank: null };
    if (row.score !== previous) rank = index + 1;
    previous = row.score;
    return { ...row, rank };
  });
}
