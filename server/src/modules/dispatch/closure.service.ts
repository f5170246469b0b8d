import { and, desc, eq, isNull } from 'drizzle-orm';
import type {
  CallbackBody,
  CallbackVerdictBody,
  CloseBody,
  MergeBody,
  ReasonBody,
  SuperviseBody,
} from '@hotline/shared/contracts/tickets';
import type { CallbackVerdict } from '@hotline/shared/domain/callback-verdict';
import { isFinished, type CallbackOutcome } from '@hotline/shared/domain/ticket-states';
import type { Tx } from '../../platform/db/client.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertOnceNoticeBeforeClose } from '../knowledge/close-guard.js';
import { requireTransition, runTicketAction, type ActionOutcome } from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import { findTicket } from '../tickets/tickets.repository.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import { nextActNumber } from './act-numbers.js';
import {
  endActiveRounds,
  endActiveRoundsStatements,
  roundsOf,
  rulesInForce,
  type DispatchDeps,
} from './dispatch-context.js';
import { clockSubject, insertRound, latestLeadRound, updateRound } from './dispatch.repository.js';
import { supervisionOrders, ticketCallbacks } from './dispatch.table.js';
import { outboundCalls } from '../calls/outbound-calls.table.js';

/** The dissatisfied callback still waiting for a lead's 判定, if any. */
async function pendingVerdict(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({ id: ticketCallbacks.id })
    .from(ticketCallbacks)
    .where(
      and(
        eq(ticketCallbacks.ticketId, ticketId),
        eq(ticketCallbacks.satisfaction, 'dissatisfied'),
        isNull(ticketCallbacks.verdict),
        // Rows of the old flow carry the agent's own judgement in unit_at_fault and are not pending.
        isNull(ticketCallbacks.unitAtFault),
      ),
    )
    .orderBy(desc(ticketCallbacks.at))
    .limit(1);
  return row ?? null;
}

