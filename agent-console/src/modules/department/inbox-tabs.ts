/** The inbox's tabs, in the order a handler works through them. Keys double as test ids and future API filters. */
export const INBOX_TABS = [
  { key: 'awaiting-sign', labelKey: 'department.tabs.awaitingSign' },
  { key: 'in-progress', labelKey: 'department.tabs.inProgress' },
  { key: 'due-soon', labelKey: 'department.tabs.dueSoon' },
  { key: 'overdue', labelKey: 'department.tabs.overdue' },
  { key: 'returned', labelKey: 'department.tabs.returned' },
] as const;

export type InboxTabKey = (typeof INBOX_TABS)[number]['key'];
