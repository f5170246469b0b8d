import type { BulkAction, BulkActionBody, TicketListQuery } from '@hotline/shared/contracts/tickets';
import type { WorkQueue } from '@hotline/shared/domain/work-queues';

/** The bulk action a queue offers, if any: 待派单 → 批量派单; the three review queues → 批量同意/不同意. */
export function bulkActionForQueue(queue: WorkQueue | undefined): BulkAction | null {
  switch (queue) {
    case 'pending_dispatch':
      return 'dispatch';
    case 'return_review':
      return 'return-review';
    case 'extension_review':
      return 'extension-review';
    case 'reply_review':
    case 'head_sign_off':
      return 'reply-review';
    default:
      return null;
  }
}

/** The request of a bulk action: the same dispatch or the same decision for every selected ticket. */
export function bulkBody(
  action: BulkAction,
  ticketIds: string[],
  input: { leadDepartmentId: string; approve: boolean; comment: string },
): BulkActionBody | null {
  if (action === 'dispatch') {
    if (!input.leadDepartmentId) return null;
    return { action, ticketIds, dispatch: { leadDepartmentId: input.leadDepartmentId } };
  }
  const comment = input.comment.trim();
  return { action, ticketIds, review: comment ? { approve: input.approve, comment } : { approve: input.approve } };
}

/** A queue's list filter (the export takes the same). */
export function queueQuery(queue: WorkQueue | undefined): TicketListQuery {
  return queue ? { queue } : {};
}
