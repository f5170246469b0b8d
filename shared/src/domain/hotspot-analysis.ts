/**
 * 热点分析 (hot-spot analysis), pure: the statistics behind 每月一题 candidates and time clusters (时间聚集). Nothing
 * here is tuned to a data set — candidates are ranked, not filtered by a volume cut-off, and a time cluster is a
 * standard significance test (G-test, Bonferroni-corrected over every window tried), so the same code holds for a
 * county of 50 tickets a day and a city of 50,000.
 */

/** Wilson score lower bound of a proportion (95 %): a rate from 2 of 2 does not outrank one from 80 of 100. */
export function wilsonLower(successes: number, trials: number, z = 1.96): number {
  if (trials <= 0) return 0;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return Math.max(0, (centre - spread) / (1 + z2 / trials));
}

/** Percentile rank in [0, 1] of each value among all (ties share their mean rank; one value alone ranks 1). */
export function percentileRanks(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 1) return [1];
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && order[j + 1]![0] === order[i]![0]) j += 1;
    const mean = (i + j) / 2;
    for (let k = i; k <= j; k += 1) ranks[order[k]![1]] = mean / (n - 1);
    i = j + 1;
  }
  return ranks;
}

// ── 每月一题 candidates ──

export const TOPIC_SIGNALS = ['volume', 'repeat', 'dissatisfaction', 'overdue', 'recurrence'] as const;
export type TopicSignal = (typeof TOPIC_SIGNALS)[number];

/** What the month's facts say about one problem (a matter — or a ticket type when none is cited — in one area). */
export interface TopicCounts {
  received: number;
  /** Tickets of the month whose caller raised the same problem in the same area more than once that month. */
  repeatTickets: number;
  rated: number;
  dissatisfied: number;
  handlingDue: number;
  overdue: number;
  /** Of the six months before, how many had tickets on this problem in this area. */
  activeMonthsBefore: number;
}

export interface TopicSignalValue {
  /** The figure shown (a count, a rate, months). */
  value: number;
  /** What it is a rate of (null for counts). */
  base: number | null;
  /** The value the ranking used (a rate's Wilson lower bound). */
  ranked: number;
  /** 1 = highest among the candidates. */
  rank: number;
}

export interface RankedTopic<K> {
  key: K;
  /** Mean percentile rank over the five signals, 0–100. */
  score: number;
  signals: Record<TopicSignal, TopicSignalValue>;
}

function signalValues(c: TopicCounts): Record<TopicSignal, { value: number; base: number | null; ranked: number }> {
  const rate = (x: number, n: number) => ({ value: n === 0 ? 0 : x / n, base: n, ranked: wilsonLower(x, n) });
  return {
    volume: { value: c.received, base: null, ranked: c.received },
    repeat: rate(c.repeatTickets, c.received),
    dissatisfaction: rate(c.dissatisfied, c.rated),
    overdue: rate(c.overdue, c.handlingDue),
    recurrence: { value: c.activeMonthsBefore, base: 6, ranked: c.activeMonthsBefore },
  };
}

/**
 * Ranks every problem of the month by the mean of its percentile ranks on the five signals (equal weights; rates by
 * their Wilson lower bound, so a handful of tickets cannot top a list by luck). Nothing is cut off: the supervisor
 * reads the top of the list with each signal's figure and rank as the evidence.
 */
export function rankTopicCandidates<K>(groups: readonly { key: K; counts: TopicCounts }[]): RankedTopic<K>[] {
  if (groups.length === 0) return [];
  const values = groups.map((g) => signalValues(g.counts));
  const percentiles = Object.fromEntries(
    TOPIC_SIGNALS.map((s) => [s, percentileRanks(values.map((v) => v[s].ranked))]),
  ) as Record<TopicSignal, number[]>;
  const positions = Object.fromEntries(
    TOPIC_SIGNALS.map((s) => {
      const sorted = values.map((v) => v[s].ranked).sort((a, b) => b - a);
      return [s, values.map((v) => sorted.indexOf(v[s].ranked) + 1)];
    }),
  ) as Record<TopicSignal, number[]>;
  return groups
    .map((g, i) => ({
      key: g.key,
      score:
        Math.round((TOPIC_SIGNALS.reduce((sum, s) => sum + percentiles[s][i]!, 0) / TOPIC_SIGNALS.length) * 1000) / 10,
      signals: Object.fromEntries(
        TOPIC_SIGNALS.map((s) => [s, { ...values[i]![s], rank: positions[s][i]! }]),
      ) as Record<TopicSignal, TopicSignalValue>,
    }))
    .sort((a, b) => b.score - a.score || b.signals.volume.value - a.signals.volume.value);
}

// ── 时间聚集 (time clusters) ──

export const TIME_CLUSTER_KINDS = ['hour', 'weekday', 'dates'] as const;
export type TimeClusterKind = (typeof TIME_CLUSTER_KINDS)[number];
/** Window widths tried: three hours of the day, one weekday, three consecutive days. */
export const TIME_CLUSTER_WIDTH: Record<TimeClusterKind, number> = { hour: 3, weekday: 1, dates: 3 };
/** Family-wise error rate of the cluster test (before Bonferroni over every group × window tried). */
export const TIME_CLUSTER_ALPHA = 0.001;

export interface WindowHit {
  /** First slot of the window (hour 0–23, weekday 0 = Monday … 6, or the day's index in the period). */
  start: number;
  width: number;
  observed: number;
  total: number;
  /** Tickets the window would hold if this problem followed the hotline's overall pattern. */
  expected: number;
  /** The G statistic (log-likelihood ratio, 1 degree of freedom). */
  g: number;
}

const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(x / y));

/** G statistic of `observed` of `total` falling in a window whose expected share is `share`. */
export function gStatistic(observed: number, total: number, share: number): number {
  if (total === 0 || share <= 0 || share >= 1) return 0;
  const e = total * share;
  return 2 * (xlogy(observed, e) + xlogy(total - observed, total - e));
}

/**
 * The window of `width` slots holding most of this problem's tickets beyond what the overall pattern predicts
 * (`baseline`: every ticket's count per slot, the same slots). Circular for hours and weekdays. Null when no window
 * holds more than expected.
 */
export function bestWindow(
  counts: readonly number[],
  baseline: readonly number[],
  width: number,
  circular: boolean,
): WindowHit | null {
  const slots = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  const base = baseline.reduce((a, b) => a + b, 0);
  if (total === 0 || base === 0 || width >= slots) return null;
  let best: WindowHit | null = null;
  const starts = circular ? slots : slots - width + 1;
  for (let start = 0; start < starts; start += 1) {
    let observed = 0;
    let expectedShare = 0;
    for (let k = 0; k < width; k += 1) {
      const slot = (start + k) % slots;
      observed += counts[slot]!;
      expectedShare += baseline[slot]! / base;
    }
    const expected = total * expectedShare;
    if (observed <= expected) continue;
    const g = gStatistic(observed, total, expectedShare);
    if (!best || g > best.g) best = { start, width, observed, total, expected, g };
  }
  return best;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * The G a window must reach to be a cluster when `tests` windows were tried: χ²(1) at α / tests (two-sided normal
 * quantile squared). More groups or slots tried → a higher bar, so scanning more data finds no more false clusters.
 */
export function clusterThreshold(tests: number, alpha = TIME_CLUSTER_ALPHA): number {
  const z = normalQuantile(1 - alpha / (2 * Math.max(1, tests)));
  return z * z;
}
