import { sql } from 'drizzle-orm';
import { KB_CORRECTION_GRACE_DAYS } from '@hotline/shared/domain/assessment';
import type { DbOrTx } from '../../platform/db/client.js';

/**
 * 知识库维护 (KB upkeep) of one department in one month, for the assessment explain (the stale count is also scored,
 * see `staleMattersByDepartment`): its matters (the unit and, for a district, its streets), those past their 复核日期 at the
 * month's end (or today for the current month — `review_due_on` is the current value, so a past month reads the
 * matters as they stand now), the 知识缺口 closed that month by one of its matters, and the 一次告知单 sent that
 * month that cite one of its matters; and its 纠错 (`kb_corrections`, counted against the unit that owned the matter
 * when the request was filed): requested in the month, made / rejected in the month, still open at the month's end
 * (now for the current month), and the mean hours from request to made of those made in the month.
 */
export interface KbUpkeep {
  matters: number;
  staleMatters: number;
  gapsResolved: number;
  noticesSent: number;
  correctionsRequested: number;
  correctionsMade: number;
  correctionsRejected: number;
  correctionsOpen: number;
  correctionHoursToFix: number | null;
}

export async function kbUpkeepOf(
  db: DbOrTx,
  departmentId: string,
  range: { from: string; to: string },
  today: string,
  now: Date,
): Promise<KbUpkeep> {
  const asOf = range.to < today ? range.to : today;
  const from = sql`(${range.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const end = sql`((${range.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const cut = sql`least(${end}, ${now.toISOString()}::timestamptz)`;
  const [row] = await db.execute<Record<string, string | null>>(sql`
    WITH units AS (SELECT id FROM departments WHERE id = ${departmentId} OR parent_id = ${departmentId}),
    own AS (SELECT m.id FROM kb_matters m WHERE m.department_id IN (SELECT id FROM units)),
    corr AS (SELECT * FROM kb_corrections WHERE department_id IN (SELECT id FROM units))
    SELECT
      (SELECT count(*) FROM corr WHERE requested_at >= ${from} AND requested_at < ${end}) AS corrections_requested,
      (SELECT count(*) FROM corr WHERE status = 'made' AND resolved_at >= ${from} AND resolved_at < ${end})
        AS corrections_made,
      (SELECT count(*) FROM corr WHERE status = 'rejected' AND resolved_at >= ${from} AND resolved_at < ${end})
        AS corrections_rejected,
      (SELECT count(*) FROM corr WHERE requested_at < ${cut} AND (resolved_at IS NULL OR resolved_at >= ${cut}))
        AS corrections_open,
      (SELECT round((avg(extract(epoch FROM resolved_at - requested_at)) / 3600)::numeric, 1) FROM corr
        WHERE status = 'made' AND resolved_at >= ${from} AND resolved_at < ${end}) AS correction_hours,
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
    correctionsRequested: Number(row?.corrections_requested ?? 0),
    correctionsMade: Number(row?.corrections_made ?? 0),
    correctionsRejected: Number(row?.corrections_rejected ?? 0),
    correctionsOpen: Number(row?.corrections_open ?? 0),
    correctionHoursToFix: row?.correction_hours == null ? null : Number(row.correction_hours),
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

/**
 * 纠错 scored (deduction `kb_correction`): per department, the requests against its matters (the owner when filed)
 * still open at `asOf` (the month's end, or now for the current month) that were filed more than
 * `KB_CORRECTION_GRACE_DAYS` before it. Reproducible for a past month: it reads the request and resolution times.
 */
export async function overdueCorrectionsByDepartment(db: DbOrTx, asOf: Date): Promise<Map<string, number>> {
  const at = asOf.toISOString();
  const rows = await db.execute<{ department_id: string; n: string }>(sql`
    SELECT department_id, count(*) AS n FROM kb_corrections
    WHERE requested_at < ${at}::timestamptz - make_interval(days => ${KB_CORRECTION_GRACE_DAYS})
      AND (resolved_at IS NULL OR resolved_at >= ${at}::timestamptz)
    GROUP BY 1`);
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}