/** 回访 · 回访判定 · 重办 · 并单 · 办结 · 督办. */
export function createClosureService(deps: DispatchDeps) {
  const { clocks } = deps;

  /**
   * 重办: a new round for the last lead unit, already signed (the unit knows the case), under supervision, with a
   * fresh handling clock and a 督办单 so the unit and its head see why.
   */
  async function reopenRound(tx: Tx, ticket: TicketRow, actor: TicketActor, now: Date, instruction: string) {
    const last = await latestLeadRound(tx, ticket.id);
    if (!last) throw conflict('该工单从未派单，不能重办', 'never_dispatched');
    await endActiveRounds(tx, clocks, ticket.id, now);
    const roundNumber = ticket.currentRound + 1;
    const round = await insertRound(tx, {
      ticketId: ticket.id,
      round: roundNumber,
      departmentId: last.departmentId,
      role: 'lead',
      reopened: true,
      // The unit already accepted the case once: a 重办 cannot be returned.
      designated: true,
      dispatchedAt: now,
      dispatchedBy: actor.userId,
      signedAt: now,
    });
    const handling = await clocks.start(tx, clockSubject(ticket, round), 'handling', now);
    await updateRound(tx, round.id, { handlingDueAt: handling.dueAt });
    await tx.insert(supervisionOrders).values({
      number: await nextActNumber(tx, 'supervision', now),
      ticketId: ticket.id,
      level: 'general',
      instruction,
      createdAt: now,
      createdBy: actor.userId,
    });
    return {
      departmentId: last.departmentId,
      patch: {
        currentRound: roundNumber,
        leadDepartmentId: last.departmentId,
        supervised: true,
        dueAt: handling.dueAt,
        dueKind: 'handling' as const,
      },
    };
  }

  /** The 外呼 a callback result names: this agent's dial from this ticket, not yet the call of another result. */
  async function checkOutboundCall(tx: Tx, outboundCallId: string, ticketId: string, agentId: string | null) {
    const [call] = await tx
      .select({ ticketId: outboundCalls.ticketId, agentId: outboundCalls.agentId })
      .from(outboundCalls)
      .where(eq(outboundCalls.id, outboundCallId));
    if (!call || call.ticketId !== ticketId || call.agentId !== agentId)
      throw badRequest('该外呼记录不是本人对本工单的回访外呼', 'outbound_call_mismatch');
    const [used] = await tx
      .select({ id: ticketCallbacks.id })
      .from(ticketCallbacks)
      .where(eq(ticketCallbacks.outboundCallId, outboundCallId))
      .limit(1);
    if (used) throw conflict('该外呼已关联到另一条回访记录', 'outbound_call_used');
  }

  function recordCallback(actor: TicketActor, ticketId: string, body: CallbackBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      if (body.reached && !body.satisfaction) throw badRequest('回访接通时须填写满意度');
      if (body.reached && body.solved === undefined) throw badRequest('回访接通时须填写诉求是否解决');
      const dissatisfied = body.reached && body.satisfaction === 'dissatisfied';
      if (dissatisfied && !body.comment?.trim()) throw badRequest('诉求人不满意时，须记录诉求人的原话和不满意的原因');
      if (await pendingVerdict(tx, ticket.id)) {
        throw conflict('该工单的不满意回访正待班长判定，不能再次回访', 'verdict_pending');
      }
      if (body.outboundCallId) await checkOutboundCall(tx, body.outboundCallId, ticket.id, actor.userId);
      const rules = await rulesInForce(tx, deps);
      const attempt = ticket.callbackAttempts + 1;
      const outcome: CallbackOutcome = !body.reached
        ? { reached: false, attempt }
        : { reached: true, satisfaction: body.satisfaction! };
      const to = requireTransition(
        ticket.status,
        { action: 'callback', outcome },
        { maxCallbackAttempts: rules.maxCallbackAttempts },
      );
      await tx.insert(ticketCallbacks).values({
        ticketId: ticket.id,
        at: now,
        agentId: actor.userId,
        reached: body.reached,
        satisfaction: body.reached ? body.satisfaction! : null,
        solved: body.reached ? (body.solved ?? null) : null,
        unitAtFault: null,
        comment: body.comment ?? null,
        outboundCallId: body.outboundCallId ?? null,
      });
      const detail = {
        reached: body.reached,
        satisfaction: body.satisfaction ?? null,
        solved: body.solved ?? null,
        attempt: body.reached ? null : attempt,
        ...(body.outboundCallId ? { outboundCallId: body.outboundCallId } : {}),
      };
      if (dissatisfied) {
        // The call itself was made: the callback clock is met; the ticket waits for the lead's 判定.
        await clocks.stop(tx, ticket.id, now, { kinds: ['callback'] });
        return {
          action: 'callback',
          to,
          reason: body.comment ?? null,
          detail: { ...detail, awaitingVerdict: true },
          patch: { dueAt: null, dueKind: null },
        };
      }
      if (to === 'awaiting_callback') {
        return { action: 'callback', to, reason: body.comment ?? null, detail, patch: { callbackAttempts: attempt } };
      }
      await clocks.stop(tx, ticket.id, now, { kinds: ['callback'] });
      await endActiveRounds(tx, clocks, ticket.id, now);
      return {
        action: 'callback',
        to,
        reason: body.comment ?? null,
        detail: { ...detail, closedAs: body.reached ? 'callback' : 'unreachable' },
        patch: { dueAt: null, dueKind: null, callbackAttempts: body.reached ? ticket.callbackAttempts : attempt },
      };
    });
  }

  /**
   * 回访不满意判定: a lead judges the dissatisfied callback the agent recorded. The unit's fault → 重办 (a supervised
   * second round with a 督办单); not the unit's fault → 办结. The verdict stays on the callback row for the
   * satisfaction figures.
   */
  function judgeCallback(actor: TicketActor, ticketId: string, body: CallbackVerdictBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, { action: 'callback-verdict', unitAtFault: body.unitAtFault });
      const pending = await pendingVerdict(tx, ticket.id);
      if (!pending) throw conflict('该工单没有待判定的不满意回访', 'nothing_to_review');
      const verdict: CallbackVerdict = body.unitAtFault ? 'unit_at_fault' : 'not_unit_fault';
      await tx
        .update(ticketCallbacks)
        .set({
          verdict,
          verdictReason: body.reason,
          verdictBy: actor.userId,
          verdictAt: now,
          unitAtFault: body.unitAtFault,
        })
        .where(eq(ticketCallbacks.id, pending.id));
      const detail = { callbackId: pending.id, verdict };
      if (!body.unitAtFault) {
        await clocks.stop(tx, ticket.id, now, { kinds: ['callback'] });
        await endActiveRounds(tx, clocks, ticket.id, now);
        return {
          action: 'callback_verdict',
          to,
          reason: body.reason,
          detail: { ...detail, closedAs: 'not_unit_fault' },
          patch: { dueAt: null, dueKind: null },
        };
      }
      const reopened = await reopenRound(
        tx,
        ticket,
        actor,
        now,
        `回访不满意，经判定责任在承办单位，重办：${body.reason}`,
      );
      return {
        action: 'callback_verdict',
        to,
        reason: body.reason,
        detail: { ...detail, reopened: true, departmentId: reopened.departmentId },
        patch: { ...reopened.patch, callbackAttempts: 0 },
      };
    });
  }

  function reopen(actor: TicketActor, ticketId: string, body: ReasonBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, 'reopen');
      const reopened = await reopenRound(tx, ticket, actor, now, body.reason);
      return {
        action: 'reopen',
        to,
        reason: body.reason,
        detail: { departmentId: reopened.departmentId },
        patch: { ...reopened.patch, callbackAttempts: 0 },
      };
    });
  }

  function merge(actor: TicketActor, ticketId: string, body: MergeBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, 'merge');
      if (body.parentTicketId === ticket.id) throw badRequest('不能并入工单自身');
      const parent = await findTicket(tx, body.parentTicketId);
      if (!parent) throw badRequest('主工单不存在');
      if (parent.status === 'merged' || isFinished(parent.status)) {
        throw conflict('主工单已办结或已并单，不能并入', 'parent_not_open');
      }
      await recordAudit(tx, actor, {
        action: 'ticket.merge_child',
        entityType: 'ticket',
        entityId: parent.id,
        detail: { childTicketId: ticket.id, childNumber: ticket.number },
      });
      return {
        action: 'merge',
        to,
        detail: { parentTicketId: parent.id, parentNumber: parent.number },
        patch: { parentTicketId: parent.id },
      };
    });
  }

  /**
   * 办结. A ticket answered on the spot (直接答复) is closed by the agent once the citizen has been told everything:
   * a consultation needs its 一次告知 notice or the "no matching matter" mark first (the guard's 422 explains it).
   */
  function close(actor: TicketActor, ticketId: string, body: CloseBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, 'close');
      const withoutCallback = ticket.status === 'awaiting_callback';
      if (withoutCallback) {
        // 待回访: closed by the callback itself (reached, or N unreachable attempts); anything else is a lead's
        // exception with a written reason, audited as such.
        if (actor.role !== 'lead' || !body.reason?.trim()) {
          const { maxCallbackAttempts } = await rulesInForce(tx, deps);
          throw conflict(
            `待回访工单须回访后办结（回访接通，或${maxCallbackAttempts}次未接通）；确需不经回访办结的，须由班长填写理由`,
            'callback_required',
          );
        }
      }
      if (ticket.status === 'answered') {
        await assertOnceNoticeBeforeClose(tx, {
          id: ticket.id,
          type: ticket.type,
          status: ticket.status,
          answeredOnTheSpot: true,
        });
      }
      // One write statement with the state and the audit row (issue 12): the callback clock (no round) and every
      // active round with its clocks end — disjoint rows.
      const writes = endActiveRoundsStatements(tx, clocks, ticket.id, now, await roundsOf(tx, ticket));
      const stopCallback = clocks.stopStatement(tx, ticket.id, now, { kinds: ['callback'] });
      if (stopCallback) writes.push(stopCallback);
      return {
        writes,
        action: 'close',
        to,
        reason: body.reason ?? null,
        detail: withoutCallback ? { withoutCallback: true, callbackAttempts: ticket.callbackAttempts } : undefined,
        patch: { dueAt: null, dueKind: null },
      };
    });
  }

  function supervise(actor: TicketActor, ticketId: string, body: SuperviseBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, 'supervise');
      const dueAt = body.dueAt ? new Date(body.dueAt) : null;
      if (dueAt && dueAt.getTime() <= now.getTime()) throw badRequest('督办期限须晚于当前时间');
      await tx.insert(supervisionOrders).values({
        number: await nextActNumber(tx, 'supervision', now),
        ticketId: ticket.id,
        level: body.level,
        instruction: body.instruction,
        dueAt,
        createdAt: now,
        createdBy: actor.userId,
      });
      return {
        action: 'supervise',
        to,
        reason: body.instruction,
        detail: { level: body.level, dueAt: dueAt?.toISOString() ?? null },
        patch: { supervised: true },
      };
    });
  }

  return { recordCallback, judgeCallback, reopen, merge, close, supervise };
}
export type ClosureService = ReturnType<typeof createClosureService>;
