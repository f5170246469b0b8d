import type { SkillGroup } from '@hotline/shared/domain/routing-policy';
import {
  deadlineMember,
  parseDeadline,
  type AcdStore,
  type AgentPresence,
  type AgentStateChange,
  type WaitingEntry,
} from './acd-store.js';

/** A tiny sorted set with Redis's order: by score, then by member. */
class SortedSet {
  private readonly scores = new Map<string, number>();
  private items: { member: string; score: number }[] = [];

  has(member: string): boolean {
    return this.scores.has(member);
  }
  score(member: string): number | undefined {
    return this.scores.get(member);
  }
  add(member: string, score: number): void {
    this.remove(member);
    this.scores.set(member, score);
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const it = this.items[mid]!;
      if (it.score < score || (it.score === score && it.member < member)) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, { member, score });
  }
  remove(member: string): boolean {
    if (!this.scores.delete(member)) return false;
    this.items = this.items.filter((it) => it.member !== member);
    return true;
  }
  range(limit: number): { member: string; score: number }[] {
    return this.items.slice(0, limit);
  }
  upTo(maxScore: number, limit: number): string[] {
    const due: string[] = [];
    for (const it of this.items) {
      if (it.score > maxScore || due.length >= limit) break;
      due.push(it.member);
    }
    return due;
  }
  get size(): number {
    return this.items.length;
  }
}

/**
 * The ACD store for a single node (embedded mode, no Redis). Each method runs without an `await` between its reads
 * and writes, so on Node's one thread it is as atomic as the Redis scripts.
 */
export function createMemoryAcdStore(): AcdStore {
  const queues = new Map<SkillGroup, SortedSet>();
  const ready = new Map<string, SortedSet>();
  const agents = new Map<string, AgentPresence>();
  const offers = new Map<string, { agentId: string; group: SkillGroup; score: number }>();
  let deadlines = new SortedSet();

  const queue = (group: SkillGroup) => queues.get(group) ?? queues.set(group, new SortedSet()).get(group)!;
  const readySet = (key: string) => ready.get(key) ?? ready.set(key, new SortedSet()).get(key)!;

  function apply(agentId: string, change: AgentStateChange): void {
    const previous = agents.get(agentId);
    for (const slot of previous?.slots ?? []) readySet(`${slot.group}:${slot.tier}`).remove(agentId);
    const next: AgentPresence = {
      agentId,
      state: change.state,
      reason: change.reason,
      sinceMs: change.sinceMs,
      contactId: change.contactId,
      slots: change.slots ?? previous?.slots ?? [],
    };
    agents.set(agentId, next);
    if (next.state === 'ready') {
      for (const slot of next.slots) readySet(`${slot.group}:${slot.tier}`).add(agentId, next.sinceMs);
    }
  }

  const copy = (a: AgentPresence): AgentPresence => ({ ...a, slots: [...a.slots] });

  return {
    async enqueue(entry) {
      const q = queue(entry.group);
      if (!q.has(entry.contactId)) q.add(entry.contactId, entry.score);
    },
    async removeWaiting(contactId, group) {
      return queue(group).remove(contactId);
    },
    async waitingHeads(groups, limit) {
      const entries: WaitingEntry[] = [];
      for (const group of groups) {
        for (const { member, score } of queue(group).range(limit)) entries.push({ contactId: member, group, score });
      }
      return entries;
    },
    async waitingCounts(groups) {
      const counts = {} as Record<SkillGroup, number>;
      for (const group of groups) counts[group] = queue(group).size;
      return counts;
    },
    async getAgent(agentId) {
      const a = agents.get(agentId);
      return a ? copy(a) : null;
    },
    async listAgents() {
      return [...agents.values()].map(copy);
    },
    async transitionAgent(agentId, from, change, expectContactId) {
      const previous = agents.get(agentId);
      const current = previous?.state ?? 'offline';
      if (!from.includes(current)) return null;
      if (expectContactId !== undefined && previous?.contactId !== expectContactId) return null;
      const before = previous
        ? copy(previous)
        : { agentId, state: 'offline' as const, reason: null, sinceMs: 0, contactId: null, slots: [] };
      apply(agentId, change);
      return before;
    },
    async readyAgents(group, tier, limit) {
      return readySet(`${group}:${tier}`)
        .range(limit)
        .map((it) => it.member);
    },
    async claimOffer(c) {
      const q = queue(c.group);
      const score = q.score(c.contactId);
      if (score === undefined) return 'contact_gone';
      if (agents.get(c.agentId)?.state !== 'ready') return 'agent_busy';
      q.remove(c.contactId);
      apply(c.agentId, { state: 'ringing', reason: null, sinceMs: c.nowMs, contactId: c.contactId });
      offers.set(c.contactId, { agentId: c.agentId, group: c.group, score });
      deadlines.add(deadlineMember({ kind: 'ring', agentId: c.agentId, contactId: c.contactId }), c.ringDeadlineMs);
      return 'claimed';
    },
    async offerNew(o) {
      const { contactId, group, score } = o.entry;
      if (queue(group).has(contactId) || offers.has(contactId)) return null;
      let agentId: string | undefined;
      for (const tier of o.tiers) {
        agentId = readySet(`${group}:${tier}`).range(1)[0]?.member;
        if (agentId) break;
      }
      const agent = agentId ? agents.get(agentId) : undefined;
      if (!agentId || agent?.state !== 'ready') return null;
      const groups = new Set<SkillGroup>([group, ...agent.slots.map((s) => s.group)]);
      for (const g of groups) {
        const head = queue(g).range(1)[0];
        if (head && head.score <= score) return null;
      }
      const idleSinceMs = agent.sinceMs;
      apply(agentId, { state: 'ringing', reason: null, sinceMs: o.nowMs, contactId });
      offers.set(contactId, { agentId, group, score });
      deadlines.add(deadlineMember({ kind: 'ring', agentId, contactId }), o.ringDeadlineMs);
      return { agentId, idleSinceMs };
    },
    async offerOf(contactId) {
      const offer = offers.get(contactId);
      return offer ? { ...offer } : null;
    },
    async acceptOffer(agentId, contactId, nowMs) {
      const a = agents.get(agentId);
      if (a?.state !== 'ringing' || a.contactId !== contactId) return false;
      a.state = 'talking';
      a.reason = null;
      a.sinceMs = nowMs;
      offers.delete(contactId);
      deadlines.remove(deadlineMember({ kind: 'ring', agentId, contactId }));
      return true;
    },
    async releaseOffer(agentId, contactId, requeue, next) {
      const a = agents.get(agentId);
      if (a?.state !== 'ringing' || a.contactId !== contactId) return false;
      const offer = offers.get(contactId);
      offers.delete(contactId);
      deadlines.remove(deadlineMember({ kind: 'ring', agentId, contactId }));
      if (requeue && offer) queue(offer.group).add(contactId, offer.score);
      apply(agentId, next);
      return true;
    },
    async scheduleDeadline(deadline, dueMs) {
      deadlines.add(deadlineMember(deadline), dueMs);
    },
    async cancelDeadline(deadline) {
      deadlines.remove(deadlineMember(deadline));
    },
    async popDueDeadlines(nowMs, limit) {
      const due = deadlines.upTo(nowMs, limit);
      for (const member of due) deadlines.remove(member);
      return due.map(parseDeadline);
    },
    async clearForTests() {
      queues.clear();
      ready.clear();
      agents.clear();
      offers.clear();
      deadlines = new SortedSet();
    },
    async close() {},
  };
}
