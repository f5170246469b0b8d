import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditReasonLabel, auditStateLabel, UNKNOWN_AUDIT_ACTION } from './audit-labels.js';
import { BREAK_REASONS } from './agent-states.js';
import { EMERGENCY_LINES } from './ticket-types.js';
import { MONITOR_END_REASONS } from '../contracts/call-monitoring.js';

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

  it("names the reasons the system writes as codes, and leaves people's own words as written", () => {
    const CHINESE_ONLY = /^[^A-Za-z_]*$/;
    const systemCodes = [
      'call',
      'callback',
      'web',
      'letter',
      'rebuild',
      'ended',
      'rejected',
      'ring_no_answer',
      'abandoned',
      'callback_requested',
      'reassigned',
      'transferred',
      'not_yours',
      'confidential',
      ...BREAK_REASONS,
      ...MONITOR_END_REASONS,
    ];
    for (const code of systemCodes) expect(auditReasonLabel(code), code).toMatch(CHINESE_ONLY);
    for (const line of EMERGENCY_LINES) expect(auditReasonLabel(line)).toContain(line);
    expect(auditReasonLabel(line0())).not.toBe(line0());
    expect(auditReasonLabel('单位职责不符，应由区住建局办理')).toBe('单位职责不符，应由区住建局办理');
    expect(auditReasonLabel(null)).toBe('');
  });
});
const line0 = () => EMERGENCY_LINES[0];
