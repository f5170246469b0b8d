import type { Role } from '@hotline/shared/domain/roles';

import { WORK_QUEUES, type WorkQueue } from '@hotline/shared/domain/work-queues';

/** Work queues of `GET /api/tickets?queue=…` (shared/src/domain/work-queues), in the order a lead works through them. */
export { WORK_QUEUES, type WorkQueue };

/**
 * Leads (and admins) dispatch, review and supervise; agents dispatch what waits (待派单: web enquiries, letters,
 * approved returns) and make the callbacks (回访); 待签发 is the unit head's (inbox).
 */
export function queuesForRole(role: Role): WorkQueue[] {
  if (role === 'lead' || role === 'admin') return WORK_QUEUES.filter((queue) => queue !== 'head_sign_off');
  if (role === 'agent') return ['pending_dispatch', 'awaiting_callback'];
  return [];
}
