import { describe, expect, it } from 'vitest';
import { firstInboxTab, inboxQuery, inboxTabsFor, inlineActionsFor, INBOX_TABS } from './inbox-tabs';

describe('department inbox tabs', () => {
  it('filters each tab with its own query', () => {
    expect(INBOX_TABS.map((tab) => tab.key)).toEqual([
      'head-sign-off',
      'awaiting-sign',
      'in-progress',
      'due-soon',
      'overdue',
      'returned',
      'replied',
      'awaiting-callback',
      'closed',
    ]);
    expect(inboxQuery('head-sign-off')).toEqual({ queue: 'head_sign_off' });
    expect(inboxQuery('replied')).toEqual({ status: 'replied' });
    expect(inboxQuery('closed')).toEqual({ status: 'closed' });
    expect(inboxQuery('awaiting-sign')).toEqual({ status: 'awaiting_sign' });
    expect(inboxQuery('overdue')).toEqual({ overdue: true });
    expect(inboxQuery('due-soon')).toEqual({ dueSoon: true });
  });

  it('offers sign and return before sign-for, and progress, extension and reply while handling', () => {
    expect(inlineActionsFor('awaiting_sign')).toEqual(['sign', 'return']);
    expect(inlineActionsFor('in_progress')).toEqual(['progress', 'extension', 'reply', 'return']);
    expect(inlineActionsFor('closed')).toEqual([]);
  });

  it('issue 11: 待签发 is the unit head’s first tab and no handler’s', () => {
    expect(firstInboxTab('dept_head')).toBe('head-sign-off');
    expect(firstInboxTab('handler')).toBe('awaiting-sign');
    expect(inboxTabsFor('handler').map((tab) => tab.key)).not.toContain('head-sign-off');
  });

  it('issue 11: the search box narrows a tab by `q`, trimmed and bounded by the contract', () => {
    expect(inboxQuery('in-progress', '  超市 ')).toEqual({ status: 'in_progress', q: '超市' });
    expect(inboxQuery('in-progress', '   ')).toEqual({ status: 'in_progress' });
    expect(inboxQuery('closed', 'x'.repeat(300)).q).toHaveLength(100);
  });
});
