import { eq } from 'drizzle-orm';
import type { ProgressBody, ReplyBody, ReviewBody } from '@hotline/shared/contracts/tickets';
import { conflict } from '../../platform/http/errors.js';
import { requireTransition, runTicketAction, type ActionOutcome } from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import { checkUploadedFile, insertReplyAttachments } from '../tickets/ticket-attachments.service.js';
import { requireOwnRound, type DispatchDeps } from './dispatch-context.js';
import { activeRounds, clockSubject, pendingReply, updateRound } from './dispatch.repository.js';
import { ticketReplies } from './dispatch.table.js';

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
      const [saved] = await tx
        .insert(ticketReplies)
        .values({
          ticketId: ticket.id,
          roundId: round.id,
          departmentId: round.departmentId,
          content: body.content,
          result: body.result ?? null,
          contactMethod: body.contactMethod ?? null,
          createdAt: now,
          createdBy: actor.userId,
        })
        .returning({ id: ticketReplies.id });
      const attached = await insertReplyAttachments(
        tx,
        {
          ticketId: ticket.id,
          replyId: saved!.id,
          departmentId: round.departmentId,
          uploadedBy: actor.userId,
          at: now,
        },
        files,
      );
      // The lead's reply ends the round's work for every unit in it: co-handlers' clocks must not run on to a breach.
      // They pause for the hotline's review (反馈审核): approved → stopped as of the reply; rejected → resumed (9.2).
      for (const r of await activeRounds(tx, ticket.id)) await clocks.pause(tx, ticket.id, now, { roundId: r.id });
      await updateRound(tx, round.id, { repliedAt: now });
      return {
        action: 'reply',
        to,
        detail: {
          round: round.round,
          departmentId: round.departmentId,
          result: body.result ?? null,
          contactMethod: body.contactMethod ?? null,
          attachmentIds: attached.map((a) => a.id),
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

      await tx
        .update(ticketReplies)
        .set({ ...review, review: body.approve ? 'approved' : 'rejected' })
        .where(eq(ticketReplies.id, pending.id));
      if (body.approve) {
        for (const r of await activeRounds(tx, ticket.id)) await clocks.stop(tx, ticket.id, now, { roundId: r.id });
        // 回访 is due the working day after the reply, not after the approval (issue 9.8).
        const callback = await clocks.start(tx, clockSubject(ticket, null), 'callback', pending.createdAt);
        return {
          action: 'reply_review',
          to: transitionTo,
          reason: body.comment ?? null,
          detail,
          patch: { dueAt: callback.dueAt, dueKind: 'callback' },
        };
      }
      // Rejected: the same clocks resume (the review time added, per policy) — a placeholder reply just before the
      // deadline buys nothing, and a breach stays a breach (issue 9.2).
      let dueAt: Date | null = null;
      for (const r of await activeRounds(tx, ticket.id)) {
        const resumed = await clocks.resume(tx, ticket.id, now, { roundId: r.id });
        const handlingDue = resumed.find((c) => c.kind === 'handling')?.dueAt;
        if (handlingDue) await updateRound(tx, r.id, { handlingDueAt: handlingDue });
        if (r.id !== pending.roundId) continue;
        if (handlingDue) dueAt = handlingDue;
        else {
          // A reply made before clocks could pause (no paused handling clock): the unit redoes it on a new clock.
          const handling = await clocks.start(tx, clockSubject(ticket, r), 'handling', now);
          await updateRound(tx, r.id, { handlingDueAt: handling.dueAt });
          dueAt = handling.dueAt;
        }
        await updateRound(tx, r.id, { repliedAt: null });
      }
      return {
        action: actor.role === 'dept_head' ? 'reply_signoff' : 'reply_review',
        to: transitionTo,
        reason: body.comment ?? null,
        detail,
        patch: { dueAt, dueKind: dueAt ? 'handling' : null },
      };
    });
  }

  return { recordProgress, reply, reviewReply };
}
export type HandlingService = ReturnType<typeof createHandlingService>;
