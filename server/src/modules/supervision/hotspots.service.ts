import { sql } from 'drizzle-orm';
import {
  REPEAT_CALLER_LIMITS,
  SPIKE_RULES,
  type SpikeDimension,
  type SpikeRules,
} from '@hotline/shared/domain/hotspots';
import { maskPhone } from '@hotline/shared/domain/phone';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import { rooms } from '@hotline/shared/realtime/rooms';
import type { SpikeAlertPayload } from '@hotline/shared/realtime/supervision-events';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { recordAudit } from '../audit/audit.service.js';
import { createTimeClusterService } from './hotspot-clusters.service.js';
import { createTopicService } from './hotspot-topics.service.js';
import { createSpikeRulesService, loadSpikeRules } from './spike-rules.service.js';
import type { SupervisionActor } from './supervision-scope.js';

/** The alert rule: at least `minCount` tickets in the window and at least `factor` × the baseline. */
export function isSpike(count: number, baseline: number, rules: SpikeRules = SPIKE_RULES): boolean {
  return count >= rules.minCount && count >= rules.factor * baseline;
}

/** Names for matter ids and area keys (district department ids), as the rising-topics list shows them. */
async function labelsOf(db: DbOrTx, dim: SpikeDimension): Promise<Map<string, string>> {
  const names = await db.execute<{ id: string; name: string }>(
    dim === 'matter'
      ? sql`SELECT m.id::text AS id, coalesce(v.name, m.code) AS name FROM kb_matters m
            LEFT JOIN kb_matter_versions v ON v.id = m.published_version_id`
      : sql`SELECT id::text AS id, name FROM departments WHERE kind = 'district'`,
  );
  return new Map(names.map((n) => [n.id, n.name]));
}

/**
 * 热点: the 突增预警 detector (a job, every minute) and the repeat-callers list. Counts come from the `received`
 * metric facts (their matter and area) joined to the ticket's creation time, so the figures agree with the reports.
 */
