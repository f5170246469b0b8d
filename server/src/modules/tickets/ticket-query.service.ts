import { and, asc, desc, eq, gte, ilike, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { DUE_SOON_MS, isWorkQueue, type WorkQueue } from '@hotline/shared/domain/work-queues';
import { extendDue } from '@hotline/shared/domain/deadlines';
import type { WorkingCalendar } from '@hotline/shared/domain/working-calendar';
import {
  CONTACT_METHODS,
  REPLY_RESULTS,
  type ContactMethod,
  type ReplyResult,
} from '@hotline/shared/domain/reply-outcomes';
import type {
  ClockView,
  DuplicateQuery,
  ExtensionAllowance,
  PendingExtensionView,
  TicketDetail,
  TicketList,
  TicketListQuery,
  TicketSummary,
} from '@hotline/shared/contracts/tickets';
import { FINISHED_STATES } from '@hotline/shared/domain/ticket-states';
import type { ReturnReason } from '@hotline/shared/domain/ticket-types';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { auditLog } from '../audit/audit.table.js';
import { recordAudit } from '../audit/audit.service.js';
import { users } from '../auth/users.table.js';
import { departmentRefs } from '../departments/departments.repository.js';
import { departments } from '../departments/departments.table.js';
import { listCallbacks, listReplies, listRounds, pendingExtension } from '../dispatch/dispatch.repository.js';
import {
  dispatchRounds,
  extensionRequests,
  supervisionOrders,
  ticketCallbacks,
  ticketReplies,
} from '../dispatch/dispatch.table.js';
import { isDepartmentActor, type TicketActor } from './ticket-actor.js';
import { allowedActionsFor, callerFor, mayViewFullCaller, toSummary } from './ticket-views.js';
import { findTicket } from './tickets.repository.js';
import { ticketAttachments, tickets, type TicketRow } from './tickets.table.js';
import { escapeLike } from '../../platform/db/sql-text.js';

export interface TicketQueryDeps {
  db: Db;
  clock: Clock;
  /** The clocks domain's view of a ticket's clocks (createClockService(...).listTicketClocks). */
  listTicketClocks?: (db: DbOrTx, ticketId: string) => Promise<ClockView[]>;
  /** The working calendar in force (createClockService(...).workingCalendar), for the deadline an extension gives. */
  workingCalendar?: (db: DbOrTx) => Promise<WorkingCalendar>;
  /** 延期额度 (the dispatch domain's createExtensionService(...).allowance), read when the viewer may use it. */
  extensionAllowance?: (db: DbOrTx, ticket: TicketRow) => Promise<ExtensionAllowance>;
}

const fileView = (a: { id: string; fileName: string; mimeType: string; size: number }) => ({
  id: a.id,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
});
const isReplyResult = (v: string | null): v is ReplyResult => (REPLY_RESULTS as readonly (string | null)[]).includes(v);
const isContactMethod = (v: string | null): v is ContactMethod =>
  (CONTACT_METHODS as readonly (string | null)[]).includes(v);

function encodeCursor(row: TicketRow): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw badRequest('分页游标无效，请从第一页重新查询', 'invalid_cursor');
  }
}

/**
 * A unit's lists hold the tickets of which it is part of the current round (dispatched to it, also once finished).
 * A unit whose return was approved and the ticket re-dispatched elsewhere no longer lists it, but may still open it.
 */
const listedForUnit = (departmentId: string) =>
  sql`exists (select 1 from ${dispatchRounds} r where r.ticket_id = ${tickets.id} and r.department_id = ${departmentId} and r.round = ${tickets.currentRound})`;

const PHONE_QUERY = /^[0-9+-]{5,20}$/;

const QUEUES: Record<WorkQueue, () => SQL> = {
  /** 待派单: web enquiries, letters and approved returns waiting for a dispatcher. */
  pending_dispatch: () => eq(tickets.status, 'pending_dispatch'),
  return_review: () => eq(tickets.status, 'return_review'),
  extension_review: () =>
    sql`exists (select 1 from ${extensionRequests} e where e.ticket_id = ${tickets.id} and e.status = 'pending')`,
  reply_review: () => eq(tickets.status, 'replied'),
  awaiting_callback: () => eq(tickets.status, 'awaiting_callback'),
  /** 回访不满意判定: dissatisfied callbacks waiting for a lead's verdict (issue 9.12). */
  callback_verdict: () =>
    sql`exists (select 1 from ${ticketCallbacks} c where c.ticket_id = ${tickets.id} and c.satisfaction = 'dissatisfied' and c.verdict is null and c.unit_at_fault is null)`,
  supervised: () => and(eq(tickets.supervised, true), notInArray(tickets.status, [...FINISHED_STATES]))!,
  /** 待签发: a 重件's pending reply not yet signed off by the unit head (the same rule as `replyAwaitsHead`). */
  head_sign_off: () =>
    sql`${tickets.status} = 'replied' and 'major' = any(${tickets.categories}) and exists (select 1 from ${ticketReplies} p where p.ticket_id = ${tickets.id} and p.review = 'pending' and p.head_signed_off_at is null)`,
};

