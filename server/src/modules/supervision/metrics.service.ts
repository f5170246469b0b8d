import { sql, type SQL } from 'drizzle-orm';
import {
  computeAllMetrics,
  denominatorCounters,
  METRICS,
  numeratorCounters,
  type CounterTotals,
  type MetricCounter,
  type MetricDimension,
  type MetricKey,
} from '@hotline/shared/domain/metrics';
import { CHANNEL_LABELS, TICKET_TYPE_LABELS } from '@hotline/shared/domain/ticket-types';
import type {
  DrillQuery,
  DrillResponse,
  MetricPeriod,
  MetricsQuery,
  MetricsResponse,
  TrendQuery,
  TrendResponse,
} from '@hotline/shared/contracts/supervision';
import type { Db } from '../../platform/db/client.js';
import { recordAudit } from '../audit/audit.service.js';
import { pgArray } from './pg-array.js';
import { rollupRows } from './rollup-range.js';
import { checkRange, scopeCut, type SupervisionActor } from './supervision-scope.js';

/** The fact column of each dimension (a drill-down filters facts by it). */
const FACT_COLUMN: Record<Exclude<MetricDimension, 'all'>, string> = {
  department: 'department_id',
  unit: 'unit_id',
  agent: 'agent_id',
  channel: 'channel',
  type: 'type',
  matter: 'matter_id',
  area: 'area',
};

function totalsFrom(rows: { counter: string; total: number | string }[]): CounterTotals {
  const totals: CounterTotals = {};
  for (const r of rows)
    totals[r.counter as MetricCounter] = (totals[r.counter as MetricCounter] ?? 0) + Number(r.total);
  return totals;
}

const roundRates = (m: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null ? null : Math.round(v * 1e6) / 1e6]));

/**
 * 指标查询: every figure is read from `metric_rollups` (per day × counter × dimension value) and computed with the
 * shared formulas; a drill-down lists the `metric_facts` rows behind it, so its total equals the figure.
 */
