import { describe, expect, it } from 'vitest';
import {
  buildActionBody,
  CONSOLE_ACTIONS,
  EXTENSION_DAYS,
  emptyActionForm,
  extensionDayBounds,
  visibleActions,
  type ActionFormModel,
} from './action-forms';

const form = (overrides: Partial<ActionFormModel> = {}): ActionFormModel => ({ ...emptyActionForm(), ...overrides });
const PARENT = '00000000-0000-4000-8000-000000000009';

describe('ticket action forms', () => {
  it('shows exactly the allowed actions the console knows, in a stable order', () => {
    expect(visibleActions(['close', 'sign', 'archive', 'return'])).toEqual(['sign', 'return', 'close']);
    expect(visibleActions([])).toEqual([]);
  });

  it('needs a lead unit to dispatch and refuses the lead among co-handlers', () => {
    expect(buildActionBody('dispatch', form())).toEqual({ ok: false, error: 'leadDepartment' });
    expect(buildActionBody('dispatch', form({ leadDepartmentId: 'a', coDepartmentIds: ['a'] }))).toEqual({
      ok: false,
      error: 'coIncludesLead',
    });
    expect(buildActionBody('dispatch', form({ leadDepartmentId: 'a', coDepartmentIds: ['b'], note: ' 急 ' }))).toEqual({
      ok: true,
      body: { leadDepartmentId: 'a', coDepartmentIds: ['b'], note: '急' },
    });
  });

  it('needs a reason and a legal basis to return', () => {
    expect(buildActionBody('return', form({ basis: '三定方案' }))).toEqual({ ok: false, error: 'reason' });
    expect(buildActionBody('return', form({ returnReason: 'wrong_area', basis: ' ' }))).toEqual({
      ok: false,
      error: 'basis',
    });
    expect(buildActionBody('return', form({ returnReason: 'wrong_area', basis: '三定方案' }))).toEqual({
      ok: true,
      body: { reason: 'wrong_area', basis: '三定方案' },
    });
  });

  it('needs a decision on every review; the comment is optional', () => {
    for (const action of ['return-review', 'extension-review', 'reply-review'] as const) {
      expect(buildActionBody(action, form())).toEqual({ ok: false, error: 'approve' });
      expect(buildActionBody(action, form({ approve: false, comment: '理由不足' }))).toEqual({
        ok: true,
        body: { approve: false, comment: '理由不足' },
      });
      expect(buildActionBody(action, form({ approve: true }))).toEqual({ ok: true, body: { approve: true } });
    }
  });

  it('keeps extensions within the contract bounds with a reason and its legal basis (issue 9.9)', () => {
    expect(buildActionBody('extension', form({ days: 0, reason: 'x' }))).toEqual({ ok: false, error: 'days' });
    expect(buildActionBody('extension', form({ days: EXTENSION_DAYS.max + 1, reason: 'x' }))).toEqual({
      ok: false,
      error: 'days',
    });
    expect(buildActionBody('extension', form({ days: 5, reason: '' }))).toEqual({
      ok: false,
      error: 'extensionReason',
    });
    expect(buildActionBody('extension', form({ days: 5, reason: '需现场勘查' }))).toEqual({
      ok: false,
      error: 'legalBasis',
    });
    expect(
      buildActionBody('extension', form({ days: 5, reason: '需现场勘查', legalBasis: ' 办理规定第十五条 ' })),
    ).toEqual({
      ok: true,
      body: { days: 5, reason: '需现场勘查', legalBasis: '办理规定第十五条' },
    });
  });

  it('issue 11: bounds the days by the ticket’s 延期额度 from the server, not by the contract alone', () => {
    const ok = { reason: '需现场勘查', legalBasis: '办理规定第十五条' };
    expect(extensionDayBounds(null)).toEqual(EXTENSION_DAYS);
    const allowance = { cap: 6, granted: 4, remaining: 2 };
    expect(extensionDayBounds(allowance)).toEqual({ min: 1, max: 2 });
    expect(buildActionBody('extension', form({ days: 3, ...ok }), { extensionAllowance: allowance })).toEqual({
      ok: false,
      error: 'days',
    });
    expect(buildActionBody('extension', form({ days: 2, ...ok }), { extensionAllowance: allowance })).toMatchObject({
      ok: true,
    });
    // A larger cap than the contract's bound still stops at the contract's maximum per request.
    expect(extensionDayBounds({ cap: 60, granted: 0, remaining: 60 }).max).toBe(EXTENSION_DAYS.max);
    expect(
      buildActionBody('extension', form({ days: 1, ...ok }), {
        extensionAllowance: { cap: 3, granted: 4, remaining: 0 },
      }),
    ).toEqual({ ok: false, error: 'extensionExhausted' });
  });

  it('records an unreachable callback without a rating, and asks for a rating when reached', () => {
    expect(buildActionBody('callback', form({ reached: false, satisfaction: 'satisfied' }))).toEqual({
      ok: true,
      body: { reached: false },
    });
    expect(buildActionBody('callback', form({ reached: true }))).toEqual({ ok: false, error: 'satisfaction' });
    expect(buildActionBody('callback', form({ satisfaction: 'satisfied' }))).toEqual({ ok: false, error: 'solved' });
    expect(buildActionBody('callback', form({ satisfaction: 'satisfied', solved: true, unitAtFault: true }))).toEqual({
      ok: true,
      body: { reached: true, satisfaction: 'satisfied', solved: true },
    });
    // Issue 9.12: the agent records the citizen's words, never a verdict.
    expect(
      buildActionBody('callback', form({ satisfaction: 'dissatisfied', solved: false, unitAtFault: true })),
    ).toEqual({ ok: false, error: 'callbackComment' });
    expect(
      buildActionBody('callback', form({ satisfaction: 'dissatisfied', solved: false, comment: '没人来修' })),
    ).toEqual({ ok: true, body: { reached: true, satisfaction: 'dissatisfied', solved: false, comment: '没人来修' } });
  });

  it('a callback result made on a 外呼 from the form names that dial (issue 13)', () => {
    const call = '4b0f6c1e-6a7d-4f7e-9a51-2f3c2f1d9e10';
    expect(
      buildActionBody('callback', form({ satisfaction: 'satisfied', solved: true, outboundCallId: call })),
    ).toEqual({ ok: true, body: { reached: true, satisfaction: 'satisfied', solved: true, outboundCallId: call } });
    expect(buildActionBody('callback', form({ reached: false, outboundCallId: call }))).toEqual({
      ok: true,
      body: { reached: false, outboundCallId: call },
    });
  });

  it("a lead's verdict on a dissatisfied callback needs its reason (issue 9.12)", () => {
    expect(buildActionBody('callback-verdict', form({ unitAtFault: true }))).toEqual({
      ok: false,
      error: 'verdictReason',
    });
    expect(buildActionBody('callback-verdict', form({ unitAtFault: true, reason: '未到现场' }))).toEqual({
      ok: true,
      body: { unitAtFault: true, reason: '未到现场' },
    });
  });

  it('checks progress, reply, reopen, merge, close and supervise inputs', () => {
    expect(buildActionBody('progress', form())).toEqual({ ok: false, error: 'progressNote' });
    // 办理结果 and 响应 are required by the console; the files go with the reply.
    expect(buildActionBody('reply', form({ content: ' 已处理 ' }))).toEqual({ ok: false, error: 'replyResult' });
    expect(buildActionBody('reply', form({ content: '已处理', result: 'resolved' }))).toEqual({
      ok: false,
      error: 'contactMethod',
    });
    const file = { fileName: '现场.png', contentBase64: 'iVBORw0KGgo=' };
    expect(
      buildActionBody(
        'reply',
        form({ content: ' 已处理 ', result: 'explained', contactMethod: 'none', files: [file] }),
      ),
    ).toEqual({
      ok: true,
      body: { content: '已处理', result: 'explained', contactMethod: 'none', attachments: [file] },
    });
    expect(buildActionBody('reopen', form())).toEqual({ ok: false, error: 'reopenReason' });
    expect(buildActionBody('merge', form({ parentTicketId: '12345' }))).toEqual({ ok: false, error: 'parentTicketId' });
    expect(buildActionBody('merge', form({ parentTicketId: PARENT }))).toEqual({
      ok: true,
      body: { parentTicketId: PARENT },
    });
    expect(buildActionBody('close', form())).toEqual({ ok: true, body: {} });
    expect(buildActionBody('supervise', form({ instruction: '' }))).toEqual({ ok: false, error: 'instruction' });
    expect(
      buildActionBody(
        'supervise',
        form({ level: 'key', instruction: '三日内办结', dueAt: '2026-03-05T09:00:00.000Z' }),
      ),
    ).toEqual({ ok: true, body: { level: 'key', instruction: '三日内办结', dueAt: '2026-03-05T09:00:00.000Z' } });
    expect(buildActionBody('sign', form())).toEqual({ ok: true, body: undefined });
  });

  it('has a body builder for every console action', () => {
    for (const action of CONSOLE_ACTIONS) expect(() => buildActionBody(action, form())).not.toThrow();
  });
});
