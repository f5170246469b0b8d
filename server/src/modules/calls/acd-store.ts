import type { AgentState, BreakReason } from '@hotline/shared/domain/agent-states';
import type { SkillGroup } from '@hotline/shared/domain/routing-policy';

/**
 * The fast, shared state of the ACD: waiting lists, agent presence, offers (reservations) and timers. Two
 * implementations: Redis (many server processes; every method that changes more than one thing is one Lua script,
 * so it is atomic across processes) and in-memory (one node, embedded mode). The routing rules live in the routing
 * service and shared/domain/routing-policy, never in a store: a store only does the atomic moves below.
 * Everything here is rebuildable from Postgres (rebuildQueuesFromPostgres).
 */

/** A (skill group, tier) pair whose ready list an agent joins while ready. */
export interface RoutingSlot {
  group: SkillGroup;
  tier: number;
}

export interface WaitingEntry {
  contactId: string;
  group: SkillGroup;
  /** queueScore(priority, enqueuedAt): lower goes first. */
  score: number;
}

export interface AgentPresence {
  agentId: string;
  state: AgentState;
  reason: BreakReason | null;
  /** When the agent entered this state; for `ready` it is the idle-since time (longest idle goes first). */
  sinceMs: number;
  /** The contact ringing, talking or being wrapped up. */
  contactId: string | null;
  slots: RoutingSlot[];
}

export interface AgentStateChange {
  state: AgentState;
  reason: BreakReason | null;
  sinceMs: number;
  contactId: string | null;
  /** Replaces the agent's slots when given (on going ready: the skills may have changed). */
  slots?: RoutingSlot[];
}

/** Timers of the ACD; `key` says whose: `ring|<agent>|<contact>`, `wrap|<agent>|<contact>`, `grace|<agent>|`. */
export type DeadlineKind = 'ring' | 'wrap' | 'grace';
export interface Deadline {
  kind: DeadlineKind;
  agentId: string;
  contactId: string | null;
}

export const deadlineMember = (d: Deadline) => `${d.kind}|${d.agentId}|${d.contactId ?? ''}`;
export function parseDeadline(member: string): Deadline {
  const [kind, agentId, contactId] = member.split('|');
  return { kind: kind as DeadlineKind, agentId: agentId!, contactId: contactId || null };
}

/** Why a claim did not happen: the contact is no longer waiting, or the agent is no longer ready. */
export type ClaimResult = 'claimed' | 'contact_gone' | 'agent_busy';

export interface AcdStore {
  /** Adds a contact to its waiting list (no-op when it is already there). */
  enqueue(entry: WaitingEntry): Promise<void>;
  /** Takes a waiting contact out (abandoned, reassigned); false when it was not waiting. */
  removeWaiting(contactId: string, group: SkillGroup): Promise<boolean>;
  /** The first `limit` waiting contacts of each group, in queue order. */
  waitingHeads(groups: readonly SkillGroup[], limit: number): Promise<WaitingEntry[]>;
  waitingCounts(groups: readonly SkillGroup[]): Promise<Record<SkillGroup, number>>;

  getAgent(agentId: string): Promise<AgentPresence | null>;
  listAgents(): Promise<AgentPresence[]>;
  /**
   * Moves an agent to `change` if its current state is one of `from` (and, when `expectContactId` is given, it is
   * busy with that contact). Keeps the ready lists in step. Returns the previous presence, or null when refused.
   */
  transitionAgent(
    agentId: string,
    from: readonly AgentState[],
    change: AgentStateChange,
    expectContactId?: string,
  ): Promise<AgentPresence | null>;
  /** Ready agents of one (group, tier), longest idle first. */
  readyAgents(group: SkillGroup, tier: number, limit: number): Promise<string[]>;

  /**
   * The reservation: atomically takes a waiting contact out of its list and makes a ready agent ring with it.
   * Only one claim can win a contact, and an agent rings with one contact at a time — also across processes.
   */
  claimOffer(claim: {
    contactId: string;
    group: SkillGroup;
    agentId: string;
    nowMs: number;
    ringDeadlineMs: number;
  }): Promise<ClaimResult>;
  /**
   * The fast path of a new contact (enqueue → offer in one Postgres statement): atomically, when a ready agent of the
   * first of `tiers` that has one is free AND no contact waits in the contact's group or in any group that agent
   * serves with a place as good as or better than `entry.score`, makes that agent (longest idle) ring with the
   * contact, which never enters a waiting list. Null — nothing changed — otherwise; the caller then queues the
   * contact the usual way. Returns the agent and its idle-since time (to put it back in its place if the offer cannot
   * be recorded). Also refuses a contact the store already holds (waiting or ringing).
   */
  offerNew(offer: {
    entry: WaitingEntry;
    tiers: readonly number[];
    nowMs: number;
    ringDeadlineMs: number;
  }): Promise<{ agentId: string; idleSinceMs: number } | null>;
  /** The contact an agent's offer is for, with its queue place, while it rings. */
  offerOf(contactId: string): Promise<{ agentId: string; group: SkillGroup; score: number } | null>;
  /** Ringing → talking, if the agent still rings with this contact. */
  acceptOffer(agentId: string, contactId: string, nowMs: number): Promise<boolean>;
  /**
   * Ends an offer that was not answered: the agent moves to `agentNext`; the contact goes back to its place in the
   * queue when `requeue` (ring-no-answer, reject, reassign) or nowhere (abandoned).
   */
  releaseOffer(agentId: string, contactId: string, requeue: boolean, agentNext: AgentStateChange): Promise<boolean>;

  scheduleDeadline(deadline: Deadline, dueMs: number): Promise<void>;
  cancelDeadline(deadline: Deadline): Promise<void>;
  /** Takes the deadlines due by `nowMs` out of the timer list: each is handed to exactly one caller. */
  popDueDeadlines(nowMs: number, limit: number): Promise<Deadline[]>;

  /** Deletes every key of this store (the loss-of-Redis scenario in tests; never used in production code). */
  clearForTests(): Promise<void>;
  close(): Promise<void>;
}
