import type { Redis } from 'ioredis';
import type { AgentState, BreakReason } from '@hotline/shared/domain/agent-states';
import type { SkillGroup } from '@hotline/shared/domain/routing-policy';
import {
  deadlineMember,
  parseDeadline,
  type AcdStore,
  type AgentPresence,
  type AgentStateChange,
  type ClaimResult,
  type RoutingSlot,
  type WaitingEntry,
} from './acd-store.js';

/*
 * Keys under `<prefix>:acd:` — q:<group> (zset contact → queue score), ready:<group>:<tier> (zset agent → idle
 * since), agent:<id> (hash state, reason, since, contact, slots), agents (set of ids), offers (hash contact →
 * agent|group|score), deadlines (zset timer → due ms). Scripts build key names from the prefix, so this store needs
 * one Redis (or Sentinel), not a Cluster. Scores travel as strings: Lua numbers would round queue scores (~2e13).
 */

const LUA_HELPERS = `
local function unready(p, ak, id)
  local slots = redis.call('HGET', ak, 'slots')
  if slots then for s in string.gmatch(slots, '[^,]+') do redis.call('ZREM', p .. 'ready:' .. s, id) end end
end
local function apply(p, id, state, reason, since, contact, slots)
  local ak = p .. 'agent:' .. id
  unready(p, ak, id)
  if slots ~= '~' then redis.call('HSET', ak, 'slots', slots) end
  redis.call('HSET', ak, 'state', state, 'reason', reason, 'since', since, 'contact', contact)
  redis.call('SADD', p .. 'agents', id)
  if state == 'ready' then
    local current = redis.call('HGET', ak, 'slots')
    if current then for s in string.gmatch(current, '[^,]+') do redis.call('ZADD', p .. 'ready:' .. s, since, id) end end
  end
end
`;

/** ARGV: prefix, agent, fromCsv, state, reason, since, contact, slots|~, expectContact. */
const TRANSITION = `${LUA_HELPERS}
local p, id = ARGV[1], ARGV[2]
local ak = p .. 'agent:' .. id
local prev = redis.call('HMGET', ak, 'state', 'reason', 'since', 'contact', 'slots')
local current = prev[1] or 'offline'
local allowed = false
for s in string.gmatch(ARGV[3], '[^,]+') do if s == current then allowed = true end end
if not allowed then return false end
if ARGV[9] ~= '' and prev[4] ~= ARGV[9] then return false end
apply(p, id, ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8])
return { current, prev[2] or '', prev[3] or '0', prev[4] or '', prev[5] or '' }
`;

/** ARGV: prefix, contact, group, agent, now, ringDeadline. */
const CLAIM = `${LUA_HELPERS}
local p, cid, group, aid = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local q = p .. 'q:' .. group
local score = redis.call('ZSCORE', q, cid)
if not score then return 'contact_gone' end
if redis.call('HGET', p .. 'agent:' .. aid, 'state') ~= 'ready' then return 'agent_busy' end
redis.call('ZREM', q, cid)
apply(p, aid, 'ringing', '', ARGV[5], cid, '~')
redis.call('HSET', p .. 'offers', cid, aid .. '|' .. group .. '|' .. score)
redis.call('ZADD', p .. 'deadlines', ARGV[6], 'ring|' .. aid .. '|' .. cid)
return 'claimed'
`;

/**
 * ARGV: prefix, contact, group, score, tiersCsv, now, ringDeadline. A new contact straight to the longest-idle ready
 * agent of its best tier, unless someone waits ahead of it in its group or in any group of that agent (then false and
 * nothing changes). Scores are compared as numbers (exact below 2^53) and stored from the argument string.
 */
