import { sql } from 'drizzle-orm';
import {
  ASSESSMENT_TIERS,
  checkScheme,
  DEDUCTION_COUNTERS,
  DEFAULT_ASSESSMENT_SCHEME,
  rankWithinTier,
  scoreUnit,
  type AssessmentScheme,
  type AssessmentTier,
  type DeductionItem,
  type ScoreLine,
} from '@hotline/shared/domain/assessment';
import type { CounterTotals, MetricCounter } from '@hotline/shared/domain/metrics';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import { addCalendarDays, shanghaiStartOfDay, toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { circularCountsByDepartment } from './dispatch-notices.repository.js';
import { kbUpkeepOf, overdueCorrectionsByDepartment, staleMattersByDepartment } from './kb-upkeep.repository.js';
import { refreshTicketInTransaction } from './metric-refresh.js';
import { rollupRows } from './rollup-range.js';
import type { SupervisionActor } from './supervision-scope.js';

export interface LeagueRow {
  departmentId: string;
  name: string;
  tier: AssessmentTier;
  score: number | null;
  rank: number | null;
  tierSize: number;
  lines: ScoreLine[];
}
export interface League {
  month: string;
  status: 'open' | 'closed';
  schemeVersion: number;
  rows: LeagueRow[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthRange(month: string): { from: string; to: string; start: Date; end: Date } {
  const m = MONTH.exec(month);
  if (!m) throw badRequest('月份格式应为 YYYY-MM');
  const from = `${month}-01`;
  const next =
    Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
  return { from, to: addCalendarDays(next, -1), start: shanghaiStartOfDay(from), end: shanghaiStartOfDay(next) };
}

/** 考核: versioned schemes, monthly league tables per tier with line-by-line explanations, disputes, month close. */
export function createAssessmentService({ db, clock }: { db: Db; clock: Clock }) {
  async function currentScheme(tx: DbOrTx = db): Promise<{ version: number; scheme: AssessmentScheme }> {
    const [row] = await tx.execute<{ version: number; scheme: AssessmentScheme }>(
      sql`SELECT version, scheme FROM assessment_schemes ORDER BY version DESC LIMIT 1`,
    );
    return row
      ? { version: Number(row.version), scheme: row.scheme }
      : { version: 0, scheme: DEFAULT_ASSESSMENT_SCHEME };
  }

  async function saveScheme(actor: SupervisionActor, scheme: AssessmentScheme, note: string | undefined) {
    const problem = checkScheme(scheme);
    if (problem) throw badRequest(problem);
    return db.transaction(async (tx) => {
      const [row] = await tx.execute<{ version: number }>(sql`
        INSERT INTO assessment_schemes (scheme, note, created_by, created_at)
        VALUES (${JSON.stringify(scheme)}::jsonb, ${note ?? null}, ${actor.userId}, ${clock.now().toISOString()})
        RETURNING version`);
      await recordAudit(tx, actor, {
        action: 'assessment.scheme',
        entityType: 'assessment_scheme',
        entityId: String(row!.version),
        detail: { scheme, note: note ?? null },
      });
      return { version: Number(row!.version), scheme };
    });
  }

  async function monthRow(tx: DbOrTx, month: string) {
    const [row] = await tx.execute<{ status: 'open' | 'closed'; snapshot: League | null }>(
      sql`SELECT status, snapshot FROM assessment_months WHERE month = ${month}`,
    );
    return row ?? null;
  }

  /** Scores every active unit of the month from the rollups (dim department), the 通报 and the upheld disputes. */
  async function computeLeague(tx: DbOrTx, month: string): Promise<League> {
    const { from, to, start, end } = monthRange(month);
    const { version, scheme } = await currentScheme(tx);
    const units = await tx.execute<{ id: string; name: string; kind: AssessmentTier }>(
      sql`SELECT id, name, kind FROM departments WHERE active ORDER BY code`,
    );
    const rollups = await tx.execute<{ key: string; counter: string; total: string }>(sql`
      SELECT key, counter, sum(total) AS total FROM (${rollupRows('department', from, to)}) r GROUP BY key, counter`);
    const totals = new Map<string, CounterTotals>();
    for (const r of rollups) {
      const t = totals.get(r.key) ?? {};
      t[r.counter as MetricCounter] = Number(r.total);
      totals.set(r.key, t);
    }
    const circulars = await circularCountsByDepartment(tx, start, end);
    const staleMatters = await staleMattersByDepartment(tx, to, toShanghaiDate(clock.now()));
    const now = clock.now();
    const overdueCorrections = await overdueCorrectionsByDepartment(tx, end < now ? end : now);
    const upheld = await tx.execute<{ department_id: string; kind: string; n: string }>(sql`
      SELECT department_id, kind, count(*) AS n FROM assessment_disputes
      WHERE month = ${month} AND status = 'upheld' AND kind <> 'rating' GROUP BY 1, 2`);
    const exempt = new Map(upheld.map((u) => [`${u.department_id}:${u.kind}`, Number(u.n)]));
    const scored = units.map((u) => {
      const t = totals.get(u.id) ?? {};
      const count = (item: DeductionItem) =>
        item === 'circular'
          ? (circulars.get(u.id) ?? 0)
          : item === 'kb_stale'
            ? (staleMatters.get(u.id) ?? 0)
            : item === 'kb_correction'
              ? (overdueCorrections.get(u.id) ?? 0)
              : Math.max(0, (t[DEDUCTION_COUNTERS[item]] ?? 0) - (exempt.get(`${u.id}:${item}`) ?? 0));
      const deductions = {
        overdue: count('overdue'),
        improper_return: count('improper_return'),
        reopened: count('reopened'),
        circular: count('circular'),
        kb_stale: count('kb_stale'),
        kb_correction: count('kb_correction'),
      };
      const { score, lines } = scoreUnit(t, deductions, scheme);
      return { departmentId: u.id, name: u.name, tier: u.kind, score, lines };
    });
    const rows: LeagueRow[] = [];
    for (const tier of ASSESSMENT_TIERS) {
      const inTier = scored.filter((s) => s.tier === tier);
      for (const r of rankWithinTier(inTier)) rows.push({ ...r, tierSize: inTier.length });
    }
    return { month, status: 'open', schemeVersion: version, rows };
  }

  function scopeRows(actor: SupervisionActor, league: League): League {
    if (!isDepartmentRole(actor.role)) return league;
    return { ...league, rows: league.rows.filter((r) => r.departmentId === actor.departmentId) };
  }

  /** The month's league: frozen snapshot when closed, else live from the rollups. A unit sees its own row. */
  async function league(actor: SupervisionActor, month: string): Promise<League> {
    monthRange(month);
    const row = await monthRow(db, month);
    if (row?.status === 'closed' && row.snapshot) return scopeRows(actor, { ...row.snapshot, status: 'closed' });
    return scopeRows(actor, await computeLeague(db, month));
  }

  /** 明细: a unit's score line by line, with the tickets behind each deduction. */
  async function explain(actor: SupervisionActor, month: string, departmentId: string) {
    if (isDepartmentRole(actor.role) && actor.departmentId !== departmentId) throw notFound('该单位不存在或无权查看');
    const table = await league(actor, month);
    const unit = table.rows.find((r) => r.departmentId === departmentId);
    if (!unit) throw notFound('该单位不存在或无权查看');
    const { from, to } = monthRange(month);
    const counters = Object.values(DEDUCTION_COUNTERS) as string[];
    const items = await db.transaction(async (tx) => {
      const rows = await tx.execute<Record<string, unknown>>(sql`
        SELECT f.counter, to_char(f.day, 'YYYY-MM-DD') AS day, f.ticket_id, f.ref_id, t.number, t.title,
               d.status AS dispute_status
        FROM metric_facts f JOIN tickets t ON t.id = f.ticket_id
        LEFT JOIN assessment_disputes d ON d.ref_id = f.ref_id AND d.month = ${month} AND d.kind <> 'rating'
        WHERE f.department_id = ${departmentId} AND f.day BETWEEN ${from}::date AND ${to}::date
          AND f.counter = ANY(${`{${counters.join(',')}}`}::text[])
        ORDER BY f.counter, f.day LIMIT 2000`);
      await recordAudit(tx, actor, {
        action: 'assessment.explain',
        entityType: 'department',
        entityId: departmentId,
        detail: { month },
      });
      return {
        rows,
        kbUpkeep: await kbUpkeepOf(tx, departmentId, { from, to }, toShanghaiDate(clock.now()), clock.now()),
      };
    });
    const item = Object.fromEntries(Object.entries(DEDUCTION_COUNTERS).map(([k, v]) => [v, k]));
    return {
      ...unit,
      month,
      status: table.status,
      kbUpkeep: items.kbUpkeep,
      tickets: items.rows.map((r) => ({
        item: item[r.counter as string] as DeductionItem,
        day: r.day as string,
        ticketId: r.ticket_id as string,
        ticketNumber: r.number as string,
        title: r.title as string,
        refId: r.ref_id as string,
        dispute: (r.dispute_status as string | null) ?? null,
      })),
    };
  }

  async function closeMonth(actor: SupervisionActor, month: string) {
    monthRange(month);
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`assessment:${month}`}))`);
      const row = await monthRow(tx, month);
      if (row?.status === 'closed') throw conflict('该月考核已关账');
      const snapshot = await computeLeague(tx, month);
      const frozen = { ...snapshot, status: 'closed' as const };
      await tx.execute(sql`
        INSERT INTO assessment_months (month, status, scheme_version, snapshot, closed_at, closed_by)
        VALUES (${month}, 'closed', ${snapshot.schemeVersion}, ${JSON.stringify(frozen)}::jsonb,
                ${clock.now().toISOString()}, ${actor.userId})
        ON CONFLICT (month) DO UPDATE SET status = 'closed', scheme_version = excluded.scheme_version,
          snapshot = excluded.snapshot, closed_at = excluded.closed_at, closed_by = excluded.closed_by`);
      await recordAudit(tx, actor, {
        action: 'assessment.close',
        entityType: 'assessment_month',
        entityId: month,
        fromState: row?.status ?? 'open',
        toState: 'closed',
        detail: { schemeVersion: snapshot.schemeVersion, units: snapshot.rows.length },
      });
      return frozen;
    });
  }

  async function reopenMonth(actor: SupervisionActor, month: string, reason: string) {
    monthRange(month);
    return db.transaction(async (tx) => {
      const row = await monthRow(tx, month);
      if (row?.status !== 'closed') throw conflict('该月考核未关账，无需重开');
      await tx.execute(sql`
        UPDATE assessment_months SET status = 'open', snapshot = NULL, reopened_at = ${clock.now().toISOString()},
          reopened_by = ${actor.userId} WHERE month = ${month}`);
      await recordAudit(tx, actor, {
        action: 'assessment.reopen',
        entityType: 'assessment_month',
        entityId: month,
        fromState: 'closed',
        toState: 'open',
        reason,
      });
      return { month, status: 'open' as const };
    });
  }

  async function requireOpen(tx: DbOrTx, month: string) {
    if ((await monthRow(tx, month))?.status === 'closed') throw conflict('该月考核已关账，不能申诉或裁定');
  }

  /** 申诉: a unit contests one dissatisfied rating or one deduction of the month that counts against it. */
  async function fileDispute(
    actor: SupervisionActor,
    body: {
      month: string;
      kind: 'rating' | 'overdue' | 'improper_return' | 'reopened';
      refId: string;
      evidence: string;
    },
  ) {
    const { from, to } = monthRange(body.month);
    if (!actor.departmentId) throw notFound('该单位不存在或无权查看');
    const counter = body.kind === 'rating' ? 'dissatisfied' : DEDUCTION_COUNTERS[body.kind];
    return db.transaction(async (tx) => {
      await requireOpen(tx, body.month);
      const [fact] = await tx.execute<{ ticket_id: string }>(sql`
        SELECT ticket_id FROM metric_facts WHERE counter = ${counter} AND ref_id = ${body.refId}
          AND department_id = ${actor.departmentId} AND day BETWEEN ${from}::date AND ${to}::date LIMIT 1`);
      if (!fact) throw notFound('未找到本单位该月的此项记录');
      const [open] = await tx.execute<{ id: string }>(sql`
        SELECT id FROM assessment_disputes WHERE ref_id = ${body.refId} AND kind = ${body.kind} AND month = ${body.month}
          AND status <> 'rejected'`);
      if (open) throw conflict('该项已申诉，请等待裁定');
      const [row] = await tx.execute<{ id: string }>(sql`
        INSERT INTO assessment_disputes (month, department_id, kind, ref_id, ticket_id, evidence, status, filed_by, filed_at)
        VALUES (${body.month}, ${actor.departmentId}, ${body.kind}, ${body.refId}, ${fact.ticket_id}, ${body.evidence},
                'pending', ${actor.userId}, ${clock.now().toISOString()})
        RETURNING id`);
      await recordAudit(tx, actor, {
        action: 'assessment.dispute',
        entityType: 'assessment_dispute',
        entityId: row!.id,
        toState: 'pending',
        reason: body.evidence,
        detail: { month: body.month, kind: body.kind, refId: body.refId },
      });
      return { id: row!.id, status: 'pending' as const };
    });
  }

  /** 裁定: a lead upholds or rejects a dispute; an upheld rating dispute rules the rating unreasonable. */
  async function ruleDispute(actor: SupervisionActor, id: string, body: { upheld: boolean; note: string }) {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [d] = await tx.execute<{ month: string; kind: string; ref_id: string; ticket_id: string; status: string }>(
        sql`SELECT month, kind, ref_id, ticket_id, status FROM assessment_disputes WHERE id = ${id} FOR UPDATE`,
      );
      if (!d) throw notFound('申诉不存在');
      if (d.status !== 'pending') throw conflict('该申诉已裁定');
      await requireOpen(tx, d.month);
      const status = body.upheld ? 'upheld' : 'rejected';
      await tx.execute(sql`
        UPDATE assessment_disputes SET status = ${status}, ruled_by = ${actor.userId}, ruled_at = ${now.toISOString()},
          ruling_note = ${body.note} WHERE id = ${id}`);
      if (body.upheld && d.kind === 'rating') {
        await tx.execute(sql`
          INSERT INTO rating_rulings (callback_id, unreasonable, reason, ruled_by, ruled_at)
          VALUES (${d.ref_id}, true, ${`申诉成立：${body.note}`}, ${actor.userId}, ${now.toISOString()})
          ON CONFLICT (callback_id) DO UPDATE SET unreasonable = true, reason = excluded.reason,
            ruled_by = excluded.ruled_by, ruled_at = excluded.ruled_at`);
        await refreshTicketInTransaction(tx, d.ticket_id, now);
      }
      await recordAudit(tx, actor, {
        action: 'assessment.dispute_ruling',
        entityType: 'assessment_dispute',
        entityId: id,
        fromState: 'pending',
        toState: status,
        reason: body.note,
        detail: { kind: d.kind, refId: d.ref_id, month: d.month },
      });
      return { id, status };
    });
  }

  async function listDisputes(actor: SupervisionActor, month: string) {
    monthRange(month);
    const dept = isDepartmentRole(actor.role) ? (actor.departmentId ?? '00000000-0000-0000-0000-000000000000') : null;
    const rows = await db.execute<Record<string, unknown>>(sql`
      SELECT d.id, d.kind, d.ref_id, d.ticket_id, t.number, d.evidence, d.status, d.filed_at, d.ruling_note,
             dep.name AS department_name, d.department_id
      FROM assessment_disputes d JOIN departments dep ON dep.id = d.department_id
      LEFT JOIN tickets t ON t.id = d.ticket_id
      WHERE d.month = ${month} ${dept ? sql`AND d.department_id = ${dept}` : sql``}
      ORDER BY d.filed_at DESC LIMIT 500`);
    return rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as string,
      refId: r.ref_id as string,
      ticketNumber: (r.number as string | null) ?? null,
      departmentId: r.department_id as string,
      departmentName: r.department_name as string,
      evidence: r.evidence as string,
      status: r.status as string,
      filedAt: new Date(r.filed_at as string).toISOString(),
      rulingNote: (r.ruling_note as string | null) ?? null,
    }));
  }

  return {
    currentScheme,
    saveScheme,
    league,
    explain,
    closeMonth,
    reopenMonth,
    fileDispute,
    ruleDispute,
    listDisputes,
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
