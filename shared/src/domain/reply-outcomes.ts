/**
 * What a unit's reply (办理反馈) records besides its text: the result (办理结果) and how the citizen was contacted
 * (响应 — whether and how the unit reached the caller). One definition for the server, the console and reports.
 */

/** 办理结果: solved, explained (the request was answered with the rules/policy), partly solved, cannot be solved. */
export const REPLY_RESULTS = ['resolved', 'explained', 'partially_resolved', 'unresolvable'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];
export const REPLY_RESULT_LABELS: Record<ReplyResult, string> = {
  resolved: '已解决',
  explained: '已解释说明',
  partially_resolved: '部分解决',
  unresolvable: '无法解决',
};

/** 响应: how the unit contacted the citizen before replying, or `none` (未联系). */
export const CONTACT_METHODS = ['phone', 'sms', 'visit', 'meeting', 'none'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话联系',
  sms: '短信联系',
  visit: '上门走访',
  meeting: '约见面谈',
  none: '未联系',
};

/** Files a unit may attach to one reply (each as a letter scan: JPEG/PNG/PDF, at most 5 MB). */
export const MAX_REPLY_ATTACHMENTS = 3;
