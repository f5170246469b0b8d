import { createHash } from 'node:crypto';
import { toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import { eq } from 'drizzle-orm';
import type { IntakeBody, IntakeResponse } from '@hotline/shared/contracts/tickets';
import { isFinished } from '@hotline/shared/domain/ticket-states';
import { isAlwaysConfidential, type IntakeOutcome, type TicketState } from '@hotline/shared/domain/ticket-types';
import type postgres from 'postgres';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { badRequest, conflict, unprocessable } from '../../platform/http/errors.js';
import type { Queues } from '../../platform/queue/queues.js';
import { recordGap } from '../knowledge/curation.service.js';
import { attachNoticeInTransaction, queueNoticeSms } from '../knowledge/notices.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireTransition, type TicketActionDeps } from './ticket-action.js';
import type { TicketActor } from './ticket-actor.js';
import { publishTicketChanged } from './ticket-events.js';
import type { TicketNumberer } from './ticket-numbers.js';
import { insertTicketInOneStatement } from './ticket-intake.statement.js';
import { ticketIdempotencyKeys, tickets } from './tickets.table.js';
import { findTicket } from './tickets.repository.js';

const DECISION_TO_OUTCOME: Record<NonNullable<IntakeBody['decision']>, IntakeOutcome> = {
  dispatch: 'send_to_dispatch',
  answered: 'answer',
  rejected: 'reject',
  transferred: 'transfer',
  merged: 'merge',
};

export interface IntakeOptions {
  idempotencyKey?: string | null;
  /** Public web form: SHA-256 of the query code handed to the citizen. */
  queryCodeHash?: string | null;
}

export interface IntakeResult {
  ticket: IntakeResponse;
  /** True when an earlier request with the same Idempotency-Key created the ticket. */
  replayed: boolean;
}

export const ONCE_NOTICE_AT_ANSWER =
  '咨询件直接答复须同时向诉求人给出一次告知单；如知识库中没有对应事项，请标记“无匹配事项”';

/** Fields each intake outcome needs: checked before any row is written. */
function checkDecisionFields(body: IntakeBody, now: Date): void {
  const decision = body.decision ?? 'dispatch';
  if (decision === 'answered' && !body.answer) throw badRequest('直接答复须填写答复内容（answer）');
  if (body.onceNotice && body.noMatchingMatter) throw badRequest('一次告知单和“无匹配事项”只能选择其一');
  // 一次告知 (issue 9.13): a consultation answered on the spot carries its notice, or the agent's 无匹配事项 mark.
  if (decision === 'answered' && body.type === 'consultation' && !body.onceNotice && body.noMatchingMatter !== true) {
    throw unprocessable(ONCE_NOTICE_AT_ANSWER, 'once_notice_required');
  }
  if (decision === 'rejected' && !body.legalRoute) throw badRequest('不予受理须告知诉求人依法处理的途径（legalRoute）');
  if (decision === 'transferred' && !body.transferLine) throw badRequest('转接应急热线须选择转接线路（transferLine）');
  if (decision === 'merged' && !body.parentTicketId) throw badRequest('并单须指定主工单（parentTicketId）');
  if (body.channel === 'letter' && !body.letterDate) throw badRequest('信件受理须填写来信日期（letterDate）');
  // Dates are calendar days in Asia/Shanghai: a letter dated "tomorrow" there is a keying mistake.
  if (body.letterDate && body.letterDate > toShanghaiDate(now)) throw badRequest('来信日期不能晚于今天');
}

export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function deriveTitle(content: string): string {
  const firstLine = content.trim().split(/\r?\n/)[0] ?? '';
  const chars = [...firstLine];
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : firstLine || '（无标题）';
}

async function checkParent(tx: Tx, parentTicketId: string): Promise<void> {
  const parent = await findTicket(tx, parentTicketId);
  if (!parent) throw badRequest('主工单不存在');
  if (parent.status === 'merged' || isFinished(parent.status)) {
    throw conflict('主工单已办结或已并单，不能并入', 'parent_not_open');
  }
}

/**
 * 受理: creates a ticket in one transaction with its audit row. With an Idempotency-Key the key row is inserted
 * first (ON CONFLICT DO NOTHING on its primary key): concurrent retries wait on that key until the first request
 * commits, then find its ticket and return it — so 200 retries of one key still make exactly one ticket.
 */
export function createTicketIntake(
  deps: TicketActionDeps & {
    numberer: TicketNumberer;
    /** The raw postgres.js client: intake runs as one prepared statement (see ticket-intake.statement.ts). */
    sql?: postgres.Sql;
    /** For a 一次告知单 given at intake: its link, SMS provider and queue. */
    notices?: { publicBaseUrl: string; smsProviderName: string; queues: Queues | null };
  },
) {
  const { db, clock, realtime, numberer, sql } = deps;

  async function replay(tx: DbOrTx, key: string, fingerprint: string, actor: TicketActor): Promise<IntakeResult> {
    const [existing] = await tx.select().from(ticketIdempotencyKeys).where(eq(ticketIdempotencyKeys.key, key));
    if (!existing) throw conflict('幂等键正在使用中，请稍后重试', 'idempotency_in_progress');
    if (existing.requestHash !== fingerprint || (existing.userId ?? null) !== (actor.userId ?? null)) {
      throw conflict('该幂等键（Idempotency-Key）已用于另一次受理，请更换', 'idempotency_key_reused');
    }
    const ticket = await findTicket(tx, existing.ticketId);
    if (!ticket) throw conflict('幂等键正在使用中，请稍后重试', 'idempotency_in_progress');
    return { ticket: { id: ticket.id, number: ticket.number, status: ticket.status }, replayed: true };
  }

  async function createTicket(
    actor: TicketActor,
    body: IntakeBody,
    options: IntakeOptions = {},
  ): Promise<IntakeResult> {
    const now = clock.now();
    checkDecisionFields(body, now);
    const decision = body.decision ?? 'dispatch';
    const status: TicketState = requireTransition('intake', DECISION_TO_OUTCOME[decision]);
    const key = options.idempotencyKey ?? null;
    const fingerprint = key ? requestFingerprint(body) : '';
    const id = crypto.randomUUID();
    const values = {
      id,
      status,
      channel: body.channel,
      type: body.type,
      urgency: body.urgency,
      categories: body.categories ?? [],
      title: body.title ?? deriveTitle(body.content),
      content: body.content,
      address: body.address,
      callerName: body.caller.name,
      callerPhone: body.caller.phone,
      greenChannel: body.caller.greenChannel ?? false,
      // Every 举报 is confidential: whistle-blowers' identities must never reach the unit reported on.
      confidential: isAlwaysConfidential(body.type) || body.confidential === true,
      occurredAt: body.occurredAt ? new Date(body.occurredAt) : null,
      matterId: body.matterId ?? null,
      parentTicketId: decision === 'merged' ? body.parentTicketId! : null,
      answer: decision === 'answered' ? body.answer! : null,
      legalRoute: decision === 'rejected' ? body.legalRoute! : null,
      transferLine: decision === 'transferred' ? body.transferLine! : null,
      callId: body.callId ?? null,
      letterDate: body.letterDate ?? null,
      queryCodeHash: options.queryCodeHash ?? null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    const audit = {
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: id,
      fromState: 'intake',
      toState: status,
      reason: decision === 'rejected' ? body.legalRoute! : null,
      detail: {
        channel: body.channel,
        type: body.type,
        urgency: body.urgency,
        decision,
        transferLine: body.transferLine ?? null,
      },
    };

    const withKnowledge = decision === 'answered' && (!!body.onceNotice || body.noMatchingMatter === true);
    let sms: { outboxId: string; noticeId: string } | null = null;
    let result: IntakeResult;
    if (decision !== 'merged' && !withKnowledge && sql) {
      const numbering = await numberer.dayNumbering(db, now);
      const row = await insertTicketInOneStatement(sql, {
        ticket: values,
        numberPrefix: numbering.prefix,
        numberBase: numbering.base,
        idempotency: key ? { key, requestHash: fingerprint } : null,
        actor,
        audit,
      });
      result = row ? { ticket: row, replayed: false } : await replay(db, key!, fingerprint, actor);
    } else {
      const number = await numberer.numberExpression(db, now);
      result = await db.transaction(async (tx): Promise<IntakeResult> => {
        if (key) {
          const inserted = await tx
            .insert(ticketIdempotencyKeys)
            .values({ key, ticketId: id, requestHash: fingerprint, userId: actor.userId, createdAt: now })
            .onConflictDoNothing()
            .returning({ key: ticketIdempotencyKeys.key });
          if (inserted.length === 0) return replay(tx, key, fingerprint, actor);
        }
        if (decision === 'merged') await checkParent(tx, body.parentTicketId!);
        const [row] = await tx
          .insert(tickets)
          .values({ ...values, number })
          .returning({ id: tickets.id, number: tickets.number, status: tickets.status });
        await recordAudit(tx, actor, audit);
        if (withKnowledge) sms = await giveOnceNotice(tx, actor, body, id, now);
        if (decision === 'merged') {
          await recordAudit(tx, actor, {
            action: 'ticket.merge_child',
            entityType: 'ticket',
            entityId: body.parentTicketId!,
            detail: { childTicketId: id, childNumber: row!.number },
          });
        }
        return { ticket: row!, replayed: false };
      });
    }

    // 一次告知 in the same step as the answer: the ticket and its notice are committed; the SMS goes through the
    // outbox and BullMQ's retries, and a queue that refuses it marks the notice failed (never a lost ticket).
    if (sms) await queueNoticeSms(db, deps.notices?.queues ?? null, sms);
    if (!result.replayed) {
      publishTicketChanged(realtime, {
        id: result.ticket.id,
        number: result.ticket.number,
        status: result.ticket.status,
        action: 'create',
        departmentIds: [],
        at: now.toISOString(),
      });
    }
    return result;
  }

  /** The notice (or the 无匹配事项 mark) of an on-the-spot answer, in the intake transaction; returns an SMS to send. */
  async function giveOnceNotice(tx: Tx, actor: TicketActor, body: IntakeBody, ticketId: string, now: Date) {
    if (body.noMatchingMatter === true) {
      const gapId = await recordGap(tx, actor, {
        question: body.content.slice(0, 1000),
        source: 'no_matching_matter',
        ticketId,
        reportedBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'ticket.no_matching_matter',
        entityType: 'ticket',
        entityId: ticketId,
        detail: { gapId },
      });
      return null;
    }
    const attached = await attachNoticeInTransaction(
      tx,
      actor,
      { id: ticketId, callerPhone: body.caller.phone },
      body.onceNotice!,
      {
        now,
        publicBaseUrl: deps.notices?.publicBaseUrl ?? '',
        smsProviderName: deps.notices?.smsProviderName ?? 'development',
      },
    );
    return attached.outboxId ? { outboxId: attached.outboxId, noticeId: attached.row.id } : null;
  }

  return { createTicket };
}
export type TicketIntake = ReturnType<typeof createTicketIntake>;
