import { describe, expect, it } from 'vitest';
import { matchRanges, snippetAround } from './highlight.js';

const marked = (text: string, matches: { start: number; end: number }[]) =>
  matches.map((m) => text.slice(m.start, m.end));

describe('search highlighting (issue 11: positions, not HTML)', () => {
  it('finds every occurrence, preferring the longer term', () => {
    const text = '二手房过户即不动产转移登记';
    const matches = matchRanges(text, ['二手', '二手房', '登记']);
    expect(matches).toEqual([
      { start: 0, end: 3 },
      { start: 11, end: 13 },
    ]);
    expect(marked(text, matches)).toEqual(['二手房', '登记']);
  });

  it('leaves markup in the text as text: no escaping, no HTML', () => {
    const text = '<b>社保</b> & 医保';
    expect(marked(text, matchRanges(text, ['社保']))).toEqual(['社保']);
  });

  it('cuts a snippet around the first match with ellipses, positions relative to the snippet', () => {
    const text = `${'甲'.repeat(100)}噪音${'乙'.repeat(100)}`;
    const snippet = snippetAround(text, ['噪音'], 30);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(marked(snippet.text, snippet.matches)).toEqual(['噪音']);
  });
});
