import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextMatch } from '@hotline/shared/contracts/knowledge';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let agent: string;
let editor: string;

beforeAll(async () => {
  t = await startTestApp();
  agent = await signIn(t.app, 'agent01');
  editor = await signIn(t.app, 'kb01');
});
afterAll(async () => {
  await t?.close();
});

async function search(q: string, cookie = agent) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/knowledge/search?q=${encodeURIComponent(q)}`,
    headers: asUser(cookie),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    terms: string[];
    items: {
      name: string;
      nameMatches: TextMatch[];
      snippet: string;
      snippetMatches: TextMatch[];
      rank: number;
      situations: { name: string }[];
    }[];
    bundles: { name: string; nameMatches: TextMatch[] }[];
  };
}

describe('knowledge search (jieba + tsvector + synonyms)', () => {
  it('finds the restaurant bundle and the business licence for the colloquial 开饭店', async () => {
    const result = await search('开饭店');
    expect(result.bundles.map((b) => b.name)).toContain('开餐馆一件事');
    expect(result.items.map((i) => i.name)).toContain('营业执照设立登记（企业设立登记）');
  });

  it('expands synonyms: 二手房过户 finds 不动产转移登记 ranked first, with the name highlighted', async () => {
    const result = await search('二手房过户');
    expect(result.items[0]!.name).toBe('不动产转移登记');
    expect(result.items[0]!.situations.map((s) => s.name).join()).toContain('买卖');
    expect(result.bundles.map((b) => b.name)).toContain('二手房交易一件事');
  });

  it('ranks a match in the name above a match in the body only', async () => {
    const result = await search('营业执照');
    expect(result.items[0]!.name).toContain('营业执照');
    // Issue 11: match positions, not HTML.
    const top = result.items[0]!;
    expect(top.nameMatches.map((m) => top.name.slice(m.start, m.end))).toContain('营业执照');
    expect(top.name).not.toContain('<mark>');
    // Many matters ask for the licence among their materials only: they come after, ranked lower.
    const bodyOnly = result.items.filter((i) => !i.name.includes('营业执照'));
    expect(bodyOnly.length).toBeGreaterThan(0);
    for (const hit of bodyOnly) expect(hit.rank).toBeLessThan(result.items[0]!.rank);
    const hit = bodyOnly[0]!;
    expect(hit.snippetMatches.map((m) => hit.snippet.slice(m.start, m.end))).toContain('营业执照');
  });

  it('recalls the two-character words 社保 and 噪音', async () => {
    const social = await search('社保');
    expect(social.items.length).toBeGreaterThan(0);
    expect(social.items.some((i) => i.name.includes('社会保障卡') || i.name.includes('社会保险'))).toBe(true);
    const noise = await search('噪音');
    expect(noise.items.length).toBeGreaterThan(0);
    expect(noise.items.some((i) => `${i.name}${i.snippet}`.match(/噪音|噪声/))).toBe(true);
  });

  it('finds something for a chatty question and for a half-typed word', async () => {
    expect((await search('我想开饭店需要办什么')).items.length).toBeGreaterThan(0);
    expect((await search('开饭')).items.length + (await search('开饭')).bundles.length).toBeGreaterThan(0);
  });

  it('escapes HTML in the query and returns nothing for nonsense', async () => {
    const result = await search('<script>alert(1)</script>');
    expect(JSON.stringify(result)).not.toContain('<script>');
    expect((await search('ZZZQQQ')).items).toEqual([]);
  });

  it('uses a synonym group an editor adds at once, and refuses synonyms edits by agents', async () => {
    expect((await search('摆地摊')).items).toEqual([]);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/knowledge/synonyms',
      headers: asUser(agent),
      payload: { terms: ['摆地摊', '户外招牌'] },
    });
    expect(denied.statusCode).toBe(403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/knowledge/synonyms',
      headers: asUser(editor),
      payload: { terms: ['摆地摊', '户外招牌'] },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect((await search('摆地摊')).items.map((i) => i.name).join()).toContain('招牌');
    await t.app.inject({
      method: 'DELETE',
      url: `/api/knowledge/synonyms/${created.json().id}`,
      headers: asUser(editor),
    });
  });

  it('refuses an empty query in Chinese and an anonymous caller', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/api/knowledge/search?q=', headers: asUser(agent) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/knowledge/search?q=社保' });
    expect(anonymous.statusCode).toBe(401);
  });
});
