import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightTerms, snippetAround } from './highlight.js';

describe('search highlighting', () => {
  it('marks every occurrence, preferring the longer term', () => {
    expect(highlightTerms('二手房过户即不动产转移登记', ['二手', '二手房', '登记'])).toBe(
      '<mark>二手房</mark>过户即不动产转移<mark>登记</mark>',
    );
  });

  it('escapes HTML in the text and in the matched part', () => {
    expect(highlightTerms('<b>社保</b> & 医保', ['社保'])).toBe('&lt;b&gt;<mark>社保</mark>&lt;/b&gt; &amp; 医保');
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });

  it('cuts a snippet around the first match with ellipses', () => {
    const text = `${'甲'.repeat(100)}噪音${'乙'.repeat(100)}`;
    const snippet = snippetAround(text, ['噪音'], 30);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>噪音</mark>');
  });
});
