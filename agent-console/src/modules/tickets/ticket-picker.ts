import type { TicketSummary } from '@hotline/shared/contracts/tickets';
import { FINISHED_STATES } from '@hotline/shared/domain/ticket-states';

/**
 * Tickets a ticket may be merged into (并单): still open (the server refuses a finished or merged parent) and not the
 * ticket itself. The list API has no "open" filter, so the search results are narrowed here.
 */
export function mergeCandidates(items: readonly TicketSummary[], excludeId?: string): TicketSummary[] {
  return items.filter((item) => item.id !== excludeId && !FINISHED_STATES.includes(item.status));
}