const OFFER_NEW = `${LUA_HELPERS}
local p, cid, group, score = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('ZSCORE', p .. 'q:' .. group, cid) or redis.call('HEXISTS', p .. 'offers', cid) == 1 then return false end
local aid
for t in string.gmatch(ARGV[5], '[^,]+') do
  local head = redis.call('ZRANGE', p .. 'ready:' .. group .. ':' .. t, 0, 0)
  if head[1] then aid = head[1] break end
end
if not aid then return false end
local info = redis.call('HMGET', p .. 'agent:' .. aid, 'state', 'since', 'slots')
if info[1] ~= 'ready' then return false end
local mine = tonumber(score)
local seen = {}
local function ahead(g)
  if seen[g] then return false end
  seen[g] = true
  local h = redis.call('ZRANGE', p .. 'q:' .. g, 0, 0, 'WITHSCORES')
  return h[2] ~= nil and tonumber(h[2]) <= mine
end
if ahead(group) then return false end
for s in string.gmatch(info[3] or '', '[^,]+') do
  local g = string.match(s, '^([^:]+):')
  if g and ahead(g) then return false end
end
apply(p, aid, 'ringing', '', ARGV[6], cid, '~')
redis.call('HSET', p .. 'offers', cid, aid .. '|' .. group .. '|' .. score)
redis.call('ZADD', p .. 'deadlines', ARGV[7], 'ring|' .. aid .. '|' .. cid)
return { aid, info[2] or '0' }
`;

/** ARGV: prefix, agent, contact, now. */
const ACCEPT = `
local p, aid, cid = ARGV[1], ARGV[2], ARGV[3]
local ak = p .. 'agent:' .. aid
if redis.call('HGET', ak, 'state') ~= 'ringing' or redis.call('HGET', ak, 'contact') ~= cid then return 0 end
redis.call('HSET', ak, 'state', 'talking', 'reason', '', 'since', ARGV[4])
redis.call('HDEL', p .. 'offers', cid)
redis.call('ZREM', p .. 'deadlines', 'ring|' .. aid .. '|' .. cid)
return 1
`;

/** ARGV: prefix, agent, contact, requeue(1|0), state, reason, since, contact-after, slots|~. */
const RELEASE = `${LUA_HELPERS}
local p, aid, cid = ARGV[1], ARGV[2], ARGV[3]
local ak = p .. 'agent:' .. aid
if redis.call('HGET', ak, 'state') ~= 'ringing' or redis.call('HGET', ak, 'contact') ~= cid then return 0 end
local info = redis.call('HGET', p .. 'offers', cid)
redis.call('HDEL', p .. 'offers', cid)
redis.call('ZREM', p .. 'deadlines', 'ring|' .. aid .. '|' .. cid)
if ARGV[4] == '1' and info then
  local _, _, group, score = string.find(info, '^[^|]*|([^|]*)|(.*)$')
  redis.call('ZADD', p .. 'q:' .. group, score, cid)
end
apply(p, aid, ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9])
return 1
`;

/** ARGV: prefix, now, limit. */
const POP_DUE = `
local key = ARGV[1] .. 'deadlines'
local due = redis.call('ZRANGEBYSCORE', key, '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
if #due > 0 then redis.call('ZREM', key, unpack(due)) end
return due
`;

type ScriptedRedis = Redis & {
  acdTransition(...args: string[]): Promise<string[] | null>;
  acdClaim(...args: string[]): Promise<ClaimResult>;
  acdOfferNew(...args: string[]): Promise<[string, string] | null>;
  acdAccept(...args: string[]): Promise<number>;
  acdRelease(...args: string[]): Promise<number>;
  acdPopDue(...args: string[]): Promise<string[]>;
};

const encodeSlots = (slots: RoutingSlot[]) => slots.map((s) => `${s.group}:${s.tier}`).join(',');
function decodeSlots(raw: string | undefined | null): RoutingSlot[] {
  if (!raw) return [];
  return raw.split(',').map((pair) => {
    const [group, tier] = pair.split(':');
    return { group: group as SkillGroup, tier: Number(tier) };
  });
}

function presenceFrom(agentId: string, h: Record<string, string>): AgentPresence | null {
  if (!h.state) return null;
  return {
    agentId,
    state: h.state as AgentState,
    reason: (h.reason || null) as BreakReason | null,
    sinceMs: Number(h.since ?? 0),
    contactId: h.contact || null,
    slots: decodeSlots(h.slots),
  };
}

const changeArgs = (c: AgentStateChange) => [
  c.state,
  c.reason ?? '',
  String(c.sinceMs),
  c.contactId ?? '',
  c.slots ? encodeSlots(c.slots) : '~',
];

