/**
 * Metric formulas (考核指标) of DOMAIN §8, over counts the report queries produce. Each returns a ratio in [0, 1],
 * or null when the denominator is 0 — "no calls" is not "0% connected", and a league table must show it as 无数据.
 * Counts must be non-negative integers and a part may not exceed its whole; anything else is a bug in the query
 * feeding the formula, so it throws rather than printing a 103% on a department's score card.
 */

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** part ÷ whole, null when whole is 0. */
export function ratio(part: number, whole: number, names: [string, string] = ['part', 'whole']): number | null {
  assertCount(names[0], part);
  assertCount(names[1], whole);
  if (part > whole) throw new RangeError(`${names[0]} (${part}) exceeds ${names[1]} (${whole})`);
  return whole === 0 ? null : part / whole;
}

/** 接通率: calls answered by an agent ÷ inbound calls (target ≥ 95%, GB/T 33358-2016). */
export function connectRate(c: { answered: number; inbound: number }): number | null {
  return ratio(c.answered, c.inbound, ['answered', 'inbound']);
}

/** 15秒接通率: calls answered within 15 s ÷ calls answered. */
export function answeredWithin15sRate(c: { answeredWithin15s: number; answered: number }): number | null {
  return ratio(c.answeredWithin15s, c.answered, ['answeredWithin15s', 'answered']);
}

/** 直接答复率 (一次办结率): requests resolved on the spot ÷ requests accepted. */
export function directAnswerRate(c: { answeredOnTheSpot: number; accepted: number }): number | null {
  return ratio(c.answeredOnTheSpot, c.accepted, ['answeredOnTheSpot', 'accepted']);
}

/** 响应率: dispatched tickets whose unit contacted the caller in time ÷ dispatched tickets. */
export function responseRate(c: { contactedInTime: number; dispatched: number }): number | null {
  return ratio(c.contactedInTime, c.dispatched, ['contactedInTime', 'dispatched']);
}

/** 按时签收率: sign-for clocks met ÷ sign-for clocks that fell due in the period. */
export function onTimeSignRate(c: { signedOnTime: number; due: number }): number | null {
  return ratio(c.signedOnTime, c.due, ['signedOnTime', 'due']);
}

/** 按时办结率: handling clocks met ÷ handling clocks that fell due in the period. */
export function onTimeCloseRate(c: { closedOnTime: number; due: number }): number | null {
  return ratio(c.closedOnTime, c.due, ['closedOnTime', 'due']);
}

/** 解决率: callbacks where the caller said the problem is solved ÷ callbacks that reached the caller. */
export function resolutionRate(c: { solved: number; calledBack: number }): number | null {
  return ratio(c.solved, c.calledBack, ['solved', 'calledBack']);
}

export interface SatisfactionCounts {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /**
   * Dissatisfied ratings the hotline judged unreasonable (e.g. the caller demanded something unlawful, or rated the
   * policy rather than the unit's work); a subset of `dissatisfied`, removed from the denominator only.
   */
  dissatisfiedJudgedUnreasonable: number;
}

/**
 * 满意率: (satisfied + basically satisfied) ÷ rated callbacks, excluding ratings judged unreasonable.
 * Only dissatisfied ratings are ever reviewed for reasonableness, so excluding them cannot lower the rate.
 */
export function satisfactionRate(c: SatisfactionCounts): number | null {
  assertCount('satisfied', c.satisfied);
  assertCount('basicallySatisfied', c.basicallySatisfied);
  const valid = c.dissatisfied - c.dissatisfiedJudgedUnreasonable;
  ratio(c.dissatisfiedJudgedUnreasonable, c.dissatisfied, ['dissatisfiedJudgedUnreasonable', 'dissatisfied']);
  const pleased = c.satisfied + c.basicallySatisfied;
  return ratio(pleased, pleased + valid, ['satisfied + basicallySatisfied', 'rated callbacks']);
}

/** 退单率: returns ÷ dispatches (dispatch rounds, since a ticket may be dispatched more than once). */
export function returnRate(c: { returns: number; dispatches: number }): number | null {
  return ratio(c.returns, c.dispatches, ['returns', 'dispatches']);
}

