import type { Role } from '@hotline/shared/domain/roles';

/** Work queues of `GET /api/tickets?queue=…`, in the order a lead works through them. */
export const WORK_QUEUES = [
  'return_review',
  'extension_review',
  'reply_review',
  'callback_verdict',
  'awaiting_callback',
  'supervised',
] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

/** Leads (and admins) review and supervise; agents make the callbacks (回访). */
export function queuesForRole(role: Role): WorkQueue[] {
  if (role === 'lead' || role === 'admin') return [...WORK_QUEUES];
  if (role === 'agent') return ['awaiting_callback'];
  return [];
}
