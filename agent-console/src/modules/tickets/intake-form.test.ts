import { describe, expect, it } from 'vitest';
import { createIdempotentSubmission } from './idempotency';
import {
  buildIntakeBody,
  composeContent,
  dispatchAfterIntake,
  duplicateLookupQuery,
  emptyIntakeForm,
  composedContentLength,
  CONTENT_MAX,
  isValidIntakePhone,
  type IntakeFormModel,
} from './intake-form';

const PREFIX = '事情经过：';

function filled(overrides: Partial<IntakeFormModel> = {}): IntakeFormModel {
  return {
    ...emptyIntakeForm(),
    callerName: ' 张先生 ',
    callerPhone: '138 0000 1234',
    address: ' 示范市西湖区文三路100号 ',
    content: ' 超市出售过期食品 ',
    type: 'complaint',
    ...overrides,
  };
}

describe('intake form → API body', () => {
  it('trims the five elements, normalises the phone and leaves empty optional fields out', () => {
    const body = buildIntakeBody(filled(), PREFIX);
    expect(body).toEqual({
      channel: 'phone',
      type: 'complaint',
      urgency: 'normal',
      caller: { name: '张先生', phone: '13800001234' },
      address: '示范市西湖区文三路100号',
      content: '超市出售过期食品',
      confidential: false,
      decision: 'dispatch',
    });
  });

  it('appends how it happened to the content with its label', () => {
    expect(composeContent('噪音扰民', ' 每晚十点后施工 ', PREFIX)).toBe('噪音扰民\n事情经过：每晚十点后施工');
    expect(composeContent('噪音扰民', '  ', PREFIX)).toBe('噪音扰民');
  });

  it('forces confidential for every report (举报), whatever the switch says', () => {
    expect(buildIntakeBody(filled({ type: 'report', confidential: false }), PREFIX).confidential).toBe(true);
    expect(buildIntakeBody(filled({ type: 'help', confidential: true }), PREFIX).confidential).toBe(true);
  });

  it('sends the letter date (来信日期) for letters only', () => {
    expect(buildIntakeBody(filled({ channel: 'letter', letterDate: '2026-11-20' }), PREFIX)).toMatchObject({
      channel: 'letter',
      letterDate: '2026-11-20',
    });
    // A date picked before the agent switched the channel away from 信件 is not sent.
    expect(buildIntakeBody(filled({ channel: 'phone', letterDate: '2026-11-20' }), PREFIX)).not.toHaveProperty(
      'letterDate',
    );
  });

  it('sends only the fields of the chosen decision', () => {
    const stale = { answer: '已答复', legalRoute: '诉讼', transferLine: '110' as const, parentTicketId: 'p' };
    expect(buildIntakeBody(filled({ ...stale, decision: 'dispatch' }), PREFIX)).not.toHaveProperty('answer');
    expect(buildIntakeBody(filled({ ...stale, decision: 'answered' }), PREFIX)).toMatchObject({ answer: '已答复' });
    const rejected = buildIntakeBody(filled({ ...stale, decision: 'rejected' }), PREFIX);
    expect(rejected.legalRoute).toBe('诉讼');
    expect(rejected).not.toHaveProperty('answer');
    expect(buildIntakeBody(filled({ ...stale, decision: 'transferred' }), PREFIX).transferLine).toBe('110');
    expect(buildIntakeBody(filled({ ...stale, decision: 'merged' }), PREFIX).parentTicketId).toBe('p');
  });

  it('carries green channel, categories, summary, occurredAt and matter when given', () => {
    const body = buildIntakeBody(
      filled({
        greenChannel: true,
        categories: ['utilities'],
        title: ' 停水 ',
        occurredAt: '2026-03-02T01:00:00.000Z',
        matterId: '00000000-0000-4000-8000-000000000001',
      }),
      PREFIX,
    );
    expect(body.caller.greenChannel).toBe(true);
    expect(body).toMatchObject({
      categories: ['utilities'],
      title: '停水',
      occurredAt: '2026-03-02T01:00:00.000Z',
      matterId: '00000000-0000-4000-8000-000000000001',
    });
  });

  it('dispatches after intake only for the dispatch decision with a lead unit, without the lead among co-handlers', () => {
    expect(dispatchAfterIntake(filled())).toBeNull();
    expect(dispatchAfterIntake(filled({ decision: 'answered', leadDepartmentId: 'd1' }))).toBeNull();
    expect(dispatchAfterIntake(filled({ leadDepartmentId: 'd1', coDepartmentIds: ['d1'] }))).toEqual({
      leadDepartmentId: 'd1',
    });
    expect(dispatchAfterIntake(filled({ leadDepartmentId: 'd1', coDepartmentIds: ['d1', 'd2'] }))).toEqual({
      leadDepartmentId: 'd1',
      coDepartmentIds: ['d2'],
    });
  });

  it('sends the 智能派单 suggestions on screen with the dispatch, whichever unit the agent chose', () => {
    const shown = { modelVersion: 3, suggestedDepartmentIds: ['d2', 'd1'], suggestedConfidences: [0.7, 0.2] };
    // Chose the 2nd suggestion: the server works out the rank from what was shown.
    expect(dispatchAfterIntake(filled({ leadDepartmentId: 'd1' }), shown)).toEqual({
      leadDepartmentId: 'd1',
      suggestions: shown,
    });
    // Chose a unit not suggested: still sent, recorded as overridden.
    expect(dispatchAfterIntake(filled({ leadDepartmentId: 'd9' }), shown)?.suggestions).toEqual(shown);
    // Nothing shown, or no dispatch: nothing to record.
    expect(dispatchAfterIntake(filled({ leadDepartmentId: 'd1' }), null)).toEqual({ leadDepartmentId: 'd1' });
    const none = { modelVersion: null, suggestedDepartmentIds: [] };
    expect(dispatchAfterIntake(filled({ leadDepartmentId: 'd1' }), none)).toEqual({ leadDepartmentId: 'd1' });
    expect(dispatchAfterIntake(filled({ decision: 'answered', leadDepartmentId: 'd1' }), shown)).toBeNull();
  });

  it('looks up duplicates only once a phone, an address or a matter is complete enough', () => {
    expect(duplicateLookupQuery({ callerPhone: '138', address: '文三', matterId: '' })).toBeNull();
    expect(duplicateLookupQuery({ callerPhone: '138 0000 1234', address: '', matterId: 'x' })).toEqual({
      phone: '13800001234',
    });
    expect(duplicateLookupQuery({ callerPhone: '', address: '文三路100号', matterId: '' })).toEqual({
      address: '文三路100号',
    });
  });
});

