import { sql } from 'drizzle-orm';
import { splitSms } from '@hotline/shared/domain/sms-split';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import { addCalendarDays, toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import type { Queues } from '../../platform/queue/queues.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertOutboxMessage } from '../notifications/notifications.repository.js';
import { enqueueSms } from '../notifications/sms-delivery.service.js';
import { insertBoardUrge, listCirculars, nextUrgeNumber } from './dispatch-notices.repository.js';
import type { SupervisionActor } from './supervision-scope.js';

const OPEN_STATES = sql`('awaiting_sign', 'in_progress', 'return_review', 'replied')`;
const DUE_SOON_MS = 24 * 3600 * 1000;
/** States in which a unit holds the ticket (the dispatch chase ladder's rule). */
const URGEABLE_STATES = ['awaiting_sign', 'in_progress', 'return_review', 'replied'];

/**
 * 督办看板: overdue and due-soon tickets by unit, open 督办单, 重办 tickets, 批示/media cases (督办单 at 重点/挂牌
 * level), the month's 通报 list; 催办 by SMS to the unit's liaison through the notifications queue; and the
 * rising topics (未诉先办) from the rollups. A department user sees their own unit only.
 */
export function createBoardService({
  db,
  clock,
  queues,
  smsProvider,
}: {
  db: Db;
  clock: Clock;
  queues: Queues;
  smsProvider: string;
}) {
  async function board(actor: SupervisionActor) {
    const now = clock.now();
    const dept = isDepartmentRole(actor.role) ? (actor.departmentId ?? '00000000-0000-0000-0000-000000000000') : null;
    const scope = dept ? sql`AND t.lead_department_id = ${dept}` : sql``;
    const byUnit = await db.execute<{ department_id: string; name: string; overdue: string; due_soon: string }>(sql`
      SELECT t.lead_department_id AS department_id, d.name,
             count(*) FILTER (WHERE t.due_at < ${now.toISOString()}) AS overdue,
             count(*) FILTER (WHERE t.due_at >= ${now.toISOString()} AND t.due_at < ${new Date(now.getTime() + DUE_SOON_MS).toISOString()}) AS due_soon
      FROM tickets t JOIN departments d ON d.id = t.lead_department_id
      WHERE t.status IN ${OPEN_STATES} AND t.due_at < ${new Date(now.getTime() + DUE_SOON_MS).toISOString()} ${scope}
      GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC LIMIT 200`);
    const orders = await db.execute<Record<string, unknown>>(sql`
      SELECT o.id, o.level, o.instruction, o.due_at, o.created_at, t.id AS ticket_id, t.number, t.title, d.name AS department_name
      FROM supervision_orders o JOIN tickets t ON t.id = o.ticket_id LEFT JOIN departments d ON d.id = t.lead_department_id
      WHERE t.status NOT IN ('closed', 'archived') ${scope}
      ORDER BY o.due_at NULLS LAST LIMIT 200`);
    const reopened = await db.execute<Record<string, unknown>>(sql`
      SELECT t.id AS ticket_id, t.number, t.title, d.name AS department_name, r.round, r.dispatched_at
      FROM dispatch_rounds r JOIN tickets t ON t.id = r.ticket_id JOIN departments d ON d.id = r.department_id
      WHERE r.reopened AND r.active AND r.role = 'lead' ${scope}
      ORDER BY r.dispatched_at DESC LIMIT 200`);
    const monthStart = `${toShanghaiDate(now).slice(0, 7)}-01`;
    const circulars = await listCirculars(db, new Date(`${monthStart}T00:00:00+08:00`), now, dept ?? undefined);
    const order = (r: Record<string, unknown>) => ({
      id: r.id as string,
      level: r.level as string,
      instruction: r.instruction as string,
      dueAt: r.due_at ? new Date(r.due_at as string).toISOString() : null,
      ticketId: r.ticket_id as string,
      ticketNumber: r.number as string,
      title: r.title as string,
      departmentName: (r.department_name as string | null) ?? null,
    });
    return {
      byUnit: byUnit.map((u) => ({
        departmentId: u.department_id,
        name: u.name,
        overdue: Number(u.overdue),
        dueSoon: Number(u.due_soon),
      })),
      orders: orders.map(order),
      instructed: orders.filter((o) => o.level === 'key' || o.level === 'listed').map(order),
      reopened: reopened.map((r) => ({
        ticketId: r.ticket_id as string,
        ticketNumber: r.number as string,
        title: r.title as string,
        departmentName: r.department_name as string,
        round: Number(r.round),
        dispatchedAt: new Date(r.dispatched_at as string).toISOString(),
      })),
      circulars,
    };
  }

  /**
   * 催办: a numbered 催办单 (`chase_notices`, kind 'urge', the dispatch module's CB- sequence) and an SMS to the lead
   * unit's liaison line through the notifications queue — notice, outbox row and audit in one transaction. Only a
   * ticket a unit still holds can be chased.
   */
  async function urge(actor: SupervisionActor, ticketId: string, text: string) {
    const now = clock.now();
    const done = await db.transaction(async (tx) => {
      const [t] = await tx.execute<{
        number: string;
        phone: string | null;
        department_id: string | null;
        department_name: string | null;
        status: string;
      }>(sql`
        SELECT t.number, d.liaison_phone AS phone, t.lead_department_id AS department_id,
               d.name AS department_name, t.status
        FROM tickets t LEFT JOIN departments d ON d.id = t.lead_department_id WHERE t.id = ${ticketId}
        FOR UPDATE OF t`);
      if (!t) throw notFound('工单不存在');
      if (!t.department_id) throw conflict('该工单尚未派单，无需催办');
      if (!URGEABLE_STATES.includes(t.status)) throw conflict('工单当前不在承办单位办理中，不能催办', 'not_with_unit');
      if (!t.phone) throw conflict('承办单位未登记联络电话，无法短信催办');
      const number = await nextUrgeNumber(tx, now);
      const body = `【12345催办】${number} 工单${t.number}：${text}`;
      const row = await insertOutboxMessage(tx, {
        noticeId: null,
        phone: t.phone,
        body,
        segments: splitSms(body),
        provider: smsProvider,
        createdAt: now,
      });
      const notice = await insertBoardUrge(tx, {
        number,
        ticketId,
        departmentId: t.department_id,
        text,
        recipients: [
          { role: 'liaison', name: `${t.department_name ?? ''}联络员`, phone: t.phone, smsOutboxId: row.id },
        ],
        issuedBy: actor.userId,
        now,
      });
      await recordAudit(tx, actor, {
        action: 'ticket.urge',
        entityType: 'ticket',
        entityId: ticketId,
        reason: text,
        detail: { departmentId: t.department_id, outboxId: row.id, noticeId: notice.id, number },
      });
      return { outboxId: row.id, noticeId: notice.id, number };
    });
    await enqueueSms(queues, done.outboxId);
    return done;
  }

  /** 热点: matters (or areas) rising this week against the weekly average of the four weeks before. */
  async function risingTopics(actor: SupervisionActor, dim: 'matter' | 'area') {
    if (isDepartmentRole(actor.role)) throw notFound('资源不存在或无权查看');
    const today = toShanghaiDate(clock.now());
    const weekStart = addCalendarDays(today, -6);
    const before = addCalendarDays(weekStart, -28);
    const rows = await db.execute<{ key: string; this_week: string; before: string }>(sql`
      SELECT key, sum(n) FILTER (WHERE day >= ${weekStart}::date) AS this_week,
             sum(n) FILTER (WHERE day < ${weekStart}::date) AS before
      FROM metric_rollups WHERE dim = ${dim} AND counter = 'received' AND day BETWEEN ${before}::date AND ${today}::date
      GROUP BY key`);
    const names = await db.execute<{ id: string; name: string }>(
      dim === 'matter'
        ? sql`SELECT m.id::text AS id, coalesce(v.name, m.code) AS name FROM kb_matters m
              LEFT JOIN kb_matter_versions v ON v.id = m.published_version_id`
        : sql`SELECT id::text AS id, name FROM departments WHERE kind = 'district'`,
    );
    const label = new Map(names.map((n) => [n.id, n.name]));
    return rows
      .map((r) => {
        const current = Number(r.this_week ?? 0);
        const average = Number(r.before ?? 0) / 4;
        return {
          key: r.key,
          label: label.get(r.key) ?? '未识别',
          thisWeek: current,
          weeklyAverage: average,
          growth: average === 0 ? null : current / average,
        };
      })
      .filter((r) => r.thisWeek > 0 && (r.growth === null || r.growth > 1))
      .sort((a, b) => b.thisWeek - b.weeklyAverage - (a.thisWeek - a.weeklyAverage))
      .slice(0, 20);
  }

  return { board, urge, risingTopics };
}

export type BoardService = ReturnType<typeof createBoardService>;