/**
 * The conditions of a list (the viewer's scope first: a unit sees the tickets of its current round only), without
 * paging. Null: the viewer can see nothing (a unit user without a unit). Also used by the export.
 */
export function listFilter(
  actor: TicketActor,
  query: Omit<TicketListQuery, 'cursor' | 'limit'>,
  now: Date,
): SQL[] | null {
  const where: SQL[] = [];
  if (isDepartmentActor(actor)) {
    if (!actor.departmentId) return null;
    where.push(listedForUnit(actor.departmentId));
  }
  if (query.status) where.push(eq(tickets.status, query.status));
  if (query.type) where.push(eq(tickets.type, query.type));
  if (query.departmentId) {
    where.push(
      sql`exists (select 1 from ${dispatchRounds} r where r.ticket_id = ${tickets.id} and r.department_id = ${query.departmentId} and r.active)`,
    );
  }
  if (query.overdue) {
    where.push(lt(tickets.dueAt, now), notInArray(tickets.status, [...FINISHED_STATES]));
  }
  if (query.dueSoon) {
    where.push(
      gte(tickets.dueAt, now),
      lt(tickets.dueAt, new Date(now.getTime() + DUE_SOON_MS)),
      notInArray(tickets.status, [...FINISHED_STATES]),
    );
  }
  if (query.queue) {
    // Own keys only: `?queue=constructor` must not reach Object.prototype.
    const queue = isWorkQueue(query.queue) ? QUEUES[query.queue] : undefined;
    if (!queue) throw badRequest(`未知的工作队列「${query.queue}」`, 'unknown_queue');
    where.push(queue());
  }
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    const matches = [eq(tickets.number, query.q), ilike(tickets.title, like), ilike(tickets.address, like)];
    // The hotline finds a caller's tickets by phone number; units never search by personal data.
    if (!isDepartmentActor(actor) && PHONE_QUERY.test(query.q)) matches.push(eq(tickets.callerPhone, query.q));
    where.push(or(...matches)!);
  }
  return where;
}

