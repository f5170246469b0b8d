import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '@hotline/shared/contracts/tickets';
import { noActionReason } from './no-action-reason';

type Input = Pick<TicketDetail, 'status' | 'categories' | 'replies'>;
const pendingReply: Input['replies'][number] = {
  id: 'r',
  at: '',
  departmentName: '市场监管局',
  content: '已处理',
  review: 'pending',
  result: 'resolved',
  contactMethod: 'phone',
  attachments: [],
};
const ticket = (status: Input['status'], major = false, replies: Input['replies'] = []): Input => ({
  status,
  categories: major ? ['major'] : [],
  replies,
});

describe('issue 11: why a ticket page offers no action', () => {
  it('a finished ticket is finished for every role', () => {
    expect(noActionReason('handler', ticket('archived'))).toBe('finished');
    expect(noActionReason('dept_head', ticket('closed'))).toBe('finished');
  });

  it('the unit head signs off only a 重件 reply', () => {
    expect(noActionReason('dept_head', ticket('replied', false, [pendingReply]))).toBe('headNotMajor');
    expect(noActionReason('dept_head', ticket('in_progress', true))).toBe('headNothingToSign');
  });

  it('the hotline waits for the head’s sign-off on a 重件, otherwise for the lead’s review', () => {
    expect(noActionReason('lead', ticket('replied', true, [pendingReply]))).toBe('awaitingHeadSignOff');
    expect(noActionReason('handler', ticket('replied', false, [pendingReply]))).toBe('awaitingLeadReview');
    expect(noActionReason('handler', ticket('awaiting_callback'))).toBe('unitAwaitingCallback');
  });

  it('an agent is told where the ticket is being worked on', () => {
    expect(noActionReason('agent', ticket('in_progress'))).toBe('agentWithUnit');
    expect(noActionReason('agent', ticket('intake'))).toBe('agentIntake');
    expect(noActionReason('kb_editor', ticket('in_progress'))).toBe('readOnlyRole');
  });
});
