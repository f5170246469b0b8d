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
