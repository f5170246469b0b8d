import type { TicketListQuery } from '@hotline/shared/contracts/tickets';
import { allowedActions } from '@hotline/shared/domain/ticket-states';
import type { TicketState } from '@hotline/shared/domain/ticket-types';
import type { ConsoleAction } from '../tickets/action-forms';

/**
 * The inbox's tabs, in the order a handler works through them, each with its `GET /api/tickets` filter (the server
 * scopes every query to the handler's own unit). Keys double as test ids.
 */
export const INBOX_TABS = [
  { key: 'awaiting-sign', labelKey: 'department.tabs.awaitingSign', query: { status: 'awaiting_sign' } },
  { key: 'in-progress', labelKey: 'department.tabs.inProgress', query: { status: 'in_progress' } },
  { key: 'due-soon', labelKey: 'department.tabs.dueSoon', query: { dueSoon: true } },
  { key: 'overdue', labelKey: 'department.tabs.overdue', query: { overdue: true } },
  { key: 'returned', labelKey: 'department.tabs.returned', query: { status: 'return_review' } },
] as const satisfies readonly { key: string; labelKey: string; query: TicketListQuery }[];

export type InboxTabKey = (typeof INBOX_TABS)[number]['key'];

export function inboxQuery(key: InboxTabKey): TicketListQuery {
  return { ...(INBOX_TABS.find((tab) => tab.key === key) ?? INBOX_TABS[0]).query };
}

/**
 * Actions offered inline on an inbox row, from the row's state. The list carries no `allowedActions`; the server
 * still decides (a refused action gets its Chinese reason), and the detail page shows exactly the allowed ones.
 */
export function inlineActionsFor(status: TicketState): ConsoleAction[] {
  // The state machine (shared/src/domain/ticket-states) says what a state allows; the inbox offers the unit's steps.
  const allowed: readonly string[] = allowedActions(status);
  return INLINE_ACTIONS.filter((action) => allowed.includes(action));
}

/** The unit's own steps, in the order the row shows them. */
const INLINE_ACTIONS: readonly ConsoleAction[] = ['sign', 'progress', 'extension', 'reply', 'return'];