/** Reads: ticket lists with work queues, the ticket detail (audited when it shows personal data), duplicates. */
export function createTicketQueries(deps: TicketQueryDeps) {
  const { db, clock } = deps;

  async function listTickets(actor: TicketActor, query: TicketListQuery): Promise<TicketList> {
    const now = clock.now();
    const limit = query.limit ?? 50;
    const filter = listFilter(actor, query, now);
    if (filter === null) return { items: [], nextCursor: null, total: 0 };
    const where = [...filter];
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      where.push(
        or(lt(tickets.createdAt, c.createdAt), and(eq(tickets.createdAt, c.createdAt), lt(tickets.id, c.id)))!,
      );
    }
    const [rows, total] = await Promise.all([
      db
        .select()
        .from(tickets)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(limit + 1),
      // The count ignores the cursor: every page says how many the whole list holds (exact tab counts).
      countTickets(filter),
    ]);
    const page = rows.slice(0, limit);
    const refs = await departmentRefs(
      db,
      page.map((t) => t.leadDepartmentId),
    );
    return {
      items: page.map((t) =>
        toSummary(t, actor, t.leadDepartmentId ? (refs.get(t.leadDepartmentId) ?? null) : null, now),
      ),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
      total,
    };
  }

  async function countTickets(filter: SQL[]): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(filter.length ? and(...filter) : undefined);
    return row?.n ?? 0;
  }

  async function timeline(tx: DbOrTx, ticketId: string) {
    const rows = await tx
      .select({
        at: auditLog.at,
        action: auditLog.action,
        actorName: users.displayName,
        actorRole: auditLog.actorRole,
        fromState: auditLog.fromState,
        toState: auditLog.toState,
        reason: auditLog.reason,
        departmentName: departments.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(departments, sql`${departments.id}::text = ${auditLog.detail}->>'departmentId'`)
      .where(
        and(
          eq(auditLog.entityType, 'ticket'),
          eq(auditLog.entityId, ticketId),
          ne(auditLog.action, 'ticket.view_personal_data'),
        ),
      )
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    return rows.map((r) => ({
      at: r.at.toISOString(),
      action: r.action.replace(/^ticket\./, ''),
      actorName: r.actorName ?? null,
      actorRole: r.actorRole ?? null,
      departmentName: r.departmentName ?? null,
      fromState: r.fromState ?? null,
      toState: r.toState ?? null,
      note: r.reason ?? null,
    }));
  }

  /**
   * GET /api/tickets/:id. Department users get a 404 unless their unit has a round on the ticket. Hotline roles get
   * the caller in full, and each such view is written to the audit trail in the same transaction as the read.
   */
  async function getTicket(actor: TicketActor, ticketId: string): Promise<TicketDetail> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const ticket = await findTicket(tx, ticketId);
      if (!ticket) throw notFound('工单不存在或无权查看');
      const rounds = await listRounds(tx, ticket.id);
      if (isDepartmentActor(actor) && !rounds.some((r) => r.departmentId === actor.departmentId)) {
        throw notFound('工单不存在或无权查看');
      }
      const full = mayViewFullCaller(actor);
      if (full) {
        await recordAudit(tx, actor, {
          action: 'ticket.view_personal_data',
          entityType: 'ticket',
          entityId: ticket.id,
          detail: { number: ticket.number, confidential: ticket.confidential },
        });
      }
      const [replies, callbacks, supervisions, attachments, children, pendingExt, events] = await Promise.all([
        listReplies(tx, ticket.id),
        listCallbacks(tx, ticket.id),
        tx
          .select({ order: supervisionOrders, createdByName: users.displayName })
          .from(supervisionOrders)
          .leftJoin(users, eq(users.id, supervisionOrders.createdBy))
          .where(eq(supervisionOrders.ticketId, ticket.id))
          .orderBy(asc(supervisionOrders.createdAt)),
        tx
          .select({
            id: ticketAttachments.id,
            fileName: ticketAttachments.fileName,
            mimeType: ticketAttachments.mimeType,
            size: ticketAttachments.size,
            replyId: ticketAttachments.replyId,
            departmentId: ticketAttachments.departmentId,
          })
          .from(ticketAttachments)
          .where(eq(ticketAttachments.ticketId, ticket.id))
          .orderBy(asc(ticketAttachments.createdAt)),
        tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.parentTicketId, ticket.id)),
        pendingExtension(tx, ticket.id),
        timeline(tx, ticket.id),
      ]);
      const refs = await departmentRefs(tx, [ticket.leadDepartmentId, ...rounds.map((r) => r.departmentId)]);
      const clocks = deps.listTicketClocks ? await deps.listTicketClocks(tx, ticket.id) : [];
      const ownRound = actor.departmentId
        ? rounds.find((r) => r.active && r.departmentId === actor.departmentId)
        : undefined;
      const pendingReply = replies.find((r) => r.review === 'pending');
      const replyAwaitsHead = !!pendingReply && ticket.categories.includes('major') && !pendingReply.headSignedOffAt;
      const nameOf = (id: string) => refs.get(id)?.name ?? '';
      const caller = callerFor(ticket, actor, full);
      const allowed = allowedActionsFor(ticket, actor, {
        ownRound: ownRound
          ? {
              role: ownRound.role,
              signed: !!ownRound.signedAt,
              designated: ownRound.designated,
              returned: !!ownRound.returnedAt,
            }
          : null,
        pendingExtension: pendingExt !== null,
        replyAwaitsHead,
      });
      return {
        ...toSummary(
          ticket,
          actor,
          ticket.leadDepartmentId ? (refs.get(ticket.leadDepartmentId) ?? null) : null,
          now,
          caller,
        ),
        content: ticket.content,
        occurredAt: ticket.occurredAt?.toISOString() ?? null,
        matterId: ticket.matterId,
        parentTicketId: ticket.parentTicketId,
        childTicketIds: children.map((c) => c.id),
        answer: ticket.answer,
        legalRoute: ticket.legalRoute,
        transferLine: ticket.transferLine,
        letterDate: ticket.letterDate,
        // A scanned letter shows its writer: hidden from units exactly when the caller is (the download refuses too).
        attachments: caller.visibility === 'hidden' ? [] : attachments.filter((a) => !a.replyId).map(fileView),
        rounds: rounds.map((r) => ({
          id: r.id,
          round: r.round,
          department: { id: r.departmentId, name: nameOf(r.departmentId) },
          role: r.role,
          dispatchedAt: r.dispatchedAt.toISOString(),
          signedAt: r.signedAt?.toISOString() ?? null,
          returnedAt: r.returnedAt?.toISOString() ?? null,
          returnReason: (r.returnReason as ReturnReason | null) ?? null,
          returnBasis: r.returnBasis,
          returnReview: r.returnReview,
          repliedAt: r.repliedAt?.toISOString() ?? null,
        })),
        clocks,
        supervisions: supervisions.map(({ order, createdByName }) => ({
          id: order.id,
          level: order.level,
          instruction: order.instruction,
          dueAt: order.dueAt?.toISOString() ?? null,
          createdAt: order.createdAt.toISOString(),
          createdBy: createdByName ?? null,
        })),
        callbacks: callbacks.map((c) => ({
          id: c.id,
          at: c.at.toISOString(),
          reached: c.reached,
          satisfaction: c.satisfaction,
          solved: c.solved,
          unitAtFault: c.unitAtFault,
          comment: c.comment,
          call: c.call
            ? {
                outboundCallId: c.call.id,
                dialledAt: c.call.dialledAt.toISOString(),
                sipCallId: c.call.sipCallId,
              }
            : null,
        })),
        replies: replies.map((r) => ({
          id: r.id,
          at: r.createdAt.toISOString(),
          departmentName: nameOf(r.departmentId),
          content: r.content,
          review: r.review,
          result: isReplyResult(r.result) ? r.result : null,
          contactMethod: isContactMethod(r.contactMethod) ? r.contactMethod : null,
          // A reply's files go to the unit that replied and to the hotline (the download checks the same).
          attachments: attachments
            .filter((a) => a.replyId === r.id && (!isDepartmentActor(actor) || a.departmentId === actor.departmentId))
            .map(fileView),
        })),
        pendingExtension: pendingExt ? await extensionView(tx, pendingExt, rounds, nameOf) : null,
        extensionAllowance:
          deps.extensionAllowance && allowed.some((a) => a === 'extension' || a === 'extension-review')
            ? await deps.extensionAllowance(tx, ticket)
            : null,
        timeline: events,
        allowedActions: allowed,
      };
    });
  }

  /** 延期审核: what is asked, and the handling deadline an approval would give (working days from the current one). */
  async function extensionView(
    tx: DbOrTx,
    request: NonNullable<Awaited<ReturnType<typeof pendingExtension>>>,
    rounds: Awaited<ReturnType<typeof listRounds>>,
    nameOf: (id: string) => string,
  ): Promise<PendingExtensionView> {
    const round = rounds.find((r) => r.id === request.roundId);
    const currentDue = round?.handlingDueAt ?? null;
    const calendar = currentDue && deps.workingCalendar ? await deps.workingCalendar(tx) : null;
    return {
      days: request.days,
      reason: request.reason,
      legalBasis: request.legalBasis,
      requestedAt: request.requestedAt.toISOString(),
      departmentName: round ? nameOf(round.departmentId) : '',
      currentDueAt: currentDue?.toISOString() ?? null,
      newDueAt: currentDue && calendar ? extendDue(currentDue, request.days, calendar).toISOString() : null,
    };
  }

  /** 重复件提示: open tickets of the last N days with the same phone, the same address or the same matter. */
  async function findDuplicates(actor: TicketActor, query: DuplicateQuery): Promise<{ items: TicketSummary[] }> {
    const now = clock.now();
    const matches: SQL[] = [];
    if (query.phone) matches.push(eq(tickets.callerPhone, query.phone));
    if (query.address) matches.push(eq(tickets.address, query.address));
    if (query.matterId) matches.push(eq(tickets.matterId, query.matterId));
    if (matches.length === 0) return { items: [] };
    const since = new Date(now.getTime() - (query.days ?? 30) * 24 * 60 * 60 * 1000);
    const rows = await db
      .select()
      .from(tickets)
      .where(and(or(...matches), gte(tickets.createdAt, since), notInArray(tickets.status, [...FINISHED_STATES])))
      .orderBy(desc(tickets.createdAt))
      .limit(10);
    const refs = await departmentRefs(
      db,
      rows.map((t) => t.leadDepartmentId),
    );
    return {
      items: rows.map((t) =>
        toSummary(t, actor, t.leadDepartmentId ? (refs.get(t.leadDepartmentId) ?? null) : null, now),
      ),
    };
  }

  return { listTickets, getTicket, findDuplicates };
}
export type TicketQueries = ReturnType<typeof createTicketQueries>;
