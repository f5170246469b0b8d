import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { BulkActionBody } from '@hotline/shared/contracts/tickets';
import { bulkActionForQueue, bulkBody } from './bulk-actions';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('bulk actions of a queue', () => {
  it('offers dispatch on 待派单 and a decision on the review queues only', () => {
    expect(bulkActionForQueue('pending_dispatch')).toBe('dispatch');
    expect(bulkActionForQueue('reply_review')).toBe('reply-review');
    expect(bulkActionForQueue('head_sign_off')).toBe('reply-review');
    expect(bulkActionForQueue('awaiting_callback')).toBeNull();
    expect(bulkActionForQueue('supervised')).toBeNull();
  });

  it('builds bodies the shared contract accepts, and none without a unit', () => {
    const dispatch = bulkBody('dispatch', [ID], { leadDepartmentId: ID, approve: true, comment: '' });
    expect(Value.Check(BulkActionBody, dispatch)).toBe(true);
    expect(bulkBody('dispatch', [ID], { leadDepartmentId: '', approve: true, comment: '' })).toBeNull();
    const review = bulkBody('return-review', [ID], { leadDepartmentId: '', approve: false, comment: ' 依据不足 ' });
    expect(review).toEqual({
      action: 'return-review',
      ticketIds: [ID],
      review: { approve: false, comment: '依据不足' },
    });
    expect(Value.Check(BulkActionBody, review)).toBe(true);
  });
});
