import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '@hotline/shared/contracts/tickets';
import { mergeCandidates } from './ticket-picker';

function summary(id: string, status: TicketSummary['status']): TicketSummary {
  return { id, status } as TicketSummary;
}

describe('merge picker candidates (并单)', () => {
  it('keeps open tickets only and never offers the ticket itself', () => {
    const items = [
      summary('self', 'pending_dispatch'),
      summary('open', 'in_progress'),
      summary('closed', 'closed'),
      summary('merged', 'merged'),
      summary('answered', 'answered'),
    ];
    expect(mergeCandidates(items, 'self').map((item) => item.id)).toEqual(['open']);
    expect(mergeCandidates(items).map((item) => item.id)).toEqual(['self', 'open']);
  });
});
