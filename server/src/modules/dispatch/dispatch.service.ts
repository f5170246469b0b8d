import { randomUUID } from 'node:crypto';
import { eq, type SQLWrapper } from 'drizzle-orm';
import type { DispatchBody, ReturnBody, ReviewBody } from '@hotline/shared/contracts/tickets';
import { RETURNABLE_STATES, type ReturnableState } from '@hotline/shared/domain/ticket-states';
import type { ClockKind } from '@hotline/shared/domain/ticket-types';
import type { Tx } from '../../platform/db/client.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import {
  applyTicketAction,
  requireTransition,
  runTicketAction,
  type ActionOutcome,
  type AppliedAction,
} from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import {
  endActiveRoundsStatements,
  requireOwnRound,
  roundsOf,
  rulesOf,
  type DispatchDeps,
} from './dispatch-context.js';
import {
  clockSubject,
  dispatchFacts,
  failedDispatchCount,
  updateRoundStatement,
  type RoundRow,
} from './dispatch.repository.js';
import { suggestionChoiceWrites } from '../intelligence/suggestion-choice.js';
import { dispatchRounds } from './dispatch.table.js';
import { insertStatement } from '../../platform/db/raw-statement.js';

/** The unit's own clocks, paused while the hotline reviews its return. */
const UNIT_CLOCKS: readonly ClockKind[] = ['sign_for', 'handling'];

/**
 * Rows a caller writes with a dispatch, in the action's one statement and so in its transaction (直派: its record and
 * its `dispatch.direct` audit row): a refused or failed dispatch leaves none of them.
 */
export type DispatchExtraWrites = (tx: Tx, ticket: TicketRow, now: Date) => SQLWrapper[];

