/**
 * Work queues (工作队列) and "due soon" (即将超期): one definition for the server's list filters and the console's tabs,
 * colours and labels.
 */

/**
 * The named queues of `GET /api/tickets?queue=`: 待派单 (web enquiries, letters and approved returns waiting for a
 * dispatcher), 退单审核, 延期审核, 反馈审核 (重件: the unit head's 签发 first),
 * 回访不满意判定 (a lead's verdict on a dissatisfied callback), 待回访, 督办, and the unit head's 待签发 (重件 replies
 * awaiting the head's sign-off — 签发 — before the hotline reviews them).
 */
export const WORK_QUEUES = [
  'pending_dispatch',
  'return_review',
  'extension_review',
  'reply_review',
  'callback_verdict',
  'awaiting_callback',
  'supervised',
  'head_sign_off',
] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export function isWorkQueue(value: string): value is WorkQueue {
  return (WORK_QUEUES as readonly string[]).includes(value);
}

/** A deadline is due soon (即将超期) within this much of its due instant. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

/** Overdue (超期), due soon (即将超期) or neither, at `now` (ms). */
export function deadlineTone(dueAtMs: number, nowMs: number): 'overdue' | 'due-soon' | 'normal' {
  const remaining = dueAtMs - nowMs;
  return remaining <= 0 ? 'overdue' : remaining <= DUE_SOON_MS ? 'due-soon' : 'normal';
}
