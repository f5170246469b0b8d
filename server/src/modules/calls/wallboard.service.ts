import { sql } from 'drizzle-orm';
import type { QueueStats, WallboardContact, WallboardSnapshot } from '@hotline/shared/contracts/calls';
import { answeredWithin15sRate, averageSeconds } from '@hotline/shared/domain/metrics';
import { maskPhone } from '@hotline/shared/domain/phone';
import { SKILL_GROUPS, type SkillGroup } from '@hotline/shared/domain/routing-policy';
import { shanghaiStartOfDay, toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { CallsContext } from './calls-context.js';
import { displayNames } from './calls.repository.js';

const CONTACT_LIST_LIMIT = 200;

/**
 * 监控大屏: today's figures per queue (formulas from shared/domain/metrics), agents by state, the live contact
 * list and the half-hourly 15-second service level. Counts come from Postgres (the record), waiting and agent
 * states from the store (live).
 */
export function createWallboardService(ctx: CallsContext) {
  const { db, store, clock } = ctx;

  async function queueStats(now: Date, dayStart: Date): Promise<QueueStats[]> {
    const today = await db.execute<{
      skill_group: SkillGroup;
      offered: number;
      answered: number;
      abandoned: number;
      within15: number;
      wait_total: number;
      talk_total: number;
      talked: number;
    }>(sql`
      select skill_group::text as skill_group,
             count(*)::int as offered,
             count(answered_at)::int as answered,
             count(*) filter (where state = 'abandoned')::int as abandoned,
             count(*) filter (where answered_at is not null and wait_seconds <= 15)::int as within15,
             coalesce(sum(wait_seconds) filter (where answered_at is not null), 0)::int as wait_total,
             coalesce(sum(talk_seconds), 0)::int as talk_total,
             count(talk_seconds)::int as talked
      from contacts where enqueued_at >= ${dayStart.toISOString()}::timestamptz
      group by skill_group`);
    const oldest = await db.execute<{ skill_group: SkillGroup; oldest: string | Date }>(sql`
      select skill_group::text as skill_group, min(enqueued_at) as oldest
      from contacts where state = 'queued' group by skill_group`);
    const waiting = await store.waitingCounts(SKILL_GROUPS);
    const byGroup = new Map([...today].map((r) => [r.skill_group, r]));
    const oldestByGroup = new Map([...oldest].map((r) => [r.skill_group, new Date(r.oldest).getTime()]));
    return SKILL_GROUPS.map((group) => {
      const r = byGroup.get(group);
      const oldestMs = oldestByGroup.get(group);
      const answered = r?.answered ?? 0;
      return {
        skillGroup: group,
        waiting: waiting[group] ?? 0,
        longestWaitSeconds: oldestMs ? Math.max(0, Math.round((now.getTime() - oldestMs) / 1000)) : 0,
        offered: r?.offered ?? 0,
        answered,
        abandoned: r?.abandoned ?? 0,
        answeredWithin15sRate: answeredWithin15sRate({ answeredWithin15s: r?.within15 ?? 0, answered }),
        averageWaitSeconds: averageSeconds(r?.wait_total ?? 0, answered),
        averageTalkSeconds: averageSeconds(r?.talk_total ?? 0, r?.talked ?? 0),
      };
    });
  }

  async function serviceLevelTrend(dayStart: Date) {
    const rows = await db.execute<{ bucket: string | Date; answered: number; within15: number }>(sql`
      select to_timestamp(floor(extract(epoch from answered_at) / 1800) * 1800) as bucket,
             count(*)::int as answered,
             count(*) filter (where wait_seconds <= 15)::int as within15
      from contacts where answered_at >= ${dayStart.toISOString()}::timestamptz
      group by 1 order by 1`);
    return [...rows].map((r) => ({
      at: new Date(r.bucket).toISOString(),
      answered: r.answered,
      rate: answeredWithin15sRate({ answeredWithin15s: r.within15, answered: r.answered }),
    }));
  }

  async function liveContacts(now: Date): Promise<WallboardContact[]> {
    const rows = await db.execute<{
      id: string;
      channel: WallboardContact['channel'];
      caller_number: string | null;
      priority: WallboardContact['priority'];
      skill_group: SkillGroup;
      state: WallboardContact['state'];
      agent_id: string | null;
      enqueued_at: string | Date;
    }>(sql`
      select id, channel::text as channel, caller_number, priority::text as priority, skill_group::text as skill_group,
             state::text as state, agent_id, enqueued_at
      from contacts where state in ('queued', 'offered', 'connected')
      -- contact_priority is declared in PRIORITY_CLASSES order, most urgent first; qualified, because the bare name
      -- would sort by the text alias of the select list.
      order by contacts.priority, enqueued_at
      limit ${CONTACT_LIST_LIMIT}`);
    const names = await displayNames(db, [
      ...new Set([...rows].map((r) => r.agent_id).filter((id): id is string => !!id)),
    ]);
    return [...rows].map((r) => {
      const enqueuedAt = new Date(r.enqueued_at);
      return {
        contactId: r.id,
        channel: r.channel,
        callerNumberMasked: maskPhone(r.caller_number),
        priority: r.priority,
        skillGroup: r.skill_group,
        state: r.state,
        agentId: r.agent_id,
        agentName: r.agent_id ? (names.get(r.agent_id) ?? null) : null,
        enqueuedAt: enqueuedAt.toISOString(),
        waitingSeconds: Math.max(0, Math.round((now.getTime() - enqueuedAt.getTime()) / 1000)),
      };
    });
  }

  async function agentsByState(now: Date) {
    const agents = (await store.listAgents()).filter((a) => a.state !== 'offline');
    const names = await displayNames(
      db,
      agents.map((a) => a.agentId),
    );
    return agents
      .map((a) => ({
        agentId: a.agentId,
        displayName: names.get(a.agentId) ?? a.agentId,
        state: a.state,
        reason: a.reason,
        secondsInState: Math.max(0, Math.round((now.getTime() - a.sinceMs) / 1000)),
      }))
      .sort((a, b) => a.state.localeCompare(b.state) || b.secondsInState - a.secondsInState);
  }

  async function snapshot(): Promise<WallboardSnapshot> {
    const now = clock.now();
    const dayStart = shanghaiStartOfDay(toShanghaiDate(now));
    const [queues, agents, contacts, serviceLevelTrend_] = await Promise.all([
      queueStats(now, dayStart),
      agentsByState(now),
      liveContacts(now),
      serviceLevelTrend(dayStart),
    ]);
    return { at: now.toISOString(), queues, agents, contacts, serviceLevelTrend: serviceLevelTrend_ };
  }

  return { snapshot };
}

export type WallboardService = ReturnType<typeof createWallboardService>;
