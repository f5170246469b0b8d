import { describe, expect, it } from 'vitest';
import { queuesForRole, WORK_QUEUES } from './work-queues';

describe('work queues by role', () => {
  it('gives leads every queue, agents the callback worklist and department users none', () => {
    expect(queuesForRole('lead')).toEqual([...WORK_QUEUES]);
    expect(queuesForRole('agent')).toEqual(['awaiting_callback']);
    expect(queuesForRole('handler')).toEqual([]);
  });
});