describe('idempotent submission', () => {
  it('keeps one key across retries of a submission and starts a new one after it finishes', () => {
    let n = 0;
    const submission = createIdempotentSubmission(() => `key-${++n}`);
    expect(submission.key()).toBe('key-1');
    expect(submission.key()).toBe('key-1');
    submission.finish();
    expect(submission.key()).toBe('key-2');
  });

  it('uses a random UUID by default', () => {
    const a = createIdempotentSubmission();
    const b = createIdempotentSubmission();
    expect(a.key()).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.key()).not.toBe(b.key());
  });
});

describe('caller phone check', () => {
  it('refuses what the contract refuses, after the spaces are taken out', () => {
    expect(isValidIntakePhone('138 0000 1234')).toBe(true);
    expect(isValidIntakePhone('0571-87001234')).toBe(true);
    expect(isValidIntakePhone('12')).toBe(false);
    expect(isValidIntakePhone('138abc')).toBe(false);
    expect(isValidIntakePhone('1'.repeat(21))).toBe(false);
  });
});

describe('issue 11: content limit from the contract', () => {
  it('counts what composeContent appends (事情经过) against the 4000 characters', () => {
    expect(CONTENT_MAX).toBe(4000);
    const what = '甲'.repeat(CONTENT_MAX - 10);
    expect(what.length).toBeLessThanOrEqual(CONTENT_MAX);
    expect(composedContentLength(what, '乙'.repeat(20), PREFIX)).toBeGreaterThan(CONTENT_MAX);
    expect(composedContentLength(what, '', PREFIX)).toBe(what.length);
  });
});
