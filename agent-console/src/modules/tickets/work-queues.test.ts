import { describe, expect, it } from 'vitest';
import { queuesForRole, WORK_QUEUES } from './work-queues';

describe('work queues by role', () => {
  it('gives leads every queue but the unit head’s 待签发, agents the callback worklist and department users none', () => {
    expect(queuesForRole('lead')).toEqual(WORK_QUEUES.filter((queue) => queue !== 'head_sign_off'));
    expect(queuesForRole('lead')).not.toContain('head_sign_off');
    expect(queuesForRole('agent')).toEqual(['pending_dispatch', 'awaiting_callback']);
    expect(queuesForRole('handler')).toEqual([]);
  });
});
