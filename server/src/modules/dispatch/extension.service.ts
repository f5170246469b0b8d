import { eq, type SQLWrapper } from 'drizzle-orm';
import type { ExtensionAllowance, ExtensionBody, ReviewBody } from '@hotline/shared/contracts/tickets';
import { checkExtensionRequest } from '@hotline/shared/domain/deadlines';
import { toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict } from '../../platform/http/errors.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import { requireTransition, runTicketAction, type ActionOutcome } from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import { requireOwnRound, rulesOf, type DispatchDeps } from './dispatch-context.js';
import { clockSubject, extensionFacts, updateRoundStatement } from './dispatch.repository.js';
import { enqueueOutbox, smsStatement } from './dispatch-sms.js';
import { extensionRequests } from './dispatch.table.js';

/**
 * 延期: requested by the lead unit with a reason and its legal basis, approved or refused by a lead. The cap (20
 * working days by default) counts every approved extension of the ticket, across all its rounds — a 重办 or a
 * re-dispatch does not start it again. The Zhoushan "by the working day before the due date" rule is policy.
 * The citizen is told of an approved extension by SMS and on the public progress page.
 */
export function createExtensionService(deps: DispatchDeps) {
  const { clocks } = deps;

  /** The cap in force: the workflow policy's, or the clock policy's for this kind of ticket when that is lower. */
  async function extensionCap(tx: DbOrTx, ticket: TicketRow, policyCap: number): Promise<number> {
    return Math.min(policyCap, await clocks.maxExtensionDays(tx, clockSubject(ticket, null)));
  }

  function refusalCode(message: string): string {
    if (message.includes('累计')) return 'extension_cap';
    if (message.includes('前一个工作日')) return 'extension_too_late';
    return 'deadline_passed';
  }

  function requestExtension(actor: TicketActor, ticketId: string, body: ExtensionBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const round = await requireOwnRound(tx, ticket, actor, 'extension', { leadOnly: true });
      const to = requireTransition(ticket.status, 'extension');
      // One read (issue 12): the pending request, the days approved so far and the workflow policy.
      const facts = await extensionFacts(tx, ticket.id);
      if (facts.pending) throw conflict('已有待审核的延期申请，请等待审核', 'extension_pending');
      if (!round.handlingDueAt) throw conflict('该工单没有正在计时的办理时限，不能申请延期', 'deadline_passed');
      const rules = rulesOf(facts.policy, deps);
      const granted = facts.granted;
      const check = checkExtensionRequest(
        {
          now,
          due: round.handlingDueAt,
          requestedDays: body.days,
          grantedDays: granted,
          maxTotalDays: await extensionCap(tx, ticket, rules.maxExtensionWorkingDays),
          requestByDayBefore: rules.policy.extension.requestByDayBefore,
        },
        await clocks.workingCalendar(tx),
      );
      if (!check.ok) throw conflict(check.refused, refusalCode(check.refused));
      return {
        writes: [
          tx.insert(extensionRequests).values({
            ticketId: ticket.id,
            roundId: round.id,
            days: body.days,
            reason: body.reason,
            legalBasis: body.legalBasis,
            requestedAt: now,
            requestedBy: actor.userId,
          }),
        ],
        action: 'extension_request',
        to,
        reason: body.reason,
        detail: {
          round: round.round,
          departmentId: round.departmentId,
          days: body.days,
          legalBasis: body.legalBasis,
          grantedBefore: granted,
        },
      };
    });
  }

  function reviewExtension(actor: TicketActor, ticketId: string, body: ReviewBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const to = requireTransition(ticket.status, {
        action: 'extension-review',
        decision: body.approve ? 'approve' : 'reject',
      });
      const facts = await extensionFacts(tx, ticket.id);
      const request = facts.pending;
      if (!request) throw conflict('工单正在办理中，没有待审核的延期申请', 'nothing_to_review');
      const review = { reviewedAt: now, reviewedBy: actor.userId, reviewComment: body.comment ?? null };
      const detail = { days: request.days, approve: body.approve };
      if (!body.approve) {
        return {
          action: 'extension_review',
          to,
          reason: body.comment ?? null,
          detail,
          writes: [
            tx
              .update(extensionRequests)
              .set({ ...review, status: 'rejected' })
              .where(eq(extensionRequests.id, request.id)),
          ],
        };
      }
      const rules = rulesOf(facts.policy, deps);
      const granted = facts.granted;
      const cap = await extensionCap(tx, ticket, rules.maxExtensionWorkingDays);
      if (granted + request.days > cap) {
        throw conflict(`延期累计不能超过${cap}个工作日（已延期${granted}个工作日）`, 'extension_cap');
      }
      const extended = await clocks.extendStatement(tx, ticket.id, request.roundId, request.days);
      const newDueAt = extended.dueAt;
      const writes: SQLWrapper[] = [
        extended.statement,
        tx
          .update(extensionRequests)
          .set({ ...review, status: 'approved', newDueAt })
          .where(eq(extensionRequests.id, request.id)),
        updateRoundStatement(tx, request.roundId, { handlingDueAt: newDueAt }),
      ];
      const outbox: string[] = [];
      if (rules.policy.extension.notifyCitizen && ticket.callerPhone.trim()) {
        const text =
          `您反映的诉求（工单号${ticket.number}）经审核同意延期${request.days}个工作日办理，` +
          `办理期限延至${toShanghaiDate(newDueAt)}。延期原因：${request.reason}。`;
        const sms = smsStatement(tx, deps, ticket.callerPhone, text, now);
        writes.push(sms.statement);
        outbox.push(sms.id);
      }
      return {
        action: 'extension_review',
        to,
        reason: body.comment ?? null,
        detail: { ...detail, newDueAt: newDueAt.toISOString(), citizenSmsQueued: outbox.length > 0 },
        patch: { dueAt: newDueAt, dueKind: 'handling' },
        afterCommit: enqueueOutbox(deps, outbox),
        writes,
      };
    });
  }

  /**
   * 延期额度 of a ticket, read the way a request and a review read it, for the ticket page to bound its days field
   * by what the server will accept.
   */
  async function allowance(db: DbOrTx, ticket: TicketRow): Promise<ExtensionAllowance> {
    const facts = await extensionFacts(db, ticket.id);
    const cap = await extensionCap(db, ticket, rulesOf(facts.policy, deps).maxExtensionWorkingDays);
    return { cap, granted: facts.granted, remaining: Math.max(0, cap - facts.granted) };
  }

  return { requestExtension, reviewExtension, allowance };
}
export type ExtensionService = ReturnType<typeof createExtensionService>;
