import { describe, expect, it } from 'vitest';
import { ExtensionBody, IntakeBody } from '@hotline/shared/contracts/tickets';
import { toValidationProblems } from '@hotline/shared/contracts/problems';
import { buildIntakeBody, emptyIntakeForm, INTAKE_FIELD_OF } from '../modules/tickets/intake-form';
import { HttpError } from './http';
import { problemsOf, toFieldErrors, validateAgainst } from './form-problems';

const PREFIX = '事情经过：';

function intake(overrides: Partial<ReturnType<typeof emptyIntakeForm>> = {}) {
  return buildIntakeBody(
    {
      ...emptyIntakeForm(),
      callerName: '张先生',
      callerPhone: '13800001234',
      address: '文三路100号',
      content: '噪音扰民',
      ...overrides,
    },
    PREFIX,
  );
}

describe('issue 11: forms validate against the contract', () => {
  it('accepts a complete intake and refuses what the server would, by field', () => {
    expect(validateAgainst(IntakeBody, intake())).toEqual([]);
    const problems = validateAgainst(IntakeBody, intake({ callerPhone: '电话号码' }));
    expect(problems).toEqual([{ path: 'caller.phone', code: 'pattern', message: '格式不正确' }]);
    expect(toFieldErrors(problems, INTAKE_FIELD_OF).fields).toEqual({ callerPhone: '格式不正确' });
  });

  it('counts 事情经过 against the 4000 characters of content', () => {
    const body = intake({ content: '甲'.repeat(3990), how: '乙'.repeat(20) });
    const problems = validateAgainst(IntakeBody, body);
    expect(problems.map((p) => [p.path, p.code])).toEqual([['content', 'maxLength']]);
    expect(problems[0]!.message).toBe('过长，最多 4000 个字符');
  });

  it('takes the extension bounds from the contract', () => {
    const basis = '《信访工作条例》第三十二条';
    expect(validateAgainst(ExtensionBody, { days: 0, reason: '需要现场勘查', legalBasis: basis })[0]?.path).toBe(
      'days',
    );
    expect(validateAgainst(ExtensionBody, { days: 3, reason: '需要现场勘查', legalBasis: basis })).toEqual([]);
    expect(validateAgainst(ExtensionBody, { days: 3, reason: '需要现场勘查' })[0]?.path).toBe('legalBasis');
  });

  it('reports a missing property on the property itself, once per field', () => {
    const problems = toValidationProblems([
      { keyword: 'required', instancePath: '', params: { missingProperty: 'caller' } },
      { keyword: 'required', instancePath: '', params: { missingProperty: 'caller' } },
      { keyword: 'maxLength', instancePath: '/caller/name', params: { limit: 50 } },
    ]);
    expect(problems).toEqual([
      { path: 'caller', code: 'required', message: '必填' },
      { path: 'caller.name', code: 'maxLength', message: '过长，最多 50 个字符' },
    ]);
    expect(toFieldErrors(problems, INTAKE_FIELD_OF)).toEqual({ fields: { callerName: '必填' }, unmatched: [] });
  });

  it('leaves problems of paths the form does not show unmatched, and reads them only from validation failures', () => {
    const problems = [{ path: 'callId', code: 'maxLength', message: '过长，最多 128 个字符' }];
    expect(toFieldErrors(problems, INTAKE_FIELD_OF).unmatched).toEqual(problems);
    expect(problemsOf(new HttpError(400, 'validation_failed', '…', problems))).toEqual(problems);
    expect(problemsOf(new HttpError(409, 'conflict', '…', problems))).toEqual([]);
    expect(problemsOf(new Error('x'))).toEqual([]);
  });
});
