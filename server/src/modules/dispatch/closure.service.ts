import type { CallbackBody, CloseBody, MergeBody, ReasonBody, SuperviseBody } from '@hotline/shared/contracts/tickets';
import { isFinished, type CallbackOutcome } from '@hotline/shared/domain/ticket-states';
import type { Tx } from '../../platform/db/client.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertOnceNoticeBeforeClose } from '../knowledge/close-guard.js';
import { requireTransition, runTicketAction, type ActionOutcome } from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import { findTicket } from '../tickets/tickets.repository.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import { endActiveRounds, resolveRules, type DispatchDeps } from './dispatch-context.js';
import { clockSubject, insertRound, latestLeadRound, updateRound } from './dispatch.repository.js';
import { supervisionOrders, ticketCallbacks } from './dispatch.table.js';

/** 回访 · 重办 · 并单 · 办结 · 督办. */
export function createClosureService(deps: DispatchDeps) {
  const rules = resolveRules(deps);
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

  function recordCallback(actor: TicketActor, ticketId: string, body: CallbackBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      if (body.reached && !body.satisfaction) throw badRequest('回访接通时须填写满意度（satisfaction）');
      const attempt = ticket.callbackAttempts + 1;
      const outcome: CallbackOutcome = !body.reached
        ? { reached: false, attempt }
        : body.satisfaction === 'dissatisfied'
          ? { reached: true, satisfaction: 'dissatisfied', unitAtFault: body.unitAtFault === true }
          : { reached: true, satisfaction: body.satisfaction as 'satisfied' | 'basically_satisfied' };
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
        unitAtFault: body.reached && body.satisfaction === 'dissatisfied' ? body.unitAtFault === true : null,
        comment: body.comment ?? null,
      });
      const detail = {
        reached: body.reached,
        satisfaction: body.satisfaction ?? null,
        solved: body.solved ?? null,
        unitAtFault: body.unitAtFault ?? null,
        attempt: body.reached ? null : attempt,
      };
      if (to === 'awaiting_callback') {
        return { action: 'callback', to, reason: body.comment ?? null, detail, patch: { callbackAttempts: attempt } };
      }
      await clocks.stop(tx, ticket.id, now, { kinds: ['callback'] });
      if (to === 'closed') {
        await endActiveRounds(tx, clocks, ticket.id, now);
        return {
          action: 'callback',
          to,
          reason: body.comment ?? null,
          detail: { ...detail, closedAs: body.reached ? 'callback' : 'unreachable' },
          patch: { dueAt: null, dueKind: null, callbackAttempts: body.reached ? ticket.callbackAttempts : attempt },
        };
      }
      const reopened = await reopenRound(tx, ticket, actor, now, '回访不满意且责任在承办单位，重办');
      return {
        action: 'callback',
        to,
        reason: body.comment ?? null,
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
      if (ticket.status === 'answered') {
        await assertOnceNoticeBeforeClose(tx, {
          id: ticket.id,
          type: ticket.type,
          status: ticket.status,
          answeredOnTheSpot: true,
        });
      }
      await clocks.stop(tx, ticket.id, now, { kinds: ['callback'] });
      await endActiveRounds(tx, clocks, ticket.id, now);
      return { action: 'close', to, reason: body.reason ?? null, patch: { dueAt: null, dueKind: null } };
    });
  }

  function supervise(actor: TicketActor, ticketId: string, body: SuperviseBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, 'supervise');
      const dueAt = body.dueAt ? new Date(body.dueAt) : null;
      if (dueAt && dueAt.getTime() <= now.getTime()) throw badRequest('督办期限须晚于当前时间');
      await tx.insert(supervisionOrders).values({
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

  return { recordCallback, reopen, merge, close, supervise };
}
export type ClosureService = ReturnType<typeof createClosureService>;
