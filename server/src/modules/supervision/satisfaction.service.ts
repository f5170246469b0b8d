import { sql } from 'drizzle-orm';
import type { DissatisfactionItem, RulingBody } from '@hotline/shared/contracts/supervision';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshContactInTransaction, refreshTicketInTransaction } from './metric-refresh.js';
import { checkRange, type SupervisionActor } from './supervision-scope.js';

/**
 * 满意度: the 不满意 queue (一事一评 from callbacks) and a lead's ruling that a dissatisfied rating is unreasonable
 * (不合理评价). A ruling commits together with its audit row and the refreshed figures of its ticket or call.
 */
export function createSatisfactionService({ db, clock }: { db: Db; clock: Clock }) {
  async function dissatisfiedQueue(
    actor: SupervisionActor,
    q: { from: string; to: string; departmentId?: string; limit?: number },
  ): Promise<DissatisfactionItem[]> {
    checkRange(q.from, q.to);
    let department = q.departmentId;
    if (isDepartmentRole(actor.role)) {
      if (department && department !== actor.departmentId) throw notFound('该单位不存在或无权查看');
      department = actor.departmentId ?? '00000000-0000-0000-0000-000000000000';
    }
    // The facts already say which unit each dissatisfied rating judges; the raw rows give the words.
    const rows = await db.execute<Record<string, unknown>>(sql`
      SELECT c.id AS callback_id, t.id AS ticket_id, t.number, t.title, d.name AS department_name, c.at, c.solved,
             c.comment,
             (SELECT r.content FROM ticket_replies r WHERE r.ticket_id = t.id AND r.created_at <= c.at
               ORDER BY r.created_at DESC LIMIT 1) AS unit_reply,
             -- The 判定 "not the unit's fault" shows as a ruling unless a lead ruled explicitly.
             coalesce(rr.unreasonable, CASE WHEN c.verdict = 'not_unit_fault' THEN true END) AS unreasonable,
             coalesce(rr.reason, CASE WHEN c.verdict = 'not_unit_fault' THEN c.verdict_reason END) AS ruling_reason,
             coalesce(rr.ruled_at, CASE WHEN c.verdict = 'not_unit_fault' THEN c.verdict_at END) AS ruled_at
      FROM metric_facts f
      JOIN ticket_callbacks c ON c.id = f.ref_id
      JOIN tickets t ON t.id = c.ticket_id
      LEFT JOIN departments d ON d.id = f.department_id
      LEFT JOIN rating_rulings rr ON rr.callback_id = c.id
      WHERE f.counter = 'dissatisfied' AND f.day BETWEEN ${q.from}::date AND ${q.to}::date
        ${department ? sql`AND f.department_id = ${department}` : sql``}
      ORDER BY c.at DESC LIMIT ${q.limit ?? 50}`);
    return rows.map((r) => ({
      callbackId: r.callback_id as string,
      ticketId: r.ticket_id as string,
      ticketNumber: r.number as string,
      title: r.title as string,
      departmentName: (r.department_name as string | null) ?? null,
      at: new Date(r.at as string).toISOString(),
      solved: r.solved === null ? null : Boolean(r.solved),
      callbackNote: (r.comment as string | null) ?? null,
      unitReply: (r.unit_reply as string | null) ?? null,
      ruling:
        r.unreasonable === null || r.unreasonable === undefined
          ? null
          : {
              unreasonable: Boolean(r.unreasonable),
              reason: r.ruling_reason as string,
              ruledAt: new Date(r.ruled_at as string).toISOString(),
            },
    }));
  }

  /** 认定: rule a dissatisfied callback rating (一事一评) reasonable or not; a second ruling replaces the first, audited. */
  async function ruleCallback(actor: SupervisionActor, callbackId: string, body: RulingBody) {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [callback] = await tx.execute<{ id: string; ticket_id: string; satisfaction: string | null }>(
        sql`SELECT id, ticket_id, satisfaction FROM ticket_callbacks WHERE id = ${callbackId} FOR UPDATE`,
      );
      if (!callback) throw notFound('回访记录不存在');
      if (callback.satisfaction !== 'dissatisfied') throw conflict('只有“不满意”评价可以认定为不合理评价');
      const [before] = await tx.execute<{ unreasonable: boolean; reason: string }>(
        sql`SELECT unreasonable, reason FROM rating_rulings WHERE callback_id = ${callbackId}`,
      );
      const [row] = await tx.execute<{ id: string }>(sql`
        INSERT INTO rating_rulings (callback_id, unreasonable, reason, ruled_by, ruled_at)
        VALUES (${callbackId}, ${body.unreasonable}, ${body.reason}, ${actor.userId}, ${now.toISOString()})
        ON CONFLICT (callback_id) WHERE callback_id IS NOT NULL DO UPDATE
          SET unreasonable = excluded.unreasonable, reason = excluded.reason, ruled_by = excluded.ruled_by,
              ruled_at = excluded.ruled_at
        RETURNING id`);
      await recordAudit(tx, actor, {
        action: 'rating.ruling',
        entityType: 'ticket_callback',
        entityId: callbackId,
        fromState: before ? (before.unreasonable ? 'unreasonable' : 'reasonable') : null,
        toState: body.unreasonable ? 'unreasonable' : 'reasonable',
        reason: body.reason,
        detail: { ticketId: callback.ticket_id, previousReason: before?.reason ?? null },
      });
      await refreshTicketInTransaction(tx, callback.ticket_id, now);
      return { id: row!.id, unreasonable: body.unreasonable };
    });
  }

  /** The same for a per-call rating (一次一评) of the phone survey. */
  async function ruleCallRating(actor: SupervisionActor, ratingId: string, body: RulingBody) {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [rating] = await tx.execute<{ id: string; contact_id: string; rating: number }>(
        sql`SELECT id, contact_id, rating FROM call_ratings WHERE id = ${ratingId} FOR UPDATE`,
      );
      if (!rating) throw notFound('通话评价不存在');
      if (Number(rating.rating) !== 3) throw conflict('只有“不满意”评价可以认定为不合理评价');
      const [row] = await tx.execute<{ id: string }>(sql`
        INSERT INTO rating_rulings (call_rating_id, unreasonable, reason, ruled_by, ruled_at)
        VALUES (${ratingId}, ${body.unreasonable}, ${body.reason}, ${actor.userId}, ${now.toISOString()})
        ON CONFLICT (call_rating_id) WHERE call_rating_id IS NOT NULL DO UPDATE
          SET unreasonable = excluded.unreasonable, reason = excluded.reason, ruled_by = excluded.ruled_by,
              ruled_at = excluded.ruled_at
        RETURNING id`);
      await recordAudit(tx, actor, {
        action: 'rating.ruling',
        entityType: 'call_rating',
        entityId: ratingId,
        toState: body.unreasonable ? 'unreasonable' : 'reasonable',
        reason: body.reason,
      });
      await refreshContactInTransaction(tx, rating.contact_id, now);
      return { id: row!.id, unreasonable: body.unreasonable };
    });
  }

  return { dissatisfiedQueue, ruleCallback, ruleCallRating };
}

export type SatisfactionService = ReturnType<typeof createSatisfactionService>;
