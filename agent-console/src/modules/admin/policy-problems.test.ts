import { describe, expect, it } from 'vitest';
import { describePolicyProblems, type ProblemLabels } from './policy-problems';

const labels: ProblemLabels = {
  ruleColumn: (c) => ({ amount: '时长', unit: '单位', kind: '时限种类' })[c] ?? c,
  setting: (s) => ({ warningFraction: '预警比例' })[s] ?? s,
  ruleField: (row, column) => `第${row}行「${column}」`,
};

describe('clock policy problems from the server', () => {
  it('splits the service reasons into one line each', () => {
    expect(describePolicyProblems('时限规则有误：第3行：时限必须大于0；缺少“办理时限”的默认规则', labels)).toEqual([
      '第3行：时限必须大于0',
      '缺少“办理时限”的默认规则',
    ]);
  });

  it('names the table row and column instead of the API field path', () => {
    expect(describePolicyProblems('字段「rules.19.duration.amount」不符合要求', labels)).toEqual([
      '第20行「时长」不符合要求',
    ]);
    expect(describePolicyProblems('字段「settings.warningFraction」不能大于 1', labels)).toEqual([
      '「预警比例」不能大于 1',
    ]);
  });

  it('keeps a message it does not understand as the server wrote it', () => {
    expect(describePolicyProblems('字段「rules.2.unknown」取值无效', labels)).toEqual([
      '字段「rules.2.unknown」取值无效',
    ]);
    expect(describePolicyProblems('请求体格式不正确', labels)).toEqual(['请求体格式不正确']);
  });
});
