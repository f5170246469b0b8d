import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { nextActNumber } from '../dispatch/act-numbers.js';
import { chaseNotices, type ChaseRecipient } from '../dispatch/chase.table.js';

/**
 * The ONE place supervision reads the dispatch module's formal acts: `chase_notices` (催办/通报 notices, kind
 * 'urge' | 'circular', issue 9b), and writes the 催办 a lead sends from the 督办 board — numbered by the dispatch
 * module's `nextActNumber` (CB-YYYYMMDD-NNNN), so the board's and the chase ladder's 催办 share one sequence.
 */
/** 通报 per department issued in [from, to) — a deduction of the assessment and the month's 通报 list. */
export async function circularCountsByDepartment(db: DbOrTx, from: Date, to: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>();
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

/** The next 催办单 number (CB-YYYYMMDD-NNNN) — taken inside the transaction that inserts the notice. */
export function nextUrgeNumber(tx: Tx, now: Date): Promise<string> {
  return nextActNumber(tx, 'urge', now);
}

/**
 * 催办 from the board: a numbered `chase_notices` row (kind 'urge') inside the caller's transaction, so the notice,
 * its SMS outbox row and the audit commit together.
 */
export async function insertBoardUrge(
  tx: Tx,
  input: {
    number: string;
    ticketId: string;
    departmentId: string;
    text: string;
    recipients: ChaseRecipient[];
    issuedBy: string;
    now: Date;
  },
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(chaseNotices)
    .values({
      number: input.number,
      kind: 'urge',
      ticketId: input.ticketId,
      departmentId: input.departmentId,
      text: input.text,
      recipients: input.recipients,
      issuedBy: input.issuedBy,
      issuedAt: input.now,
      clockId: null,
    })
    .returning({ id: chaseNotices.id });
  return { id: row!.id };
}
