import { TicketListQuery } from '@hotline/shared/contracts/tickets';
import type { Role } from '@hotline/shared/domain/roles';
import { allowedActions } from '@hotline/shared/domain/ticket-states';
import type { TicketState } from '@hotline/shared/domain/ticket-types';
import type { ConsoleAction } from '../tickets/action-forms';
import { limitOf } from '@hotline/shared/contracts/problems';

/**
 * The inbox's tabs, in the order a handler works through them, each with its `GET /api/tickets` filter (the server
 * scopes every query to the handler's own unit). Keys double as test ids. A replied ticket stays findable: 已反馈
 * (the hotline reviews the reply), 待回访 and 已办结.
 */
export const INBOX_TABS = [
  { key: 'head-sign-off', labelKey: 'department.tabs.headSignOff', query: { queue: 'head_sign_off' } },
  { key: 'awaiting-sign', labelKey: 'department.tabs.awaitingSign', query: { status: 'awaiting_sign' } },
  { key: 'in-progress', labelKey: 'department.tabs.inProgress', query: { status: 'in_progress' } },
  { key: 'due-soon', labelKey: 'department.tabs.dueSoon', query: { dueSoon: true } },
  { key: 'overdue', labelKey: 'department.tabs.overdue', query: { overdue: true } },
  { key: 'returned', labelKey: 'department.tabs.returned', query: { status: 'return_review' } },
  { key: 'replied', labelKey: 'department.tabs.replied', query: { status: 'replied' } },
  { key: 'awaiting-callback', labelKey: 'department.tabs.awaitingCallback', query: { status: 'awaiting_callback' } },
  { key: 'closed', labelKey: 'department.tabs.closed', query: { status: 'closed' } },
] as const satisfies readonly { key: string; labelKey: string; query: TicketListQuery }[];

export type InboxTab = (typeof INBOX_TABS)[number];
export type InboxTabKey = InboxTab['key'];

/** 待签发 is the unit head's (负责人) tab: only a head signs off a 重件 reply. */
export function inboxTabsFor(role: Role | null): InboxTab[] {
  return INBOX_TABS.filter((tab) => tab.key !== 'head-sign-off' || role === 'dept_head');
}

/** The tab a role starts on: the head's sign-offs, a handler's tickets to sign for. */
export function firstInboxTab(role: Role | null): InboxTabKey {
  return inboxTabsFor(role)[0]!.key;
}

/** A tab's filter, narrowed by the search box (ticket number, title or address — never personal data). */
export function inboxQuery(key: InboxTabKey, search = ''): TicketListQuery {
  const base: TicketListQuery = { ...(INBOX_TABS.find((tab) => tab.key === key) ?? INBOX_TABS[0]).query };
  const q = search.trim().slice(0, INBOX_SEARCH_MAX);
  return q ? { ...base, q } : base;
}

/** The search box's bound: the list query's own limit on `q`. */
export const INBOX_SEARCH_MAX = limitOf(TicketListQuery.properties.q, 'maxLength');

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