/** 有效回访率: callbacks that reached the caller ÷ callbacks due. */
export function effectiveCallbackRate(c: { reached: number; due: number }): number | null {
  return ratio(c.reached, c.due, ['reached', 'due']);
}

/** 平均等待 / 平均通话: total seconds ÷ count, null when there was nothing to average. */
export function averageSeconds(totalSeconds: number, count: number): number | null {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0)
    throw new RangeError(`total must be ≥ 0, got ${totalSeconds}`);
  assertCount('count', count);
  return count === 0 ? null : totalSeconds / count;
}

/** A rate as a percentage with `digits` decimals for display: 0.95123 → '95.12%'; null → '—'. */
export function formatRate(rate: number | null, digits = 2): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** 放弃率: calls the caller hung up before an agent answered ÷ inbound calls. */
export function abandonRate(c: { abandoned: number; inbound: number }): number | null {
  return ratio(c.abandoned, c.inbound, ['abandoned', 'inbound']);
}

/** 延期率: lead dispatch rounds with an approved extension ÷ lead dispatch rounds. */
export function extensionRate(c: { extended: number; leadDispatches: number }): number | null {
  return ratio(c.extended, c.leadDispatches, ['extended', 'leadDispatches']);
}

/** 重办率: reopened (重办) lead rounds ÷ lead dispatch rounds — a ticket reopened twice counts twice. */
export function reopenRate(c: { reopened: number; leadDispatches: number }): number | null {
  return ratio(c.reopened, c.leadDispatches, ['reopened', 'leadDispatches']);
}

// ── The five 最多跑一次 efficiency indicators (办事效率, Zhejiang provincial standard) ──

/** 受理集中率: requests the hotline itself accepted (not 不予受理, not handed to 110/119/120/122) ÷ requests received. */
export function acceptanceConcentrationRate(c: { accepted: number; received: number }): number | null {
  return ratio(c.accepted, c.received, ['accepted', 'received']);
}

/** 网上办结率: closed requests that came in online (web form, SMS) ÷ closed requests. */
export function onlineCloseRate(c: { closedOnline: number; closed: number }): number | null {
  return ratio(c.closedOnline, c.closed, ['closedOnline', 'closed']);
}

/** 即办件比率: requests finished at once (on the spot, or replied within 24 h of intake) ÷ accepted requests. */
export function immediateRate(c: { immediate: number; accepted: number }): number | null {
  return ratio(c.immediate, c.accepted, ['immediate', 'accepted']);
}

/** 最多跑一次事项比率: requests about a zero- or one-visit matter ÷ requests that cite a matter. */
export function oneVisitMatterRate(c: { oneVisit: number; withMatter: number }): number | null {
  return ratio(c.oneVisit, c.withMatter, ['oneVisit', 'withMatter']);
}

// ── The counters the rollups keep, and each metric as numerator ÷ denominator over them ──

/**
 * A counter is one kind of fact about one record (a ticket, a dispatch round, a callback, a call, a rating); the
 * rollups count facts per day and dimension, and a drill-down lists the facts — so a list's length is the figure.
 */
export const METRIC_COUNTERS = [
  // tickets (day: intake)
  'received',
  'accepted',
  'on_the_spot',
  'immediate',
  'closed',
  'closed_online',
  'with_matter',
  'one_visit_matter',
  // dispatch rounds (day: dispatch; handling clocks: their due day)
  'dispatches',
  'returns',
  'improper_returns',
  'lead_dispatches',
  'responded_in_time',
  'sign_due',
  'signed_on_time',
  'handling_due',
  'closed_on_time',
  'overdue',
  'extended',
  'reopened',
  // callbacks (day: the callback, or the reply's approval for callbacks due)
  'callbacks_due',
  'callbacks_reached',
  'called_back',
  'solved',
  'rated',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'dissatisfied_ruled_out',
  // calls (day: the call entered the queue)
  'inbound',
  'answered',
  'answered_15s',
  'abandoned',
  'wait_seconds',
  'talk_seconds',
  // 一次一评 per-call ratings (day: rated)
  'call_rated',
  'call_satisfied',
  'call_basically_satisfied',
  'call_dissatisfied',
  'call_dissatisfied_ruled_out',
] as const;
export type MetricCounter = (typeof METRIC_COUNTERS)[number];

