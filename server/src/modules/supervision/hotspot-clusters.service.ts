import { sql } from 'drizzle-orm';
import {
  bestWindow,
  clusterThreshold,
  TIME_CLUSTER_KINDS,
  TIME_CLUSTER_WIDTH,
  type TimeClusterKind,
} from '@hotline/shared/domain/hotspot-analysis';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import { addCalendarDays, toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import { TIME_CLUSTER_LIMITS } from '@hotline/shared/contracts/supervision';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { PROBLEM_KEY, problemLabels } from './problem-key.js';
import type { SupervisionActor } from './supervision-scope.js';

const SLOTS = (kind: TimeClusterKind, days: number) => (kind === 'hour' ? 24 : kind === 'weekday' ? 7 : days);

/**
 * 时间聚集: the same problem (matter or type × area) concentrated in a time of day, a weekday, or a few consecutive
 * days — more than the hotline's own rhythm explains. Each problem's tickets per slot are tested against every
 * ticket's distribution over the same slots (so the evening rush or a city-wide busy Monday is no cluster): the best
 * window's G statistic must pass χ²(1) at α = 0.001 Bonferroni-corrected over every window of every problem tried.
 * Ranked by G; leads and admins only.
 */
export function createTimeClusterService({ db, clock }: { db: Db; clock: Clock }) {
  async function clusters(actor: SupervisionActor, q: { days?: number }) {
    if (isDepartmentRole(actor.role)) throw notFound('资源不存在或无权查看');
    const days = q.days ?? TIME_CLUSTER_LIMITS.defaultDays;
    if (days < TIME_CLUSTER_LIMITS.minDays || days > TIME_CLUSTER_LIMITS.maxDays)
      throw badRequest(`统计天数须在${TIME_CLUSTER_LIMITS.minDays}到${TIME_CLUSTER_LIMITS.maxDays}天之间`);
    const to = toShanghaiDate(clock.now());
    const from = addCalendarDays(to, -(days - 1));
    const rows = await db.execute<{ key: string; h: number; dow: number; d: number; n: string }>(sql`
      SELECT ${PROBLEM_KEY} AS key,
             extract(hour FROM t.created_at AT TIME ZONE 'Asia/Shanghai')::int AS h,
             (extract(isodow FROM t.created_at AT TIME ZONE 'Asia/Shanghai')::int - 1) AS dow,
             (f.day - ${from}::date) AS d, count(*) AS n
      FROM metric_facts f JOIN tickets t ON t.id = f.ticket_id
      WHERE f.counter = 'received' AND f.day BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1, 2, 3, 4`);
    const blank = () => ({
      hour: new Array<number>(24).fill(0),
      weekday: new Array<number>(7).fill(0),
      dates: new Array<number>(days).fill(0),
    });
    const all = blank();
    const byKey = new Map<string, ReturnType<typeof blank>>();
    for (const r of rows) {
      const n = Number(r.n);
      const g = byKey.get(r.key) ?? blank();
      byKey.set(r.key, g);
      for (const target of [g, all]) {
        target.hour[r.h]! += n;
        target.weekday[r.dow]! += n;
        target.dates[r.d]! += n;
      }
    }
    // Every window of every problem tried counts as one test.
    const windowsPerProblem = TIME_CLUSTER_KINDS.reduce(
      (s, k) => s + (k === 'dates' ? Math.max(0, days - TIME_CLUSTER_WIDTH.dates + 1) : SLOTS(k, days)),
      0,
    );
    const threshold = clusterThreshold(byKey.size * windowsPerProblem);
    const hits: {
      key: string;
      kind: TimeClusterKind;
      start: number;
      width: number;
      observed: number;
      total: number;
      expected: number;
      g: number;
    }[] = [];
    for (const [key, g] of byKey) {
      for (const kind of TIME_CLUSTER_KINDS) {
        const hit = bestWindow(g[kind], all[kind], TIME_CLUSTER_WIDTH[kind], kind !== 'dates');
        if (hit && hit.g >= threshold) hits.push({ key, kind, ...hit });
      }
    }
    hits.sort((a, b) => b.g - a.g);
    const top = hits.slice(0, TIME_CLUSTER_LIMITS.listSize);
    const labels = await problemLabels(db, [...new Set(top.map((h) => h.key))]);
    return {
      from,
      to,
      problems: byKey.size,
      threshold: Math.round(threshold * 100) / 100,
      items: top.map((h) => ({
        key: h.key,
        label: labels.get(h.key) ?? h.key,
        kind: h.kind,
        start: h.start,
        width: h.width,
        /** For 'dates': the window's first and last day. */
        firstDay: h.kind === 'dates' ? addCalendarDays(from, h.start) : null,
        lastDay: h.kind === 'dates' ? addCalendarDays(from, h.start + h.width - 1) : null,
        observed: h.observed,
        total: h.total,
        expected: Math.round(h.expected * 100) / 100,
        g: Math.round(h.g * 100) / 100,
      })),
    };
  }
  return { clusters };
}
