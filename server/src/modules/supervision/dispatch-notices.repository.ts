import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/**
 * The ONE place that reads tables another engineer adds in parallel (issue 9b): `chase_notices` (催办/通报 notices,
 * kind 'urge' | 'circular') and the callback verdict columns. Until they are merged the queries answer "none":
 * `to_regclass` tells whether the table exists. After the merge: drop the guard (see NOTES-i14.md).
 */
async function hasChaseNotices(db: DbOrTx): Promise<boolean> {
  const [row] = await db.execute<{ t: string | null }>(sql`SELECT to_regclass('public.chase_notices')::text AS t`);
  return Boolean(row?.t);
}

/** 通报 per department issued in [from, to) — a deduction of the assessment and the month's 通报 list. */
export async function circularCountsByDepartment(db: DbOrTx, from: Date, to: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!(await hasChaseNotices(db))) return out;
  const rows = await db.execute<{ department_id: string; n: string }>(sql`
    SELECT department_id, count(*) AS n FROM chase_notices
    WHERE kind = 'circular' AND issued_at >= ${from.toISOString()} AND issued_at < ${to.toISOString()}
    GROUP BY department_id`);
  for (const r of rows) out.set(r.department_id, Number(r.n));
  return out;
}

export interface CircularRow {
  id: string;
  number: string;
  ticketId: string;
  departmentId: string;
  text: string;
  issuedAt: string;
}

/** The 通报 list of a period, optionally for one unit. */
export async function listCirculars(db: DbOrTx, from: Date, to: Date, departmentId?: string): Promise<CircularRow[]> {
  if (!(await hasChaseNotices(db))) return [];
  const rows = await db.execute<Record<string, unknown>>(sql`
    SELECT id, number, ticket_id, department_id, text, issued_at FROM chase_notices
    WHERE kind = 'circular' AND issued_at >= ${from.toISOString()} AND issued_at < ${to.toISOString()}
      ${departmentId ? sql`AND department_id = ${departmentId}` : sql``}
    ORDER BY issued_at DESC LIMIT 500`);
  return rows.map((r) => ({
    id: String(r.id),
    number: String(r.number),
    ticketId: String(r.ticket_id),
    departmentId: String(r.department_id),
    text: String(r.text),
    issuedAt: new Date(r.issued_at as string).toISOString(),
  }));
}