/** Counters whose facts carry a value to sum (seconds); the others count facts. */
export const SUMMED_COUNTERS: readonly MetricCounter[] = ['wait_seconds', 'talk_seconds'];

export type CounterTotals = Partial<Record<MetricCounter, number>>;

export interface MetricDefinition {
  label: string;
  kind: 'rate' | 'seconds' | 'count';
  /** The facts counted above the line (for a drill-down); for averages, the summed counter. */
  numerator: MetricCounter;
  /** The facts below the line; null for a plain count. */
  denominator: MetricCounter | null;
  compute(t: CounterTotals): number | null;
}

const n = (t: CounterTotals, c: MetricCounter) => t[c] ?? 0;

export const METRICS = {
  connect_rate: {
    label: '接通率',
    kind: 'rate',
    numerator: 'answered',
    denominator: 'inbound',
    compute: (t) => connectRate({ answered: n(t, 'answered'), inbound: n(t, 'inbound') }),
  },
  answered_15s_rate: {
    label: '15秒接通率',
    kind: 'rate',
    numerator: 'answered_15s',
    denominator: 'answered',
    compute: (t) => answeredWithin15sRate({ answeredWithin15s: n(t, 'answered_15s'), answered: n(t, 'answered') }),
  },
  abandon_rate: {
    label: '放弃率',
    kind: 'rate',
    numerator: 'abandoned',
    denominator: 'inbound',
    compute: (t) => abandonRate({ abandoned: n(t, 'abandoned'), inbound: n(t, 'inbound') }),
  },
  average_wait: {
    label: '平均等待(秒)',
    kind: 'seconds',
    numerator: 'wait_seconds',
    denominator: 'answered',
    compute: (t) => averageSeconds(n(t, 'wait_seconds'), n(t, 'answered')),
  },
  average_talk: {
    label: '平均通话(秒)',
    kind: 'seconds',
    numerator: 'talk_seconds',
    denominator: 'answered',
    compute: (t) => averageSeconds(n(t, 'talk_seconds'), n(t, 'answered')),
  },
  direct_answer_rate: {
    label: '直接答复率',
    kind: 'rate',
    numerator: 'on_the_spot',
    denominator: 'accepted',
    compute: (t) => directAnswerRate({ answeredOnTheSpot: n(t, 'on_the_spot'), accepted: n(t, 'accepted') }),
  },
  response_rate: {
    label: '响应率',
    kind: 'rate',
    numerator: 'responded_in_time',
    denominator: 'lead_dispatches',
    compute: (t) => responseRate({ contactedInTime: n(t, 'responded_in_time'), dispatched: n(t, 'lead_dispatches') }),
  },
  on_time_sign_rate: {
    label: '按时签收率',
    kind: 'rate',
    numerator: 'signed_on_time',
    denominator: 'sign_due',
    compute: (t) => onTimeSignRate({ signedOnTime: n(t, 'signed_on_time'), due: n(t, 'sign_due') }),
  },
  on_time_close_rate: {
    label: '按时办结率',
    kind: 'rate',
    numerator: 'closed_on_time',
    denominator: 'handling_due',
    compute: (t) => onTimeCloseRate({ closedOnTime: n(t, 'closed_on_time'), due: n(t, 'handling_due') }),
  },
  return_rate: {
    label: '退单率',
    kind: 'rate',
    numerator: 'returns',
    denominator: 'dispatches',
    compute: (t) => returnRate({ returns: n(t, 'returns'), dispatches: n(t, 'dispatches') }),
  },
  extension_rate: {
    label: '延期率',
    kind: 'rate',
    numerator: 'extended',
    denominator: 'lead_dispatches',
    compute: (t) => extensionRate({ extended: n(t, 'extended'), leadDispatches: n(t, 'lead_dispatches') }),
  },
  reopen_rate: {
    label: '重办率',
    kind: 'rate',
    numerator: 'reopened',
    denominator: 'lead_dispatches',
    compute: (t) => reopenRate({ reopened: n(t, 'reopened'), leadDispatches: n(t, 'lead_dispatches') }),
  },
  resolution_rate: {
    label: '解决率',
    kind: 'rate',
    numerator: 'solved',
    denominator: 'called_back',
    compute: (t) => resolutionRate({ solved: n(t, 'solved'), calledBack: n(t, 'called_back') }),
  },
  satisfaction_rate: {
    label: '满意率',
    kind: 'rate',
    numerator: 'satisfied',
    denominator: 'rated',
    compute: (t) =>
      satisfactionRate({
        satisfied: n(t, 'satisfied'),
        basicallySatisfied: n(t, 'basically_satisfied'),
        dissatisfied: n(t, 'dissatisfied'),
        dissatisfiedJudgedUnreasonable: n(t, 'dissatisfied_ruled_out'),
      }),
  },
  call_satisfaction_rate: {
    label: '满意率(一次一评)',
    kind: 'rate',
    numerator: 'call_satisfied',
    denominator: 'call_rated',
    compute: (t) =>
      satisfactionRate({
        satisfied: n(t, 'call_satisfied'),
        basicallySatisfied: n(t, 'call_basically_satisfied'),
        dissatisfied: n(t, 'call_dissatisfied'),
        dissatisfiedJudgedUnreasonable: n(t, 'call_dissatisfied_ruled_out'),
      }),
  },
  effective_callback_rate: {
    label: '有效回访率',
    kind: 'rate',
    numerator: 'callbacks_reached',
    denominator: 'callbacks_due',
    compute: (t) => effectiveCallbackRate({ reached: n(t, 'callbacks_reached'), due: n(t, 'callbacks_due') }),
  },
  acceptance_concentration_rate: {
    label: '受理集中率',
    kind: 'rate',
    numerator: 'accepted',
    denominator: 'received',
    compute: (t) => acceptanceConcentrationRate({ accepted: n(t, 'accepted'), received: n(t, 'received') }),
  },
  online_close_rate: {
    label: '网上办结率',
    kind: 'rate',
    numerator: 'closed_online',
    denominator: 'closed',
    compute: (t) => onlineCloseRate({ closedOnline: n(t, 'closed_online'), closed: n(t, 'closed') }),
  },
  immediate_rate: {
    label: '即办件比率',
    kind: 'rate',
    numerator: 'immediate',
    denominator: 'accepted',
    compute: (t) => immediateRate({ immediate: n(t, 'immediate'), accepted: n(t, 'accepted') }),
  },
  one_visit_matter_rate: {
    label: '最多跑一次事项比率',
    kind: 'rate',
    numerator: 'one_visit_matter',
    denominator: 'with_matter',
    compute: (t) => oneVisitMatterRate({ oneVisit: n(t, 'one_visit_matter'), withMatter: n(t, 'with_matter') }),
  },
} satisfies Record<string, MetricDefinition>;
export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