/** 派单 → 签收 → 退单 → 退单审核: the first half of a round. */
export function createDispatchService(deps: DispatchDeps) {
  const { clocks } = deps;

  function dispatch(actor: TicketActor, ticketId: string, body: DispatchBody, extraWrites?: DispatchExtraWrites) {
    const coIds = body.coDepartmentIds ?? [];
    const unitIds = [body.leadDepartmentId, ...coIds];
    // One read (issue 12): the units, the lead unit's kind, the failed dispatches and the workflow policy — sent
    // right behind the ticket's lock statement (it needs nothing from the row), run by Postgres once the lock is held.
    let factsRead: ReturnType<typeof dispatchFacts> | null = null;
    const afterLock = (tx: Tx) => {
      factsRead = dispatchFacts(tx, ticketId, unitIds, body.leadDepartmentId);
      factsRead.catch(() => undefined);
    };
    return runTicketAction(
      deps,
      ticketId,
      actor,
      async (tx, ticket, now): Promise<ActionOutcome> => {
        const to = requireTransition(ticket.status, 'dispatch');
        if (coIds.includes(body.leadDepartmentId)) throw badRequest('主办单位不能同时作为协办单位');
        const facts = await (factsRead ?? dispatchFacts(tx, ticket.id, unitIds, body.leadDepartmentId));
        if (facts.activeUnits !== unitIds.length) {
          throw badRequest('承办单位不存在或已停用');
        }
        const failed = facts.failed;
        const rules = rulesOf(facts.policy, deps);
        const exhausted = failed >= rules.maxFailedDispatches;
        // 兜底 (Beijing): after the failed dispatches the district government takes it — any dispatcher may send it
        // there, and it cannot be returned. Otherwise (Tianjin) a lead designates the unit (指定承办).
        const districtFallback = exhausted && rules.policy.dispatch.fallback === 'district';
        if (districtFallback && facts.leadKind !== 'district') {
          throw conflict(`该工单已${failed}次派单失败，按兜底规则须派给属地区县政府承办`, 'district_fallback_required');
        }
        const designated = body.designate === true || exhausted;
        if (designated && !districtFallback && actor.role !== 'lead') {
          throw exhausted
            ? conflict(`该工单已${failed}次派单失败，须由班长指定承办单位`, 'designation_required')
            : forbidden('只有班长可以指定承办单位');
        }
        const round = ticket.currentRound + 1;
        let leadSignDue: Date | null = null;
        const units = [
          { departmentId: body.leadDepartmentId, role: 'lead' as const },
          ...coIds.map((id) => ({ departmentId: id, role: 'co' as const })),
        ];
        // The rounds (ids chosen here), their sign-for clocks and the lead's return window: written in the action's one
        // statement, each round row with its due instants already in it.
        const roundRows: (typeof dispatchRounds.$inferInsert)[] = [];
        const clockWrites: SQLWrapper[] = [];
        for (const unit of units) {
          const id = randomUUID();
          const subject = { ...clockSubject(ticket, null), roundId: id, departmentId: unit.departmentId };
          const sign = await clocks.startStatement(tx, subject, 'sign_for', now);
          clockWrites.push(sign.statement);
          // A designated unit may not return the ticket, so it gets no return window.
          let returnDueAt: Date | null = null;
          if (unit.role === 'lead' && !designated) {
            const returnWindow = await clocks.startStatement(tx, subject, 'return_window', now);
            clockWrites.push(returnWindow.statement);
            returnDueAt = returnWindow.dueAt;
          }
          roundRows.push({
            id,
            ticketId: ticket.id,
            round,
            departmentId: unit.departmentId,
            role: unit.role,
            designated: unit.role === 'lead' && designated,
            dispatchedAt: now,
            dispatchedBy: actor.userId,
            signDueAt: sign.dueAt,
            returnDueAt,
          });
          if (unit.role === 'lead') leadSignDue = sign.dueAt;
        }
        return {
          action: 'dispatch',
          to,
          reason: body.note ?? null,
          patch: {
            leadDepartmentId: body.leadDepartmentId,
            currentRound: round,
            dueAt: leadSignDue,
            dueKind: 'sign_for',
          },
          detail: {
            round,
            departmentId: body.leadDepartmentId,
            coDepartmentIds: coIds,
            designated,
            failedDispatches: failed,
            fallback: exhausted ? rules.policy.dispatch.fallback : null,
          },
          writes: [
            insertStatement(dispatchRounds, roundRows),
            ...clockWrites,
            // 智能派单: the suggestions the agent saw, recorded against the unit chosen (the 采纳率).
            ...(body.suggestions
              ? suggestionChoiceWrites(tx, actor, ticket.id, body.leadDepartmentId, body.suggestions, now)
              : []),
            ...(extraWrites?.(tx, ticket, now) ?? []),
          ],
          roundDepartmentIds: unitIds,
        };
      },
      afterLock,
    );
  }

  /**
   * 签收: stops the unit's sign-for clock and starts its handling clock (the handling clock starts at sign-for; for an
   * auto-sign at the sign-for due instant — issue 9.3 — whenever the job runs).
   */
  async function signRound(
    tx: Tx,
    ticket: TicketRow,
    round: RoundRow,
    actor: TicketActor,
    now: Date,
    handlingStartAt: Date = now,
  ) {
    let to = ticket.status;
    if (round.role === 'lead') to = requireTransition(ticket.status, 'sign');
    else requireTransition(round.signedAt ? 'in_progress' : 'awaiting_sign', 'sign');
    // One write statement with the state and the audit row (issue 12): the sign-for clock stops, the handling clock
    // starts, the round records the sign-for.
    const handling = await clocks.startStatement(tx, clockSubject(ticket, round), 'handling', handlingStartAt);
    const writes: SQLWrapper[] = [
      handling.statement,
      updateRoundStatement(tx, round.id, { signedAt: now, signedBy: actor.userId, handlingDueAt: handling.dueAt }),
    ];
    const stop = clocks.stopStatement(tx, ticket.id, now, { kinds: ['sign_for'], roundId: round.id });
    if (stop) writes.push(stop);
    const outcome: ActionOutcome = {
      action: actor.role === 'system' ? 'auto_sign' : 'sign',
      to,
      detail: { round: round.round, departmentId: round.departmentId, role: round.role },
      writes,
    };
    if (round.role === 'lead') outcome.patch = { dueAt: handling.dueAt, dueKind: 'handling' };
    return outcome;
  }

  function sign(actor: TicketActor, ticketId: string) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now) => {
      const round = await requireOwnRound(tx, ticket, actor, 'sign', { leadOnly: false });
      return signRound(tx, ticket, round, actor, now);
    });
  }

  /**
   * For the clocks domain: signs a round inside the caller's open transaction (auto-sign by policy when the sign-for
   * clock runs out). Pass `SYSTEM_TICKET_ACTOR`; after your commit, hand `changed` to `publishTicketChanged`.
   * Refuses (409) when the round is no longer active or already signed, so a late timer changes nothing.
   */
  async function signTicket(
    tx: Tx,
    ticketId: string,
    roundId: string,
    actor: TicketActor,
    handlingStartAt?: Date,
  ): Promise<AppliedAction> {
    return applyTicketAction(tx, ticketId, actor, deps.clock.now(), async (innerTx, ticket, now) => {
      const [round] = await innerTx.select().from(dispatchRounds).where(eq(dispatchRounds.id, roundId)).limit(1);
      if (!round || round.ticketId !== ticketId || !round.active) {
        throw conflict('该派单轮次已结束，不能签收', 'round_ended');
      }
      return signRound(innerTx, ticket, round, actor, now, handlingStartAt ?? now);
    });
  }

  function returnTicket(actor: TicketActor, ticketId: string, body: ReturnBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const round = await requireOwnRound(tx, ticket, actor, 'return', { leadOnly: true });
      const to = requireTransition(ticket.status, 'return');
      if (round.designated) throw conflict('该工单为热线指定承办，不能退单', 'designated');
      if (round.returnedAt) throw conflict('本轮退单已被驳回，不能再次退单', 'already_returned');
      if (round.returnDueAt && now.getTime() > round.returnDueAt.getTime()) {
        throw conflict('已超过退单时限，不能退单', 'return_window_passed');
      }
      const writes: SQLWrapper[] = [
        updateRoundStatement(tx, round.id, {
          returnedAt: now,
          returnedBy: actor.userId,
          returnReason: body.reason,
          returnBasis: body.basis,
          returnedFrom: ticket.status,
          returnReview: 'pending',
        }),
      ];
      // The return window stops; 退单审核 is the hotline's time, not the unit's: its clocks (and the one-shot
      // auto-sign) wait (issue 9.1). Disjoint rows: the window is not one of the unit's clocks.
      const stop = clocks.stopStatement(tx, ticket.id, now, { kinds: ['return_window'], roundId: round.id });
      const pause = clocks.pauseStatement(tx, ticket.id, now, { roundIds: [round.id], kinds: UNIT_CLOCKS });
      if (stop) writes.push(stop);
      if (pause) writes.push(pause);
      return {
        writes,
        action: 'return',
        to,
        reason: body.basis,
        detail: { round: round.round, departmentId: round.departmentId, returnReason: body.reason },
      };
    });
  }

  function reviewReturn(actor: TicketActor, ticketId: string, body: ReviewBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const rounds = await roundsOf(tx, ticket);
      const returned = rounds.find((r) => r.role === 'lead' && r.returnReview === 'pending');
      const returnedFrom = (returned?.returnedFrom ?? 'awaiting_sign') as ReturnableState;
      const to = requireTransition(
        ticket.status,
        body.approve
          ? { action: 'return-review', decision: 'approve' }
          : { action: 'return-review', decision: 'reject', returnedFrom },
      );
      if (!returned || !(RETURNABLE_STATES as readonly string[]).includes(returnedFrom)) {
        throw conflict('没有待审核的退单', 'nothing_to_review');
      }
      const review = {
        returnReview: body.approve ? ('approved' as const) : ('rejected' as const),
        returnReviewedAt: now,
        returnReviewedBy: actor.userId,
        returnReviewComment: body.comment ?? null,
      };
      const detail = { round: returned.round, departmentId: returned.departmentId, approve: body.approve };
      if (body.approve) {
        // The round is over for every unit in it; the ticket waits for re-dispatch. This approval is one more failed
        // dispatch (the count is read before the write statement that records it).
        const failedBefore = await failedDispatchCount(tx, ticket.id);
        // Each round row is written once in the statement: the returned one with its review.
        const others = rounds.filter((r) => r.id !== returned.id);
        const writes = endActiveRoundsStatements(tx, clocks, ticket.id, now, others);
        writes.push(updateRoundStatement(tx, returned.id, { ...review, active: false }));
        const stop = clocks.stopStatement(tx, ticket.id, now, { roundId: returned.id });
        if (stop) writes.push(stop);
        return {
          action: 'return_review',
          to,
          reason: body.comment ?? null,
          detail: { ...detail, failedDispatches: failedBefore + 1 },
          patch: { leadDepartmentId: null, dueAt: null, dueKind: null },
          alsoNotify: rounds.map((r) => r.departmentId),
          writes,
        };
      }
      const dueKind: ClockKind = returnedFrom === 'in_progress' ? 'handling' : 'sign_for';
      // Rejected: the unit's clocks go on with the time that was left, at least the policy's minimum (issue 9.1).
      const { resumed, statements } = await clocks.resumeStatements(tx, ticket.id, now, {
        roundIds: [returned.id],
        kinds: UNIT_CLOCKS,
        minimumRemaining: true,
      });
      const signDue = resumed.find((c) => c.kind === 'sign_for')?.dueAt;
      const handlingDue = resumed.find((c) => c.kind === 'handling')?.dueAt;
      const writes: SQLWrapper[] = [
        ...statements,
        updateRoundStatement(tx, returned.id, {
          ...review,
          ...(signDue ? { signDueAt: signDue } : {}),
          ...(handlingDue ? { handlingDueAt: handlingDue } : {}),
        }),
      ];
      const dueAt = dueKind === 'handling' ? (handlingDue ?? returned.handlingDueAt) : (signDue ?? returned.signDueAt);
      return {
        action: 'return_review',
        to,
        reason: body.comment ?? null,
        detail,
        patch: { dueAt, dueKind },
        writes,
      };
    });
  }

  return { dispatch, sign, signTicket, returnTicket, reviewReturn };
}
export type DispatchService = ReturnType<typeof createDispatchService>;
