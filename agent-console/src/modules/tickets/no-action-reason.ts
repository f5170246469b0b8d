import type { TicketDetail } from '@hotline/shared/contracts/tickets';
import type { Role } from '@hotline/shared/domain/roles';
import { allowedActions, isFinished, RETURNABLE_STATES } from '@hotline/shared/domain/ticket-states';
import type { TicketState } from '@hotline/shared/domain/ticket-types';

/** A locale key under `ticket.noActionReason` (the sentence may name the ticket's state as `{state}`). */
export type NoActionReason =
  | 'finished'
  | 'readOnlyRole'
  | 'agentIntake'
  | 'agentWithUnit'
  | 'awaitingLeadReview'
  | 'awaitingHeadSignOff'
  | 'headNotMajor'
  | 'headNothingToSign'
  | 'unitAwaitingReview'
  | 'unitAwaitingCallback'
  | 'unitAwaitingDispatch'
  | 'other';

type ReasonInput = Pick<TicketDetail, 'status' | 'categories' | 'replies'>;

/** Whether a 重件's pending reply still waits for the unit head's 签发 (the server's `replyAwaitsHead`). */
function replyAwaitsHead(ticket: ReasonInput): boolean {
  return (
    ticket.status === 'replied' &&
    ticket.categories.includes('major') &&
    ticket.replies.some((reply) => reply.review === 'pending')
  );
}

/**
 * Why a viewer sees no button on a ticket, from the state machine (shared/src/domain/ticket-states) and the roles
 * (DOMAIN: the unit signs for, handles and replies; its head signs off 重件 replies; the hotline's lead reviews).
 * Called only when the server's `allowedActions` is empty.
 */
export function noActionReason(role: Role | null, ticket: ReasonInput): NoActionReason {
  const status: TicketState = ticket.status;
  if (isFinished(status) || allowedActions(status).length === 0) {
    // An agent still closes an on-the-spot answer; when even that is not offered the request is simply done.
    return 'finished';
  }
  if (role === 'admin' || role === 'kb_editor') return 'readOnlyRole';
  if (role === 'dept_head') {
    if (status !== 'replied') return 'headNothingToSign';
    return ticket.categories.includes('major') ? 'headNothingToSign' : 'headNotMajor';
  }
  if (status === 'replied') return replyAwaitsHead(ticket) ? 'awaitingHeadSignOff' : 'awaitingLeadReview';
  if (role === 'handler') {
    if (status === 'return_review') return 'awaitingLeadReview';
    if (status === 'awaiting_callback') return 'unitAwaitingCallback';
    if (status === 'pending_dispatch') return 'unitAwaitingDispatch';
    return 'other';
  }
  if (role === 'agent') {
    if (status === 'intake') return 'agentIntake';
    if (status === 'return_review') return 'awaitingLeadReview';
    if ((RETURNABLE_STATES as readonly TicketState[]).includes(status)) return 'agentWithUnit';
  }
  return 'other';
}
