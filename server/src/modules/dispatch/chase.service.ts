import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { ChaseBody, ChaseLadderView } from '@hotline/shared/contracts/tickets';
import { CHASE_KIND_LABELS, type ChaseKind } from '@hotline/shared/domain/chase-ladder';
import { shanghaiStartOfDay, toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import { isFinished } from '@hotline/shared/domain/ticket-states';
import type { TicketState } from '@hotline/shared/domain/ticket-types';
import { maskPhone } from '@hotline/shared/domain/phone';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { clockStageFirings, ticketClocks } from '../clocks/clocks.table.js';
import { departments } from '../departments/departments.table.js';
import { applyTicketAction, runTicketAction, type ActionOutcome } from '../tickets/ticket-action.js';
import { SYSTEM_TICKET_ACTOR, type TicketActor } from '../tickets/ticket-actor.js';
import { publishTicketChanged } from '../tickets/ticket-events.js';
import { findTicket } from '../tickets/tickets.repository.js';
import { tickets, type TicketRow } from '../tickets/tickets.table.js';
import { nextActNumber } from './act-numbers.js';
import { chaseNotices, type ChaseRecipient } from './chase.table.js';
import { rulesInForce, type DispatchDeps } from './dispatch-context.js';
import { enqueueOutbox, writeSms } from './dispatch-sms.js';
import { supervisionOrders } from './dispatch.table.js';

const STAGE_TO_KIND: Record<string, ChaseKind> = { chase: 'urge', public_notice: 'circular' };
/** States in which a unit holds the ticket: the only ones a 催办/通报 makes sense in. */
const UNIT_STATES: TicketState[] = ['awaiting_sign', 'in_progress', 'return_review', 'replied'];

function defaultText(kind: ChaseKind, ticket: TicketRow, unitName: string, dueAt: Date | null): string {
  const due = dueAt ? `办理期限${toShanghaiDate(dueAt)}` : '办理期限已到';
  return kind === 'urge'
    ? `${unitName}：工单${ticket.number}（${ticket.title}）已超过${due}，请立即办理并反馈办理结果。`
    : `${unitName}：工单${ticket.number}（${ticket.title}）经催办仍超期未办结（${due}），现予通报，请单位负责人督促办理。`;
}

/**
 * 催办 → 督办 → 通报 as formal acts. Each 催办/通报 is a numbered record (chase_notices) sent to the unit's liaison
 * and leader by SMS (notifications queue) and to the unit's console room; a ticket still overdue past the policy
 * threshold gets an automatic numbered 督办单. The clock stages (clocks domain) say when; this service records the
 * acts — by a lead's hand, or by `sweepChaseLadder` from the fired stages (idempotent per clock and kind).
 */
export function createChaseService(deps: DispatchDeps) {
  async function issue(
    tx: Tx,
    ticket: TicketRow,
    now: Date,
    input: { kind: ChaseKind; departmentId: string; text?: string; issuedBy: string | null; clockId: string | null },
  ): Promise<{ outcome: ActionOutcome; number: string }> {
    const [unit] = await tx.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!unit) throw conflict('承办单位不存在', 'unit_missing');
    const rules = await rulesInForce(tx, deps);
    const number = await nextActNumber(tx, input.kind, now);
    const text = input.text?.trim() || defaultText(input.kind, ticket, unit.name, ticket.dueAt);
    const smsText = `${CHASE_KIND_LABELS[input.kind]}（${number}）${text}`;
    const recipients: ChaseRecipient[] = [{ role: 'console', name: unit.name, phone: null, smsOutboxId: null }];
    const outbox: string[] = [];
    for (const [role, name, phone] of [
      ['liaison', `${unit.name}联络员`, unit.liaisonPhone],
      ['leader', unit.leaderName, unit.leaderPhone],
    ] as const) {
      if (!phone) continue;
      const smsOutboxId = rules.policy.chase.notifyUnitBySms ? await writeSms(tx, deps, phone, smsText, now) : null;
      if (smsOutboxId) outbox.push(smsOutboxId);
      recipients.push({ role, name, phone, smsOutboxId });
    }
    await tx.insert(chaseNotices).values({
      number,
      kind: input.kind,
      ticketId: ticket.id,
      departmentId: unit.id,
      text,
      recipients,
      issuedBy: input.issuedBy,
      issuedAt: now,
      clockId: input.clockId,
    });
    return {
      number,
      outcome: {
        action: input.kind === 'urge' ? 'chase_urge' : 'chase_circular',
        to: ticket.status,
        reason: text,
        detail: { number, departmentId: unit.id, automatic: input.issuedBy === null, smsQueued: outbox.length },
        alsoNotify: [unit.id],
        afterCommit: enqueueOutbox(deps, outbox),
      },
    };
  }

  /** A lead's 催办/通报 by hand, to the ticket's lead unit (or another unit on the current round). */
  function issueChaseNotice(actor: TicketActor, ticketId: string, body: ChaseBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now) => {
      if (!UNIT_STATES.includes(ticket.status) || isFinished(ticket.status)) {
        throw conflict('工单当前不在承办单位办理中，不能催办或通报', 'not_with_unit');
      }
      const departmentId = body.departmentId ?? ticket.leadDepartmentId;
      if (!departmentId) throw conflict('工单尚未派单，不能催办或通报', 'not_with_unit');
      const { outcome } = await issue(tx, ticket, now, {
        kind: body.kind,
        departmentId,
        text: body.text,
        issuedBy: actor.userId,
        clockId: null,
      });
      return outcome;
    });
  }

  /** An automatic act in its own transaction through the ticket runner (audited, pushed after the commit). */
  async function runSystemAct(ticketId: string, perform: Parameters<typeof applyTicketAction>[4]) {
    const now = deps.clock.now();
    const applied = await deps.db.transaction((tx) =>
      applyTicketAction(tx, ticketId, SYSTEM_TICKET_ACTOR, now, perform),
    );
    publishTicketChanged(deps.realtime, applied.changed);
    await applied.afterCommit?.().catch(() => undefined);
  }

  /**
   * One pass: a 催办/通报 record for every unit clock whose 催办/通报 stage fired and has none yet, and an automatic
   * 督办单 for every handling clock still overdue past the policy threshold. Safe to run on several workers at once
   * (unique (clock, kind) and (clock) keys; the ticket row lock serialises them). Bounded per pass.
   */
  async function sweepChaseLadder(limit = 200): Promise<{ notices: number; supervisionOrders: number }> {
    const result = { notices: 0, supervisionOrders: 0 };
    const fired = await deps.db
      .select({
        clockId: ticketClocks.id,
        ticketId: ticketClocks.ticketId,
        departmentId: ticketClocks.departmentId,
        stage: clockStageFirings.stage,
      })
      .from(clockStageFirings)
      .innerJoin(ticketClocks, eq(ticketClocks.id, clockStageFirings.clockId))
      // Only tickets a unit still holds: a finished ticket is never chased (and never re-examined every pass).
      .innerJoin(tickets, and(eq(tickets.id, ticketClocks.ticketId), inArray(tickets.status, UNIT_STATES)))
      .leftJoin(
        chaseNotices,
        and(
          eq(chaseNotices.clockId, ticketClocks.id),
          sql`${chaseNotices.kind}::text = case ${clockStageFirings.stage}::text when 'chase' then 'urge' else 'circular' end`,
        ),
      )
      .where(
        and(
          inArray(clockStageFirings.stage, ['chase', 'public_notice']),
          inArray(ticketClocks.kind, ['handling', 'sign_for']),
          isNotNull(ticketClocks.departmentId),
          isNull(chaseNotices.id),
        ),
      )
      .orderBy(asc(clockStageFirings.firedAt))
      .limit(limit);
    for (const row of fired) {
      const kind = STAGE_TO_KIND[row.stage]!;
      let issued = false;
      await runSystemAct(row.ticketId, async (tx, ticket, now) => {
        const [done] = await tx
          .select({ id: chaseNotices.id })
          .from(chaseNotices)
          .where(and(eq(chaseNotices.clockId, row.clockId), eq(chaseNotices.kind, kind)));
        // Finished meanwhile, or issued by another worker: record nothing (the audit row says so).
        if (done || !UNIT_STATES.includes(ticket.status)) {
          return { action: 'chase_skipped', to: ticket.status, detail: { clockId: row.clockId, kind } };
        }
        issued = true;
        return (
          await issue(tx, ticket, now, { kind, departmentId: row.departmentId!, issuedBy: null, clockId: row.clockId })
        ).outcome;
      });
      if (issued) result.notices += 1;
    }

    const calendar = await deps.clocks.workingCalendar(deps.db);
    const { policy } = await rulesInForce(deps.db, deps);
    const overdue = await deps.db
      .select({ clockId: ticketClocks.id, ticketId: ticketClocks.ticketId, dueAt: ticketClocks.dueAt })
      .from(ticketClocks)
      .innerJoin(tickets, and(eq(tickets.id, ticketClocks.ticketId), inArray(tickets.status, UNIT_STATES)))
      .leftJoin(supervisionOrders, eq(supervisionOrders.clockId, ticketClocks.id))
      .where(
        and(
          eq(ticketClocks.kind, 'handling'),
          eq(ticketClocks.state, 'breached'),
          isNull(ticketClocks.stoppedAt),
          lte(ticketClocks.dueAt, deps.clock.now()),
          isNull(supervisionOrders.id),
        ),
      )
      .orderBy(asc(ticketClocks.dueAt))
      .limit(limit);
    const now = deps.clock.now();
    for (const row of overdue) {
      const threshold = shanghaiStartOfDay(
        calendar.addWorkingDays(toShanghaiDate(row.dueAt), policy.chase.autoSupervisionWorkingDaysAfterDue),
      );
      if (now.getTime() < threshold.getTime()) continue;
      let issued = false;
      await runSystemAct(row.ticketId, async (tx, ticket, at) => {
        const [done] = await tx
          .select({ id: supervisionOrders.id })
          .from(supervisionOrders)
          .where(eq(supervisionOrders.clockId, row.clockId));
        if (done || !UNIT_STATES.includes(ticket.status)) {
          return { action: 'supervise_skipped', to: ticket.status, detail: { clockId: row.clockId } };
        }
        const number = await nextActNumber(tx, 'supervision', at);
        const instruction = `工单${ticket.number}超过办理期限${policy.chase.autoSupervisionWorkingDaysAfterDue}个工作日仍未办结，列入督办，请承办单位负责人督促办理并反馈。`;
        await tx.insert(supervisionOrders).values({
          number,
          ticketId: ticket.id,
          automatic: true,
          clockId: row.clockId,
          level: 'general',
          instruction,
          createdAt: at,
          createdBy: null,
        });
        issued = true;
        return {
          action: 'supervise',
          to: ticket.status,
          reason: instruction,
          detail: { number, automatic: true, level: 'general', clockId: row.clockId },
          patch: { supervised: true },
        };
      });
      if (issued) result.supervisionOrders += 1;
    }
    return result;
  }

  /** The ladder of one ticket for its page: 催办/通报 records and 督办单, in time order (phones masked). */
  async function ladderOf(tx: DbOrTx, ticketId: string): Promise<ChaseLadderView> {
    const notices = await tx
      .select()
      .from(chaseNotices)
      .where(eq(chaseNotices.ticketId, ticketId))
      .orderBy(asc(chaseNotices.issuedAt));
    const orders = await tx
      .select()
      .from(supervisionOrders)
      .where(eq(supervisionOrders.ticketId, ticketId))
      .orderBy(asc(supervisionOrders.createdAt));
    const steps: ChaseLadderView['steps'] = [
      ...notices.map((n) => ({
        kind: n.kind,
        number: n.number,
        text: n.text,
        departmentId: n.departmentId,
        automatic: n.issuedBy === null,
        at: n.issuedAt.toISOString(),
        recipients: n.recipients.map((r) => ({
          role: r.role,
          name: r.name,
          phone: r.phone ? maskPhone(r.phone) : null,
        })),
      })),
      ...orders.map((o) => ({
        kind: 'supervision' as const,
        number: o.number,
        text: o.instruction,
        departmentId: null,
        automatic: o.createdBy === null,
        at: o.createdAt.toISOString(),
        recipients: [],
      })),
    ];
    steps.sort((a, b) => a.at.localeCompare(b.at));
    return { steps };
  }

  async function ladder(actor: TicketActor, ticketId: string): Promise<ChaseLadderView> {
    const ticket = await findTicket(deps.db, ticketId);
    // The ladder is the hotline's view (units get their notices in the console room and by SMS).
    if (!ticket || actor.departmentId) throw notFound('工单不存在或无权查看');
    return ladderOf(deps.db, ticketId);
  }

  return { issueChaseNotice, sweepChaseLadder, ladder };
}
export type ChaseService = ReturnType<typeof createChaseService>;
