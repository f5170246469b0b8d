import { describe, expect, it } from 'vitest';
import { scoreDuplicate } from './duplicates.js';
import { normaliseAddress } from './similarity.js';
import { prefillFromText } from './prefill.js';

const at = new Date('2026-03-02T02:00:00Z');
const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000);

describe('issue 15 duplicates (并单) and prefill (智能填单)', () => {
  it('reads one place written differently as the same place', () => {
    expect(normaliseAddress('示范市西湖区文三路１００号')).toBe(normaliseAddress('西湖区 文三路一百号'));
  });

  it('scores the same incident in other words high, and a different problem or door low', () => {
    const a = { content: '文三路100号门口的路灯坏了，晚上一片漆黑', address: '示范市西湖区文三路100号', at };
    const same = {
      content: '西湖区文三路一百号那边路灯坏了不亮，晚上很黑很危险',
      address: '西湖区文三路一百号',
      at: later(3),
    };
    const otherProblem = { content: '文三路100号楼下餐馆油烟太大', address: '西湖区文三路100号', at: later(2) };
    const otherDoor = { content: '文三路路灯坏了晚上一片漆黑', address: '西湖区文三路358号', at: later(1) };
    const threshold = 0.6;
    expect(scoreDuplicate(a, same, 72).score).toBeGreaterThanOrEqual(threshold);
    expect(scoreDuplicate(a, otherProblem, 72).score).toBeLessThan(threshold);
    expect(scoreDuplicate(a, otherDoor, 72).score).toBeLessThan(threshold);
    expect(scoreDuplicate(a, same, 72).reasons.join('')).toContain('路灯');
  });

  it('prefills phone, address, type, urgency and flags from a transcript', () => {
    const result = prefillFromText(
      '你好我姓王，电话 138-1234-5678，西湖区文三路100号楼道里闻到煤气味，很急，麻烦快点来',
    );
    expect(result.phone).toBe('13812345678');
    expect(result.address).toContain('文三路100号');
    expect(result.urgency).toBe('critical');
    expect(result.categories).toEqual(['utilities', 'life_safety']);
    expect(prefillFromText('我想咨询一下公积金怎么办理提取').type).toBe('consultation');
    expect(prefillFromText('举报有人偷排污水').type).toBe('report');
    expect(prefillFromText('随便说点什么')).toMatchObject({ phone: null, type: null, urgency: null, categories: [] });
  });
});
