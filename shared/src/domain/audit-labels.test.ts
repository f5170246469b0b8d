import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditStateLabel, UNKNOWN_AUDIT_ACTION } from './audit-labels.js';

const CHINESE = /^[\u4e00-\u9fff（）·]+$/;

describe('issue 11: no raw keys — audit and timeline labels', () => {
  it('names every action the timeline and the audit log show in Chinese', () => {
    for (const action of [
      'create',
      'extension_request',
      'notice_attach',
      'ticket.notice_attach',
      'return-review',
      'reply_signoff',
      'dispatch',
      'auth.login',
      'calendar.update',
    ]) {
      expect(auditActionLabel(action), action).toMatch(CHINESE);
      expect(auditActionLabel(action), action).not.toBe(UNKNOWN_AUDIT_ACTION);
    }
    expect(auditActionLabel('some.future_action')).toBe(UNKNOWN_AUDIT_ACTION);
  });

  it('names ticket and agent states, never echoing the code', () => {
    expect(auditStateLabel('awaiting_sign')).toBe('待签收');
    expect(auditStateLabel('in_progress')).toBe('办理中');
    expect(auditStateLabel('wrap_up')).toBe('话后处理');
    expect(auditStateLabel('brand_new_state')).toMatch(CHINESE);
    expect(auditStateLabel(null)).toBe('');
  });
});

describe('issue 11: every audit action the server records has a Chinese name', () => {
  it('finds a label for each `action: "x.y"` literal under server/src', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const root = new URL('../../../server/src/', import.meta.url).pathname;
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
      }
    };
    await walk(root);
    const actions = new Set<string>();
    for (const file of files) {
      for (const match of (await readFile(file, 'utf8')).matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) {
        actions.add(match[1]!);
      }
    }
    expect(actions.size).toBeGreaterThan(30);
    const unnamed = [...actions].filter((action) => auditActionLabel(action) === UNKNOWN_AUDIT_ACTION);
    expect(unnamed).toEqual([]);
  });
});