/** The ACD store for several server processes: one Redis, atomic Lua scripts. */
export function createRedisAcdStore(client: Redis, redisPrefix: string): AcdStore {
  const redis = client as ScriptedRedis;
  const p = `${redisPrefix}:acd:`;
  for (const [name, lua] of [
    ['acdTransition', TRANSITION],
    ['acdClaim', CLAIM],
    ['acdOfferNew', OFFER_NEW],
    ['acdAccept', ACCEPT],
    ['acdRelease', RELEASE],
    ['acdPopDue', POP_DUE],
  ] as const) {
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 0, lua });
  }

  return {
    async enqueue(entry) {
      await redis.zadd(`${p}q:${entry.group}`, 'NX', String(entry.score), entry.contactId);
    },
    async removeWaiting(contactId, group) {
      return (await redis.zrem(`${p}q:${group}`, contactId)) === 1;
    },
    async waitingHeads(groups, limit) {
      const pipeline = redis.pipeline();
      for (const group of groups) pipeline.zrange(`${p}q:${group}`, '0', String(limit - 1), 'WITHSCORES');
      const results = (await pipeline.exec()) ?? [];
      const entries: WaitingEntry[] = [];
      results.forEach(([error, value], i) => {
        if (error) throw error;
        const flat = value as string[];
        for (let j = 0; j < flat.length; j += 2) {
          entries.push({ contactId: flat[j]!, group: groups[i]!, score: Number(flat[j + 1]) });
        }
      });
      return entries;
    },
    async waitingCounts(groups) {
      const pipeline = redis.pipeline();
      for (const group of groups) pipeline.zcard(`${p}q:${group}`);
      const results = (await pipeline.exec()) ?? [];
      const counts = {} as Record<SkillGroup, number>;
      groups.forEach((group, i) => (counts[group] = Number(results[i]?.[1] ?? 0)));
      return counts;
    },
    async getAgent(agentId) {
      return presenceFrom(agentId, await redis.hgetall(`${p}agent:${agentId}`));
    },
    async listAgents() {
      const ids = await redis.smembers(`${p}agents`);
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(`${p}agent:${id}`);
      const results = (await pipeline.exec()) ?? [];
      return ids
        .map((id, i) => presenceFrom(id, (results[i]?.[1] ?? {}) as Record<string, string>))
        .filter((a): a is AgentPresence => a !== null);
    },
    async transitionAgent(agentId, from, change, expectContactId) {
      const prev = await redis.acdTransition(p, agentId, from.join(','), ...changeArgs(change), expectContactId ?? '');
      if (!prev) return null;
      const [state, reason, since, contact, slots] = prev;
      return presenceFrom(agentId, { state: state!, reason: reason!, since: since!, contact: contact!, slots: slots! });
    },
    async readyAgents(group, tier, limit) {
      return redis.zrange(`${p}ready:${group}:${tier}`, '0', String(limit - 1));
    },
    async claimOffer(c) {
      return redis.acdClaim(p, c.contactId, c.group, c.agentId, String(c.nowMs), String(c.ringDeadlineMs));
    },
    async offerNew(o) {
      const granted = await redis.acdOfferNew(
        p,
        o.entry.contactId,
        o.entry.group,
        String(o.entry.score),
        o.tiers.join(','),
        String(o.nowMs),
        String(o.ringDeadlineMs),
      );
      return granted ? { agentId: granted[0], idleSinceMs: Number(granted[1]) } : null;
    },
    async offerOf(contactId) {
      const info = await redis.hget(`${p}offers`, contactId);
      if (!info) return null;
      const [agentId, group, score] = info.split('|');
      return { agentId: agentId!, group: group as SkillGroup, score: Number(score) };
    },
    async acceptOffer(agentId, contactId, nowMs) {
      return (await redis.acdAccept(p, agentId, contactId, String(nowMs))) === 1;
    },
    async releaseOffer(agentId, contactId, requeue, next) {
      return (await redis.acdRelease(p, agentId, contactId, requeue ? '1' : '0', ...changeArgs(next))) === 1;
    },
    async scheduleDeadline(deadline, dueMs) {
      await redis.zadd(`${p}deadlines`, String(dueMs), deadlineMember(deadline));
    },
    async cancelDeadline(deadline) {
      await redis.zrem(`${p}deadlines`, deadlineMember(deadline));
    },
    async popDueDeadlines(nowMs, limit) {
      return (await redis.acdPopDue(p, String(nowMs), String(limit))).map(parseDeadline);
    },
    async clearForTests() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${p}*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
    async close() {},
  };
}
