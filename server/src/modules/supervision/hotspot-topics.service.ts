import { sql } from 'drizzle-orm';
import {
  rankTopicCandidates,
  TOPIC_SIGNALS,
  type RankedTopic,
  type TopicCounts,
} from '@hotline/shared/domain/hotspot-analysis';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { monthRange } from './assessment.service.js';
import { pgArray } from './pg-array.js';
import { problemLabels as labelsOf, PROBLEM_KEY } from './problem-key.js';
import type { SupervisionActor } from './supervision-scope.js';

/** How many candidates the list shows (the ranking covers every problem of the month). */
const LIST_SIZE = 15;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface TopicCandidate extends RankedTopic<string> {
  label: string;
  sampleTickets: { ticketId: string; number: string; title: string }[];
  picked: boolean;
}

/**
 * 每月一题: every problem (matter or type × area) with tickets in the month, ranked by volume, repeat rate,
 * dissatisfaction, overdue rate and recurrence over the six months before (`rankTopicCandidates`: percentile ranks,
 * rates by their Wilson lower bound — no cut-off tuned to any data set), with the figures as evidence and a few
 * tickets to open. A lead picks one or more; the pick keeps the evidence as it stood. Leads and admins only.
 */
export function createTopicService({ db, clock }: { db: Db; clock: Clock }) {
  async function rank(tx: DbOrTx, month: string): Promise<{ ranked: RankedTopic<string>[]; groups: number }> {
    const { from, to } = monthRange(month);
    const sixBefore = monthRange(shiftMonth(month, -6)).from;
    const rows = await tx.execute<Record<string, string>>(sql`
      WITH month_facts AS (
        SELECT ${PROBLEM_KEY} AS key, f.counter, f.ticket_id FROM metric_facts f
        WHERE f.day BETWEEN ${from}::date AND ${to}::date
          AND f.counter IN ('received', 'rated', 'dissatisfied', 'dissatisfied_ruled_out', 'handling_due', 'overdue')),
      repeats AS (
        SELECT mf.key, count(*) AS n FROM (
          SELECT mf.key, count(*) OVER (PARTITION BY mf.key, t.caller_phone) AS same_caller
          FROM month_facts mf JOIN tickets t ON t.id = mf.ticket_id
          WHERE mf.counter = 'received' AND t.caller_phone <> '') mf
        WHERE mf.same_caller > 1 GROUP BY mf.key),
      history AS (
        SELECT ${PROBLEM_KEY} AS key, count(DISTINCT date_trunc('month', f.day)) AS months FROM metric_facts f
        WHERE f.counter = 'received' AND f.day >= ${sixBefore}::date AND f.day < ${from}::date
        GROUP BY 1)
      SELECT c.key,
             count(*) FILTER (WHERE c.counter = 'received') AS received,
             count(*) FILTER (WHERE c.counter = 'rated') AS rated,
             count(*) FILTER (WHERE c.counter = 'dissatisfied') - count(*) FILTER (WHERE c.counter = 'dissatisfied_ruled_out')
               AS dissatisfied,
             count(*) FILTER (WHERE c.counter = 'handling_due') AS handling_due,
             count(*) FILTER (WHERE c.counter = 'overdue') AS overdue,
             coalesce(max(r.n), 0) AS repeats, coalesce(max(h.months), 0) AS months
      FROM month_facts c LEFT JOIN repeats r ON r.key = c.key LEFT JOIN history h ON h.key = c.key
      GROUP BY c.key HAVING count(*) FILTER (WHERE c.counter = 'received') > 0`);
    const groups = rows.map((r) => ({
      key: r.key!,
      counts: {
        received: Number(r.received),
        repeatTickets: Number(r.repeats),
        rated: Number(r.rated),
        dissatisfied: Math.max(0, Number(r.dissatisfied)),
        handlingDue: Number(r.handling_due),
        overdue: Number(r.overdue),
        activeMonthsBefore: Number(r.months),
      } satisfies TopicCounts,
    }));
    return { ranked: rankTopicCandidates(groups), groups: groups.length };
  }

  async function samples(tx: DbOrTx, month: string, keys: string[]) {
    const { from, to } = monthRange(month);
    if (keys.length === 0) return new Map<string, TopicCandidate['sampleTickets']>();
    const rows = await tx.execute<{ key: string; ticket_id: string; number: string; title: string }>(sql`
      SELECT key, ticket_id, number, title FROM (
        SELECT ${PROBLEM_KEY} AS key, t.id AS ticket_id, t.number, t.title,
               row_number() OVER (PARTITION BY ${PROBLEM_KEY} ORDER BY t.created_at DESC) AS k
        FROM metric_facts f JOIN tickets t ON t.id = f.ticket_id
        WHERE f.counter = 'received' AND f.day BETWEEN ${from}::date AND ${to}::date AND NOT t.confidential) s
      WHERE k <= 5 AND key = ANY(${pgArray(keys, 'text')})`);
    const out = new Map<string, TopicCandidate['sampleTickets']>();
    for (const r of rows)
      out.set(r.key, [...(out.get(r.key) ?? []), { ticketId: r.ticket_id, number: r.number, title: r.title }]);
    return out;
  }

  async function candidates(actor: SupervisionActor, month: string) {
    if (isDepartmentRole(actor.role)) throw notFound('资源不存在或无权查看');
    monthRange(month);
    const { ranked, groups } = await rank(db, month);
    const top = ranked.slice(0, LIST_SIZE);
    const keys = top.map((c) => c.key);
    const [labels, sample, picked] = await Promise.all([
      labelsOf(db, keys),
      samples(db, month, keys),
      db.execute<{ topic_key: string }>(sql`SELECT topic_key FROM monthly_topics WHERE month = ${month}`),
    ]);
    const pickedKeys = new Set(picked.map((p) => p.topic_key));
    return {
      month,
      problems: groups,
      signals: [...TOPIC_SIGNALS],
      items: top.map((c) => ({
        ...c,
        label: labels.get(c.key) ?? c.key,
        sampleTickets: sample.get(c.key) ?? [],
        picked: pickedKeys.has(c.key),
      })),
    };
  }

  /** A lead picks a candidate as (one of) the month's topics; the evidence is kept as it stands now. Audited. */
  async function pick(actor: SupervisionActor, month: string, key: string, note: string | undefined) {
    monthRange(month);
    // The month's ranking and the label are read before the transaction: it holds only the insert and its audit row.
    const { ranked } = await rank(db, month);
    const found = ranked.find((c) => c.key === key);
    if (!found) throw notFound('该月没有这一问题的工单');
    const label = (await labelsOf(db, [key])).get(key) ?? key;
    return db.transaction(async (tx) => {
      const [row] = await tx.execute<{ id: string }>(sql`
        INSERT INTO monthly_topics (month, topic_key, label, note, evidence, picked_by, picked_at)
        VALUES (${month}, ${key}, ${label}, ${note ?? null}, ${JSON.stringify(found)}::jsonb, ${actor.userId},
                ${clock.now().toISOString()})
        ON CONFLICT (month, topic_key) DO NOTHING RETURNING id`);
      if (!row) throw conflict('该问题已选为本月一题');
      await recordAudit(tx, actor, {
        action: 'supervision.monthly_topic.pick',
        entityType: 'monthly_topic',
        entityId: row.id,
        reason: note ?? null,
        detail: { month, key, label, score: found.score },
      });
      return { id: row.id, month, key, label };
    });
  }

  /** The month's picked topics with the evidence kept at the pick. */
  async function picked(actor: SupervisionActor, month: string) {
    if (isDepartmentRole(actor.role)) throw notFound('资源不存在或无权查看');
    monthRange(month);
    const rows = await db.execute<Record<string, unknown>>(sql`
      SELECT t.id, t.topic_key, t.label, t.note, t.evidence, t.picked_at, u.display_name AS picked_by
      FROM monthly_topics t LEFT JOIN users u ON u.id = t.picked_by WHERE t.month = ${month} ORDER BY t.picked_at`);
    return rows.map((r) => ({
      id: r.id as string,
      key: r.topic_key as string,
      label: r.label as string,
      note: (r.note as string | null) ?? null,
      score: Number((r.evidence as { score?: number }).score ?? 0),
      pickedAt: new Date(r.picked_at as string).toISOString(),
      pickedBy: (r.picked_by as string | null) ?? null,
    }));
  }

  return { candidates, pick, picked };
}
export type TopicService = ReturnType<typeof createTopicService>;
