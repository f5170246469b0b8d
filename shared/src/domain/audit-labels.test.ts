import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditStateLabel, UNKNOWN_AUDIT_ACTION } from './audit-labels.js';

const CHINESE = /^[\u4e00-\u9fff（）·]+$/;

describe('issue 11: no raw keys — audit and timeline labels', () => {
  it('names every action the timeline and the audit log show in Chinese', () => {
    for (const action of [
      'create',
      'extension_request',
      'notice_attach',
      'ticket.notice_attach',
      'return-review',
      'reply_signoff',
      'dispatch',
      'auth.login',
      'calendar.update',
    ]) {
      expect(auditActionLabel(action), action).toMatch(CHINESE);
      expect(auditActionLabel(action), action).not.toBe(UNKNOWN_AUDIT_ACTION);
    }
    expect(auditActionLabel('some.future_action')).toBe(UNKNOWN_AUDIT_ACTION);
  });

  it('names ticket and agent states, never echoing the code', () => {
    expect(auditStateLabel('awaiting_sign')).toBe('待签收');
    expect(auditStateLabel('in_progress')).toBe('办理中');
    expect(auditStateLabel('wrap_up')).toBe('话后处理');
    expect(auditStateLabel('brand_new_state')).toMatch(CHINESE);
    expect(auditStateLabel(null)).toBe('');
  });
});
