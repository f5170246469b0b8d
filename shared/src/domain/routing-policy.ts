/**
 * Routing rules of the ACD (自动呼叫分配, DOMAIN §7): priority classes, queue order, skill tiers and overflow.
 * Pure: the server's routing service and both routing stores (Redis, in-memory) use these, never their own copy.
 */

/** Channels a contact arrives by: a phone call, a web enquiry, a letter keyed in by a clerk, a callback task (漏接回拨). */
export const CONTACT_CHANNELS = ['call', 'web', 'letter', 'callback'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_STATES = ['queued', 'offered', 'connected', 'ended', 'abandoned'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

/**
 * Priority classes, most urgent first: a call transferred back from 110/119/120 (转回), the green channel (绿色通道:
 * over 70, disabled, pregnant), everyone else. The index is the rank used in queue order.
 */
export const PRIORITY_CLASSES = ['transfer_back', 'green_channel', 'normal'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

export function priorityRank(priority: PriorityClass): number {
  return PRIORITY_CLASSES.indexOf(priority);
}

/** Skill groups (技能组) a contact waits in; agents hold skills of the same names with a level 1–5. */
export const SKILL_GROUPS = ['general', 'business', 'dialect', 'foreign_language', 'expert', 'letters'] as const;
export type SkillGroup = (typeof SKILL_GROUPS)[number];

/** The group a channel goes to when the caller chose nothing: letters go to the letter desk (信件专席). */
export function defaultSkillGroup(channel: ContactChannel): SkillGroup {
  return channel === 'letter' ? 'letters' : 'general';
}

/**
 * Queue order as one number: priority rank first, then enqueue time (FIFO within a priority). A contact that comes
 * back from an unanswered offer keeps its score, so it is ahead of everyone of its priority who arrived after it.
 * Epoch milliseconds stay below 1e13 until the year 2286.
 */
const SCORE_PRIORITY_STEP = 1e13;

export function queueScore(priority: PriorityClass, enqueuedAtMs: number): number {
  return priorityRank(priority) * SCORE_PRIORITY_STEP + enqueuedAtMs;
}

/** Inverse of `queueScore` for the enqueue time (how long a waiting list entry has waited). */
export function enqueuedAtOfScore(score: number): number {
  return score % SCORE_PRIORITY_STEP;
}

export interface RoutingPolicy {
  /** Minimum skill level of each tier, best tier first: level ≥ tierMinLevels[0] is tier 0, and so on. */
  tierMinLevels: number[];
  /** Seconds a contact waits before tier k may take it (overflow 溢出); tierOverflowSeconds[0] is 0. */
  tierOverflowSeconds: number[];
  /** Ring-no-answer (振铃未接): an offer not accepted within this many seconds returns to the queue. */
  ringSeconds: number;
  /** 话后处理: time after each contact before the agent is ready again, unless they finish earlier. */
  wrapUpSeconds: number;
  /** A call waiting longer than this is offered a callback (回拨) instead of waiting on. */
  callbackOfferSeconds: number;
  /** A console whose connection dropped gets this long to come back before the agent is set not ready. */
  disconnectGraceSeconds: number;
}

export const DEFAULT_ROUTING_POLICY: Readonly<RoutingPolicy> = Object.freeze({
  tierMinLevels: [4, 2, 1],
  tierOverflowSeconds: [0, 20, 45],
  ringSeconds: 15,
  wrapUpSeconds: 30,
  callbackOfferSeconds: 120,
  disconnectGraceSeconds: 30,
});

/** Checks a policy before it is saved; returns the Chinese reason it is invalid, or null. */
export function policyProblem(policy: RoutingPolicy): string | null {
  const { tierMinLevels: levels, tierOverflowSeconds: overflow } = policy;
  if (levels.length === 0 || levels.length > 5) return '技能层级数量应为 1 至 5 个';
  if (levels.length !== overflow.length) return '技能层级与溢出等待时长的数量不一致';
  for (let i = 0; i < levels.length; i++) {
    if (!Number.isInteger(levels[i]) || levels[i]! < 1 || levels[i]! > 5) return '技能等级应为 1 至 5 的整数';
    if (i > 0 && levels[i]! >= levels[i - 1]!) return '技能层级的最低等级应逐级降低';
    if (!Number.isInteger(overflow[i]) || overflow[i]! < 0) return '溢出等待时长应为非负整数秒';
    if (i > 0 && overflow[i]! < overflow[i - 1]!) return '溢出等待时长应逐级递增';
  }
  if (overflow[0] !== 0) return '最优技能层级的溢出等待时长应为 0 秒';
  for (const [name, value] of [
    ['振铃超时', policy.ringSeconds],
    ['话后处理时长', policy.wrapUpSeconds],
    ['回拨提示等待时长', policy.callbackOfferSeconds],
    ['断线宽限时长', policy.disconnectGraceSeconds],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 3600) return `${name}应为 1 至 3600 的整数秒`;
  }
  return null;
}

/** The tier of an agent with `level` in a skill, or null when the level is below every tier. */
export function tierForLevel(level: number, policy: Pick<RoutingPolicy, 'tierMinLevels'>): number | null {
  const tier = policy.tierMinLevels.findIndex((min) => level >= min);
  return tier === -1 ? null : tier;
}

/** Tiers a contact may be offered to after waiting `waitedMs`, best first. */
export function eligibleTiers(waitedMs: number, policy: Pick<RoutingPolicy, 'tierOverflowSeconds'>): number[] {
  const tiers: number[] = [];
  policy.tierOverflowSeconds.forEach((seconds, tier) => {
    if (waitedMs >= seconds * 1000) tiers.push(tier);
  });
  return tiers;
}

export interface AgentSkill {
  skill: SkillGroup;
  level: number;
}

/** The (group, tier) pairs whose ready lists an agent joins when ready. */
export function agentRoutingSlots(
  skills: readonly AgentSkill[],
  policy: Pick<RoutingPolicy, 'tierMinLevels'>,
): { group: SkillGroup; tier: number }[] {
  const slots: { group: SkillGroup; tier: number }[] = [];
  for (const { skill, level } of skills) {
    const tier = tierForLevel(level, policy);
    if (tier !== null) slots.push({ group: skill, tier });
  }
  return slots;
}

/** A call's priority from the phone system's flags and the caller's profile. */
export function priorityFor(flags: { transferBack?: boolean; greenChannel?: boolean }): PriorityClass {
  if (flags.transferBack) return 'transfer_back';
  if (flags.greenChannel) return 'green_channel';
  return 'normal';
}

/** The IVR digit a caller presses to ask for the green channel (按键进入绿色通道). */
export const GREEN_CHANNEL_IVR_DIGIT = '9';