export function createMetricsService({ db }: { db: Db }) {
  async function labelsFor(dim: MetricDimension, keys: string[]): Promise<Map<string, string>> {
    const labels = new Map<string, string>();
    const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
    if (dim === 'all') labels.set('', '全市');
    if ((dim === 'department' || dim === 'unit' || dim === 'area') && ids.length) {
      const rows = await db.execute<{ id: string; name: string }>(
        sql`SELECT id, name FROM departments WHERE id = ANY(${pgArray(ids, 'uuid')})`,
      );
      for (const r of rows) labels.set(r.id, r.name);
      if (dim === 'area') labels.set('unknown', '未识别区域');
    }
    if (dim === 'agent' && ids.length) {
      const rows = await db.execute<{ id: string; name: string }>(
        sql`SELECT id, display_name AS name FROM users WHERE id = ANY(${pgArray(ids, 'uuid')})`,
      );
      for (const r of rows) labels.set(r.id, r.name);
    }
    if (dim === 'matter' && ids.length) {
      const rows = await db.execute<{ id: string; name: string }>(sql`
        SELECT m.id, coalesce(v.name, m.code) AS name FROM kb_matters m
        LEFT JOIN kb_matter_versions v ON v.id = m.published_version_id WHERE m.id = ANY(${pgArray(ids, 'uuid')})`);
      for (const r of rows) labels.set(r.id, r.name);
    }
    if (dim === 'channel')
      for (const k of keys)
        labels.set(k, k === 'phone' ? '电话' : ((CHANNEL_LABELS as Record<string, string>)[k] ?? '其他'));
    if (dim === 'type')
      for (const k of keys) labels.set(k, (TICKET_TYPE_LABELS as Record<string, string>)[k] ?? '其他');
    return labels;
  }

  async function figures(actor: SupervisionActor, q: MetricsQuery): Promise<MetricsResponse> {
    checkRange(q.from, q.to);
    const { dim, key } = scopeCut(actor, q.dim, q.key);
    const rows = await db.execute<{ key: string; counter: string; total: string }>(sql`
      SELECT key, counter, sum(total) AS total FROM (${rollupRows(dim, q.from, q.to, key)}) r
      GROUP BY key, counter`);
    const byKey = new Map<string, { counter: string; total: string }[]>();
    for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, []);
    if (dim === 'all' && !byKey.has('')) byKey.set('', []);
    const labels = await labelsFor(dim, [...byKey.keys()]);
    return {
      from: q.from,
      to: q.to,
      dim,
      rows: [...byKey.entries()].map(([k, list]) => {
        const counts = totalsFrom(list);
        return {
          key: k,
          label: labels.get(k) ?? '未知',
          counts: counts as Record<string, number>,
          metrics: roundRates(computeAllMetrics(counts)),
        };
      }),
    };
  }

  /**
   * A trend: one cut's counters per day, week or month. Days and weeks read `metric_rollups` by its
   * (dim, key, day, counter, total) index — an index-only scan, no heap pages; months read the monthly table.
   */
  async function trend(actor: SupervisionActor, q: TrendQuery): Promise<TrendResponse> {
    checkRange(q.from, q.to);
    const { dim, key } = scopeCut(actor, q.dim, q.key);
    const period: MetricPeriod = q.period ?? 'day';
    const cutKey = key ?? (dim === 'all' ? '' : '~none~');
    const rows =
      period === 'month'
        ? await db.execute<{ start: string; counter: string; total: string }>(sql`
            SELECT to_char(date_trunc('month', day), 'YYYY-MM-DD') AS start, counter, sum(total) AS total
            FROM (${rollupRows(dim, q.from, q.to, cutKey, true)}) r GROUP BY 1, 2 ORDER BY 1`)
        : await db.execute<{ start: string; counter: string; total: string }>(sql`
            SELECT to_char(${period === 'week' ? sql`date_trunc('week', day)` : sql`day`}, 'YYYY-MM-DD') AS start,
                   counter, sum(total) AS total
            FROM metric_rollups WHERE dim = ${dim} AND key = ${cutKey} AND day BETWEEN ${q.from}::date AND ${q.to}::date
            GROUP BY 1, 2 ORDER BY 1`);
    const byStart = new Map<string, CounterTotals>();
    for (const r of rows) {
      const counts = byStart.get(r.start) ?? {};
      counts[r.counter as MetricCounter] = (counts[r.counter as MetricCounter] ?? 0) + Number(r.total);
      byStart.set(r.start, counts);
    }
    return {
      period,
      points: [...byStart.entries()].map(([start, counts]) => ({
        start,
        counts: counts as Record<string, number>,
        metrics: roundRates(computeAllMetrics(counts)),
      })),
    };
  }

  /** The facts behind one side of a metric. Audited: a drill-down opens individual tickets and calls. */
  async function drill(actor: SupervisionActor, q: DrillQuery): Promise<DrillResponse> {
    checkRange(q.from, q.to);
    const { dim, key } = scopeCut(actor, q.dim, q.key);
    const metric = q.metric as MetricKey;
    const { include, exclude } =
      q.part === 'numerator'
        ? { include: numeratorCounters(metric), exclude: [] as MetricCounter[] }
        : denominatorCounters(metric);
    if (include.length === 0) return { metric, part: q.part, total: 0, items: [] };
    const cut: SQL =
      dim === 'all' ? sql`` : key !== undefined ? sql`AND f.${sql.raw(FACT_COLUMN[dim])} = ${key}` : sql`AND false`;
    const excluded: SQL = exclude.length
      ? sql`AND NOT EXISTS (SELECT 1 FROM metric_facts x WHERE x.source_kind = f.source_kind AND x.source_id = f.source_id
              AND x.counter = ANY(${pgArray(exclude, 'text')}) AND x.ref_id IS NOT DISTINCT FROM f.ref_id)`
      : sql``;
    const where = sql`f.counter = ANY(${pgArray(include, 'text')}) AND f.day BETWEEN ${q.from}::date AND ${q.to}::date
      ${cut} ${excluded}`;
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    const result = await db.transaction(async (tx) => {
      const [count] = await tx.execute<{ n: string }>(sql`SELECT count(*) AS n FROM metric_facts f WHERE ${where}`);
      const items = await tx.execute<Record<string, unknown>>(sql`
        SELECT f.counter, to_char(f.day, 'YYYY-MM-DD') AS day, f.value, f.ticket_id, t.number AS ticket_number,
               t.title, f.contact_id, f.ref_id, d.name AS department_name
        FROM metric_facts f
        LEFT JOIN tickets t ON t.id = f.ticket_id
        LEFT JOIN departments d ON d.id = f.department_id
        WHERE ${where}
        ORDER BY f.day, f.id LIMIT ${limit} OFFSET ${offset}`);
      await recordAudit(tx, actor, {
        action: 'supervision.drill',
        entityType: 'metric',
        entityId: metric,
        detail: { part: q.part, from: q.from, to: q.to, dim, key: key ?? null, returned: items.length },
      });
      return { total: Number(count?.n ?? 0), items };
    });
    return {
      metric,
      part: q.part,
      total: result.total,
      items: result.items.map((r) => ({
        counter: r.counter as MetricCounter,
        day: r.day as string,
        value: Number(r.value),
        ticketId: (r.ticket_id as string | null) ?? null,
        ticketNumber: (r.ticket_number as string | null) ?? null,
        title: (r.title as string | null) ?? null,
        contactId: (r.contact_id as string | null) ?? null,
        refId: (r.ref_id as string | null) ?? null,
        departmentName: (r.department_name as string | null) ?? null,
      })),
    };
  }

  return { figures, trend, drill, definitions: METRICS };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
