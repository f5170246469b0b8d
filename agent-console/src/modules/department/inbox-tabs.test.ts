import { describe, expect, it } from 'vitest';
import { inboxQuery, inlineActionsFor, INBOX_TABS } from './inbox-tabs';

describe('department inbox tabs', () => {
  it('filters each tab with its own query', () => {
    expect(INBOX_TABS.map((tab) => tab.key)).toEqual([
      'awaiting-sign',
      'in-progress',
      'due-soon',
      'overdue',
      'returned',
    ]);
    expect(inboxQuery('awaiting-sign')).toEqual({ status: 'awaiting_sign' });
    expect(inboxQuery('overdue')).toEqual({ overdue: true });
    expect(inboxQuery('due-soon')).toEqual({ dueSoon: true });
  });

  it('offers sign and return before sign-for, and progress, extension and reply while handling', () => {
    expect(inlineActionsFor('awaiting_sign')).toEqual(['sign', 'return']);
    expect(inlineActionsFor('in_progress')).toEqual(['progress', 'extension', 'reply', 'return']);
    expect(inlineActionsFor('closed')).toEqual([]);
  });
});
