import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/**
 * 知识库维护 (KB upkeep) of one department in one month, for the assessment explain (the stale count is also scored,
 * see `staleMattersByDepartment`): its matters (the unit and, for a district, its streets), those past their 复核日期 at the
 * month's end (or today for the current month — `review_due_on` is the current value, so a past month reads the
 * matters as they stand now), the 知识缺口 closed that month by one of its matters, and the 一次告知单 sent that
 * month that cite one of its matters.
 */
export interface KbUpkeep {
  matters: number;
  staleMatters: number;
  gapsResolved: number;
  noticesSent: number;
}

export async function kbUpkeepOf(
  db: DbOrTx,
  departmentId: string,
  range: { from: string; to: string },
  today: string,
): Promise<KbUpkeep> {
  const asOf = range.to < today ? range.to : today;
  const [row] = await db.execute<Record<string, string>>(sql`
    WITH own AS (
      SELECT m.id FROM kb_matters m
      WHERE m.department_id IN (SELECT id FROM departments WHERE id = ${departmentId} OR parent_id = ${departmentId}))
    SELECT
      (SELECT count(*) FROM own) AS matters,
      (SELECT count(*) FROM kb_matters m JOIN own ON own.id = m.id WHERE m.review_due_on < ${asOf}::date)
        AS stale_matters,
      (SELECT count(*) FROM kb_gaps g JOIN own ON own.id = g.resolved_matter_id
        WHERE g.resolved_at >= (${range.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND g.resolved_at < ((${range.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) AS gaps_resolved,
      (SELECT count(*) FROM ticket_notices n
        WHERE n.created_at >= (${range.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND n.created_at < ((${range.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND (EXISTS (SELECT 1 FROM kb_matter_versions v JOIN own ON own.id = v.matter_id
                       WHERE v.id = n.matter_version_id)
               OR EXISTS (SELECT 1 FROM jsonb_array_elements(n.source_versions) e
                          JOIN own ON own.id::text = e->>'matterId'))) AS notices_sent`);
  return {
    matters: Number(row?.matters ?? 0),
    staleMatters: Number(row?.stale_matters ?? 0),
    gapsResolved: Number(row?.gaps_resolved ?? 0),
    noticesSent: Number(row?.notices_sent ?? 0),
  };
}

/**
 * 知识库维护 scored (deduction `kb_stale`): per department, its own matters past their 复核日期 at the month's end
 * (today for the current month). A district's streets are scored on their own rows, so only the unit's own matters
 * count here (the explain's `kbUpkeep` shows a district with its streets).
 */
export async function staleMattersByDepartment(
  db: DbOrTx,
  monthEnd: string,
  today: string,
): Promise<Map<string, number>> {
  const asOf = monthEnd < today ? monthEnd : today;
  const rows = await db.execute<{ department_id: string; n: string }>(sql`
    SELECT department_id, count(*) AS n FROM kb_matters WHERE review_due_on < ${asOf}::date GROUP BY 1`);
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}
