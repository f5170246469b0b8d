import { describe, expect, it } from 'vitest';
import { ClockPolicy } from '@hotline/shared/contracts/clock-policy';
import { validateAgainst } from '../../app/form-problems';
import { describePolicyProblems, describeSchemaProblems, type ProblemLabels } from './policy-problems';

const labels: ProblemLabels = {
  ruleColumn: (c) => ({ amount: '时长', unit: '单位', kind: '时限种类', note: '备注' })[c] ?? c,
  setting: (s) => ({ warningFraction: '预警比例' })[s] ?? s,
  ruleField: (row, column) => `第${row}行「${column}」`,
  whole: '时限规则',
};

const settings = {
  warningFraction: 0.75,
  warningWorkingDaysBefore: 1,
  chaseWorkingDaysAfterDue: 1,
  publicNoticeWorkingDaysAfterChase: 5,
  autoSignOnSignForDue: false,
};
const rule = {
  kind: 'handling',
  type: null,
  urgency: null,
  category: null,
  duration: { amount: 5, unit: 'working_days' },
  priority: 100,
};

describe('clock policy problems', () => {
  it('splits the service reasons into one line each', () => {
    expect(describePolicyProblems('时限规则有误：第3行：时限必须大于0；缺少“办理时限”的默认规则')).toEqual([
      '第3行：时限必须大于0',
      '缺少“办理时限”的默认规则',
    ]);
  });

  it('issue 11: checks the table in the page against the contract, naming row and column', () => {
    expect(validateAgainst(ClockPolicy, { rules: [rule], settings })).toEqual([]);
    const problems = validateAgainst(ClockPolicy, {
      rules: [rule, { ...rule, duration: { amount: 0, unit: 'working_days' }, note: '注'.repeat(201) }],
      settings: { ...settings, warningFraction: 2 },
    });
    expect(describeSchemaProblems(problems, labels)).toEqual([
      '第2行「时长」须大于 0',
      '第2行「备注」过长，最多 200 个字符',
      '「预警比例」不能大于 1',
    ]);
  });

  it('says what a problem on no known column is about', () => {
    expect(describeSchemaProblems([{ path: 'rules', code: 'minItems', message: '至少 1 项' }], labels)).toEqual([
      '时限规则至少 1 项',
    ]);
  });
});
