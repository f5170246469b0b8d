/**
 * 重复来电 (repeat caller) on the agent desk: a caller with any earlier ticket in the window — open OR finished
 * (直接答复, 办结 …). A citizen calling again about a closed ticket is exactly the one the agent must notice (the
 * answer did not help, or the unit's reply did not solve it). One definition, used by the screen-pop, the intake
 * lookup and the console.
 */
export const REPEAT_CALLER_RULE = {
  /** Earlier tickets created within this many days count. */
  windowDays: 30,
  /** At least this many earlier tickets in the window make a repeat caller. */
  minimumEarlierTickets: 1,
  /** At most this many earlier tickets are listed. */
  listLimit: 10,
} as const;

export function isRepeatCaller(earlierTicketsInWindow: number): boolean {
  return earlierTicketsInWindow >= REPEAT_CALLER_RULE.minimumEarlierTickets;
}

/** The instant from which earlier tickets count. */
export function repeatCallerWindowStart(now: Date): Date {
  return new Date(now.getTime() - REPEAT_CALLER_RULE.windowDays * 24 * 60 * 60 * 1000);
}
