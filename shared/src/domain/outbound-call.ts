/**
 * How a 外呼 (漏接回拨 or 回访 dialled by an agent) ended, from the SIP side: answered (the call was talked and ended
 * with a BYE), or the final code of an INVITE nobody answered, as the proxy reports it.
 */
export const OUTBOUND_OUTCOMES = ['answered', 'no_answer', 'busy', 'declined', 'failed'] as const;
export type OutboundOutcome = (typeof OUTBOUND_OUTCOMES)[number];

export const OUTBOUND_OUTCOME_LABELS: Readonly<Record<OutboundOutcome, string>> = {
  answered: '已接通',
  no_answer: '未接听',
  busy: '忙线',
  declined: '拒接',
  failed: '呼叫失败',
};

/**
 * The outcome of an unanswered 外呼 from the INVITE's final SIP code: no answer in time (408, 480) or the agent gave
 * up while it rang (487), busy (486, 600), declined (603), anything else (404, 5xx…) a failed call.
 */
export function outboundOutcomeOf(code: number): Exclude<OutboundOutcome, 'answered'> {
  if (code === 408 || code === 480 || code === 487) return 'no_answer';
  if (code === 486 || code === 600) return 'busy';
  if (code === 603) return 'declined';
  return 'failed';
}