export function createHotspotService({
  db,
  clock,
  realtime,
}: {
  db: Db;
  clock: Clock;
  realtime: Pick<Realtime, 'emitTo'> | null;
}) {
  /**
   * One pass at `now` under the admin's rules (`hotspot_settings`, default 15 minutes against the mean per 15
   * minutes of the 7 days before, ≥ 5 tickets and ≥ 3 × the baseline): per matter and per area. A key at ≥ minCount and ≥ factor × baseline gets one `hotspot_alerts` row per 15-minute
   * bucket (unique: several workers, or a pass every minute, alert once) and a `supervision:spike` event to the
   * leads' room after the commit.
   */
  async function detectSpikes(now = clock.now()): Promise<SpikeAlertPayload[]> {
    const rules = await loadSpikeRules(db);
    const windowMs = rules.windowMinutes * 60_000;
    const windowStart = new Date(now.getTime() - windowMs);
    const baselineStart = new Date(windowStart.getTime() - rules.baselineDays * 86_400_000);
    const windows = (rules.baselineDays * 86_400_000) / windowMs;
    const bucket = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const raised: SpikeAlertPayload[] = [];
    for (const dim of ['matter', 'area'] as const) {
      // Area 'unknown' (no district named in the address) is no place: never an alert.
      const column = dim === 'matter' ? sql`f.matter_id::text` : sql`nullif(f.area, 'unknown')`;
      const rows = await db.execute<{ key: string; current: string; before: string }>(sql`
        SELECT ${column} AS key,
               count(*) FILTER (WHERE t.created_at >= ${windowStart.toISOString()}) AS current,
               count(*) FILTER (WHERE t.created_at < ${windowStart.toISOString()}) AS before
        FROM metric_facts f JOIN tickets t ON t.id = f.ticket_id
        WHERE f.counter = 'received' AND ${column} IS NOT NULL
          AND f.day >= (${baselineStart.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
          AND t.created_at >= ${baselineStart.toISOString()} AND t.created_at < ${now.toISOString()}
        GROUP BY 1`);
      const hits = rows
        .map((r) => ({ key: r.key, count: Number(r.current), baseline: Number(r.before) / windows }))
        .filter((r) => isSpike(r.count, r.baseline, rules));
      if (hits.length === 0) continue;
      const labels = await labelsOf(db, dim);
      for (const hit of hits) {
        const label = labels.get(hit.key) ?? '未识别';
        const [row] = await db.execute<{ id: string }>(sql`
          INSERT INTO hotspot_alerts (dim, key, label, bucket, window_start, window_end, count, baseline, created_at)
          VALUES (${dim}, ${hit.key}, ${label}, ${bucket.toISOString()}, ${windowStart.toISOString()},
                  ${now.toISOString()}, ${hit.count}, ${hit.baseline}, ${now.toISOString()})
          ON CONFLICT (dim, key, bucket) DO NOTHING RETURNING id`);
        if (!row) continue;
        raised.push({
          id: row.id,
          dim,
          key: hit.key,
          label,
          count: hit.count,
          baseline: hit.baseline,
          windowStart: windowStart.toISOString(),
          windowEnd: now.toISOString(),
        });
      }
    }
    for (const alert of raised) realtime?.emitTo(rooms.role('lead'), 'supervision:spike', alert);
    return raised;
  }

  /** The alerts of the last `hours` (newest first) for the supervisor home's hot-spot card. */
  async function recentSpikes(actor: SupervisionActor, hours = 24) {
    if (isDepartmentRole(actor.role)) throw notFound('资源不存在或无权查看');
    const since = new Date(clock.now().getTime() - hours * 3_600_000);
    const rows = await db.execute<Record<string, unknown>>(sql`
      SELECT id, dim, key, label, count, baseline, window_start, window_end FROM hotspot_alerts
      WHERE created_at >= ${since.toISOString()} ORDER BY created_at DESC LIMIT 50`);
    return rows.map((r) => ({
      id: r.id as string,
      dim: r.dim as SpikeDimension,
      key: r.key as string,
      label: r.label as string,
      count: Number(r.count),
      baseline: Number(r.baseline),
      windowStart: new Date(r.window_start as string).toISOString(),
      windowEnd: new Date(r.window_end as string).toISOString(),
    }));
  }

  /**
   * 重复来电: numbers with at least `minimum` calls or tickets in the last `days` days — numbers masked, confidential
   * tickets (保密/举报) left out. Viewing the list is audited (it describes callers).
   */
  async function repeatCallers(actor: SupervisionActor, q: { days?: number; minimum?: number }) {
    if (isDepartmentRole(actor.role)) throw notFound('资源不存在或无权查看');
    const days = q.days ?? REPEAT_CALLER_LIMITS.defaultDays;
    const minimum = q.minimum ?? REPEAT_CALLER_LIMITS.defaultMinimum;
    if (days < 1 || days > REPEAT_CALLER_LIMITS.maxDays) {
      throw badRequest(`统计天数须在1到${REPEAT_CALLER_LIMITS.maxDays}天之间`);
    }
    const now = clock.now();
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    const rows = await db.execute<Record<string, unknown>>(sql`
      WITH calls AS (
        SELECT caller_number AS phone, count(*) AS n, max(enqueued_at) AS last_at FROM contacts
        WHERE enqueued_at >= ${since} AND enqueued_at <= ${now.toISOString()} AND caller_number IS NOT NULL
          AND caller_number <> ''
        GROUP BY 1),
      tks AS (
        SELECT caller_phone AS phone, count(*) AS n, max(created_at) AS last_at,
               (array_agg(number ORDER BY created_at DESC))[1:5] AS numbers
        FROM tickets
        WHERE created_at >= ${since} AND created_at <= ${now.toISOString()} AND NOT confidential
        GROUP BY 1)
      SELECT coalesce(c.phone, k.phone) AS phone, coalesce(c.n, 0) AS calls, coalesce(k.n, 0) AS tickets,
             greatest(c.last_at, k.last_at) AS last_at, k.numbers
      FROM calls c FULL JOIN tks k ON k.phone = c.phone
      WHERE coalesce(c.n, 0) >= ${minimum} OR coalesce(k.n, 0) >= ${minimum}
      ORDER BY coalesce(k.n, 0) + coalesce(c.n, 0) DESC, 4 DESC LIMIT 100`);
    await recordAudit(db, actor, {
      action: 'supervision.repeat_callers.view',
      entityType: 'supervision',
      entityId: 'repeat-callers',
      detail: { days, minimum, rows: rows.length },
    });
    return rows.map((r) => ({
      maskedPhone: maskPhone(r.phone as string) ?? '',
      calls: Number(r.calls),
      tickets: Number(r.tickets),
      lastAt: new Date(r.last_at as string).toISOString(),
      ticketNumbers: (r.numbers as string[] | null) ?? [],
    }));
  }

  return {
    detectSpikes,
    recentSpikes,
    repeatCallers,
    spikeRules: createSpikeRulesService({ db, clock }),
    topics: createTopicService({ db, clock }),
    clusters: createTimeClusterService({ db, clock }),
  };
}
export type HotspotService = ReturnType<typeof createHotspotService>;