/** 满意率's numerator is two counters (满意 + 基本满意); a drill-down lists both. */
export function numeratorCounters(metric: MetricKey): MetricCounter[] {
  if (metric === 'satisfaction_rate') return ['satisfied', 'basically_satisfied'];
  if (metric === 'call_satisfaction_rate') return ['call_satisfied', 'call_basically_satisfied'];
  return [METRICS[metric].numerator];
}

/** The facts below the line; 满意率 leaves out the ratings a lead ruled unreasonable. */
export function denominatorCounters(metric: MetricKey): { include: MetricCounter[]; exclude: MetricCounter[] } {
  const def: MetricDefinition = METRICS[metric];
  if (!def.denominator) return { include: [], exclude: [] };
  if (metric === 'satisfaction_rate') return { include: ['rated'], exclude: ['dissatisfied_ruled_out'] };
  if (metric === 'call_satisfaction_rate') return { include: ['call_rated'], exclude: ['call_dissatisfied_ruled_out'] };
  return { include: [def.denominator], exclude: [] };
}

export function computeAllMetrics(t: CounterTotals): Record<MetricKey, number | null> {
  const out = {} as Record<MetricKey, number | null>;
  for (const key of METRIC_KEYS) out[key] = (METRICS[key] as MetricDefinition).compute(t);
  return out;
}

/** Dimensions a figure can be cut by; `unit` rolls streets (街道) up to their district (区县). */
export const METRIC_DIMENSIONS = ['all', 'department', 'unit', 'agent', 'channel', 'type', 'matter', 'area'] as const;
export type MetricDimension = (typeof METRIC_DIMENSIONS)[number];
