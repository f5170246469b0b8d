import { describe, expect, it } from 'vitest';
import { MAX_RESYNC_TICKETS, mergeTicketStates, parseResyncRequest, type ResyncSnapshot } from './resync.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const D = '44444444-4444-4444-8444-444444444444';

describe('re-sync merge (issue 10.6)', () => {
  const snapshot: ResyncSnapshot = {
    tickets: [
      { id: A, number: '20260302000001', status: 'closed', version: 'v2' },
      { id: B, number: '20260302000002', status: 'in_progress', version: 'v1' },
    ],
    gone: [C],
  };

  it('marks a ticket changed when its status differs, or both know a version and it differs', () => {
    const merged = mergeTicketStates(
      { [A]: { status: 'in_progress', version: 'v1' }, [B]: { status: 'in_progress', version: 'v1' } },
      snapshot,
    );
    expect(merged.changed.map((t) => [t.id, t.status])).toEqual([[A, 'closed']]);
    const sameStatus = mergeTicketStates({ [A]: { status: 'closed', version: 'v1' } }, snapshot);
    expect(sameStatus.changed.map((t) => t.id)).toEqual([A]);
    const versionUnknown = mergeTicketStates({ [A]: { status: 'closed', version: null } }, snapshot);
    expect(versionUnknown.changed).toEqual([]);
    expect(versionUnknown.next[A]).toEqual({ status: 'closed', version: 'v2' });
  });

  it('reports gone tickets and tickets the snapshot did not cover, and keeps nothing it was not shown', () => {
    const merged = mergeTicketStates({ [C]: { status: 'replied' }, [D]: { status: 'awaiting_sign' } }, snapshot);
    expect(merged.gone).toEqual([C]);
    expect(merged.unknown).toEqual([D]);
    expect(merged.changed).toEqual([]);
    expect(Object.keys(merged.next)).toEqual([D]);
  });

  it('reads an untrusted handshake: ids only, each once, lower case, at most the limit', () => {
    expect(parseResyncRequest(undefined)).toBeNull();
    expect(parseResyncRequest({ resync: { tickets: 'x' } })).toBeNull();
    expect(parseResyncRequest({ resync: { tickets: [A, A.toUpperCase(), 'x', 7, { id: B }, B] } })).toEqual({
      tickets: [A, B],
    });
    const many = Array.from(
      { length: MAX_RESYNC_TICKETS + 50 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(parseResyncRequest({ resync: { tickets: many } })!.tickets).toHaveLength(MAX_RESYNC_TICKETS);
  });
});
