/**
 * 回访不满意的判定 (verdict on a dissatisfied callback), given by a lead, never by the calling agent: the agent records
 * the citizen's words; the lead judges whether the unit is at fault (→ 重办, a supervised second round) or not
 * (→ 办结, with the reason). The satisfaction figures read the verdict from `ticket_callbacks`.
 */
export const CALLBACK_VERDICTS = ['unit_at_fault', 'not_unit_fault'] as const;
export type CallbackVerdict = (typeof CALLBACK_VERDICTS)[number];
export const CALLBACK_VERDICT_LABELS: Record<CallbackVerdict, string> = {
  unit_at_fault: '承办单位责任（重办）',
  not_unit_fault: '非承办单位责任（办结）',
};
