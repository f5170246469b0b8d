import { randomUUID } from 'node:crypto';
import { eq, type SQLWrapper } from 'drizzle-orm';
import type { ProgressBody, ReplyBody, ReviewBody } from '@hotline/shared/contracts/tickets';
import { conflict } from '../../platform/http/errors.js';
import { requireTransition, runTicketAction, type ActionOutcome } from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import { checkUploadedFile, replyAttachmentsStatement } from '../tickets/ticket-attachments.service.js';
import { requireOwnRound, roundsOf, type DispatchDeps } from './dispatch-context.js';
import { clockSubject, pendingReply, updateRoundStatement } from './dispatch.repository.js';
import { dispatchRounds, ticketReplies } from './dispatch.table.js';
import { insertStatement } from '../../platform/db/raw-statement.js';

/** 办理进度 · 反馈 · 反馈审核: the unit's work on a signed ticket and the hotline's review of it (延期: extension.service.ts). */
export function createHandlingService(deps: DispatchDeps) {
  const { clocks } = deps;

  function recordProgress(actor: TicketActor, ticketId: string, body: ProgressBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket): Promise<ActionOutcome> => {
      const round = await requireOwnRound(tx, ticket, actor, 'progress', { leadOnly: false });
      const to = requireTransition(ticket.status, 'progress');
      return { action: 'progress', to, reason: body.note, detail: { departmentId: round.departmentId } };
    });
  }

  /**
   * 办理反馈: the text, the result (办理结果), how the citizen was contacted (响应) and the files, in one transaction
   * with the audit row. Files are checked (size, type by magic bytes) before anything is written.
   */
  function reply(actor: TicketActor, ticketId: string, body: ReplyBody) {
    const files = (body.attachments ?? []).map(checkUploadedFile);
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const round = await requireOwnRound(tx, ticket, actor, 'reply', { leadOnly: true });
      const to = requireTransition(ticket.status, 'reply');
      // The lead's reply ends the round's work for every unit in it: co-handlers' clocks must not run on to a breach.
      // They pause for the hotline's review (反馈审核): approved → stopped as of the reply; rejected → resumed (9.2).
      // One write statement with the state and the audit row (issue 12).
      const rounds = await roundsOf(tx, ticket);
      // The reply's id is made here so its files can go in the same statement (the foreign key is checked at its end).
      const replyId = randomUUID();
      const writes: SQLWrapper[] = [
        insertStatement(ticketReplies, [
          {
            id: replyId,
            ticketId: ticket.id,
            roundId: round.id,
            departmentId: round.departmentId,
            content: body.content,
            result: body.result ?? null,
            contactMethod: body.contactMethod ?? null,
            createdAt: now,
            createdBy: actor.userId,
          },
        ]),
        updateRoundStatement(tx, round.id, { repliedAt: now }),
      ];
      const attached = replyAttachmentsStatement(
        tx,
        { ticketId: ticket.id, replyId, departmentId: round.departmentId, uploadedBy: actor.userId, at: now },
        files,
      );
      if (attached) writes.push(attached.statement);
      const pause = clocks.pauseStatement(tx, ticket.id, now, { roundIds: rounds.map((r) => r.id) });
      if (pause) writes.push(pause);
      return {
        writes,
        action: 'reply',
        to,
        detail: {
          round: round.round,
          departmentId: round.departmentId,
          result: body.result ?? null,
          contactMethod: body.contactMethod ?? null,
          attachmentIds: attached?.ids ?? [],
        },
        patch: { dueAt: null, dueKind: null },
      };
    });
  }

  /**
   * 反馈审核. A unit head (dept_head) signs off a 重件 reply of their own unit first; then a lead approves it
   * (→ 待回访, the callback clock starts from the reply) or sends it back (→ 办理中: the unit's paused clock resumes).
   */
  function reviewReply(actor: TicketActor, ticketId: string, body: ReviewBody) {
    return runTicketAction(deps, ticketId, actor, async (tx, ticket, now): Promise<ActionOutcome> => {
      const decision = body.approve ? 'approve' : 'reject';
      const transitionTo = requireTransition(ticket.status, { action: 'reply-review', decision });
      const pending = await pendingReply(tx, ticket.id);
      if (!pending) throw conflict('没有待审核的反馈', 'nothing_to_review');
      const isMajor = ticket.categories.includes('major');
      const review = { reviewedAt: now, reviewedBy: actor.userId, reviewComment: body.comment ?? null };
      const detail = { departmentId: pending.departmentId, approve: body.approve, major: isMajor };

      if (actor.role === 'dept_head') {
        if (actor.departmentId !== pending.departmentId) throw conflict('只能审核本单位的反馈', 'not_own_unit');
        if (!isMajor) throw conflict('该工单不是重件，无需承办单位负责人审核', 'not_major');
        if (pending.headSignedOffAt) throw conflict('负责人已审核签发该反馈', 'already_signed_off');
        if (body.approve) {
          await tx
            .update(ticketReplies)
            .set({ headSignedOffAt: now, headSignedOffBy: actor.userId })
            .where(eq(ticketReplies.id, pending.id));
          return { action: 'reply_signoff', to: ticket.status, reason: body.comment ?? null, detail };
        }
      } else if (isMajor && !pending.headSignedOffAt) {
        throw conflict('重件须先经承办单位负责人审核签发', 'head_signoff_required');
      }

      const writes: SQLWrapper[] = [
        tx
          .update(ticketReplies)
          .set({ ...review, review: body.approve ? 'approved' : 'rejected' })
          .where(eq(ticketReplies.id, pending.id)),
      ];
      const rounds = await roundsOf(tx, ticket);
      if (body.approve) {
        const stop = clocks.stopStatement(tx, ticket.id, now, { roundIds: rounds.map((r) => r.id) });
        if (stop) writes.push(stop);
        // 回访 is due the working day after the reply, not after the approval (issue 9.8).
        const callback = await clocks.startStatement(tx, clockSubject(ticket, null), 'callback', pending.createdAt);
        writes.push(callback.statement);
        return {
          action: 'reply_review',
          to: transitionTo,
          reason: body.comment ?? null,
          detail,
          patch: { dueAt: callback.dueAt, dueKind: 'callback' },
          writes,
        };
      }
      // Rejected: the same clocks resume (the review time added, per policy) — a placeholder reply just before the
      // deadline buys nothing, and a breach stays a breach (issue 9.2).
      const { resumed, statements } = await clocks.resumeStatements(tx, ticket.id, now, {
        roundIds: rounds.map((r) => r.id),
      });
      writes.push(...statements);
      let dueAt: Date | null = null;
      for (const r of rounds) {
        const handlingDue = resumed.find((c) => c.roundId === r.id && c.kind === 'handling')?.dueAt;
        const patch: Partial<typeof dispatchRounds.$inferInsert> = handlingDue ? { handlingDueAt: handlingDue } : {};
        if (r.id === pending.roundId) {
          if (handlingDue) dueAt = handlingDue;
          else {
            // A reply made before clocks could pause (no paused handling clock): the unit redoes it on a new clock.
            const handling = await clocks.startStatement(tx, clockSubject(ticket, r), 'handling', now);
            writes.push(handling.statement);
            patch.handlingDueAt = handling.dueAt;
            dueAt = handling.dueAt;
          }
          patch.repliedAt = null;
        }
        if (Object.keys(patch).length > 0) writes.push(updateRoundStatement(tx, r.id, patch));
      }
      return {
        action: actor.role === 'dept_head' ? 'reply_signoff' : 'reply_review',
        to: transitionTo,
        reason: body.comment ?? null,
        detail,
        patch: { dueAt, dueKind: dueAt ? 'handling' : null },
        writes,
      };
    });
  }

  return { recordProgress, reply, reviewReply };
}
export type HandlingService = ReturnType<typeof createHandlingService>;
