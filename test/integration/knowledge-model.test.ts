import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { MatterContent } from '@hotline/shared/contracts/knowledge';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { departments } from '../../server/src/modules/departments/departments.table.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let scjgHandler: string;
let zjHandler: string;
let editor: string;
let agent: string;
let scjgId: string;
let zjId: string;

beforeAll(async () => {
  t = await startTestApp();
  [scjgHandler, zjHandler, editor, agent] = await Promise.all([
    signIn(t.app, 'handler_scjg'),
    signIn(t.app, 'handler_zj'),
    signIn(t.app, 'kb01'),
    signIn(t.app, 'agent01'),
  ]);
  const rows = await t.deps.database.db.select().from(departments);
  scjgId = rows.find((d) => d.code === 'SCJG')!.id;
  zjId = rows.find((d) => d.code === 'ZJ')!.id;
});
afterAll(async () => {
  await t?.close();
});

const unique = () =>
  randomUUID()
    .slice(0, 6)
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '7');

function content(overrides: Partial<MatterContent> = {}): MatterContent {
  return {
    name: '测试事项：小餐饮登记',
    category: '市场准入',
    visitClass: 'one_visit',
    legalBasis: ['《浙江省食品小作坊小餐饮小食杂店管理规定》'],
    fees: '不收费',
    legalTimeLimitDays: 10,
    promisedTimeLimitDays: 1,
    place: '示范市民中心一楼',
    hours: '工作日 9:00-17:00',
    phone: '0571-85100000',
    onlineUrl: null,
    keywords: ['小吃店登记', '开小吃店'],
    situations: [
      {
        code: 'S-01',
        name: '首次登记',
        conditions: ['有固定经营场所'],
        materials: [
          {
            name: '小餐饮登记申请表',
            form: 'original',
            copies: 1,
            required: true,
            deferrable: false,
            source: '窗口领取',
            sharedElectronically: false,
          },
        ],
      },
    ],
    ...overrides,
  };
}

const call = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: InjectOptions['payload'],
): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url, headers: asUser(cookie), ...(payload === undefined ? {} : { payload }) });

async function createMatter(cookie: string, departmentId: string, body: Partial<MatterContent> = {}) {
  const code = `T-${unique()}`;
  const response = await call(cookie, 'POST', '/api/knowledge/matters', {
    code,
    departmentId,
    reviewDueOn: '2027-06-30',
    content: content({ ...body, situations: content().situations.map((s) => ({ ...s, code: `${code}-01` })) }),
  });
  return { response, code };
}

describe('matter versions: draft → review → published', () => {
  it('lets the owning department draft and submit, and only the editor publish; a published version never changes', async () => {
    const { response, code } = await createMatter(scjgHandler, scjgId);
    expect(response.statusCode, response.body).toBe(200);
    const id = response.json().summary.id as string;
    expect(response.json().working.status).toBe('draft');
    expect(response.json().summary).toMatchObject({ code, latestStatus: 'draft', publishedVersionNo: null });

    // Not searchable before it is published.
    const before = await call(agent, 'GET', `/api/knowledge/search?q=${encodeURIComponent('小吃店登记')}`);
    expect(before.json().items.map((i: { code: string }) => i.code)).not.toContain(code);

    expect((await call(scjgHandler, 'POST', `/api/knowledge/matters/${id}/submit`)).statusCode).toBe(200);
    const lockedEdit = await call(scjgHandler, 'PUT', `/api/knowledge/matters/${id}/draft`, { content: content() });
    expect(lockedEdit.statusCode).toBe(409);
    expect(lockedEdit.json().message).toContain('审核');

    const ownerPublish = await call(scjgHandler, 'POST', `/api/knowledge/matters/${id}/review`, { approve: true });
    expect(ownerPublish.statusCode).toBe(403);
    const published = await call(editor, 'POST', `/api/knowledge/matters/${id}/review`, { approve: true });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().published.versionNo).toBe(1);
    expect(published.json().working).toBeNull();
    expect(published.json().summary).toMatchObject({ code, latestStatus: 'published', publishedVersionNo: 1 });

    const after = await call(agent, 'GET', `/api/knowledge/search?q=${encodeURIComponent('小吃店登记')}`);
    expect(after.json().items.map((i: { code: string }) => i.code)).toContain(code);

    // Editing a published matter starts version 2; version 1 stays exactly as published.
    const draft2 = await call(scjgHandler, 'PUT', `/api/knowledge/matters/${id}/draft`, {
      content: { ...content(), fees: '每件 10 元', situations: published.json().published.content.situations },
      changeNote: '调整收费',
    });
    expect(draft2.statusCode, draft2.body).toBe(200);
    expect(draft2.json().working).toMatchObject({ versionNo: 2, status: 'draft' });
    expect(draft2.json().published).toMatchObject({ versionNo: 1, content: { fees: '不收费' } });
    // The list line follows the version in the works, and still names the published one.
    expect(draft2.json().summary).toMatchObject({ latestStatus: 'draft', publishedVersionNo: 1 });

    expect((await call(editor, 'POST', `/api/knowledge/matters/${id}/submit`)).statusCode).toBe(200);
    const sentBack = await call(editor, 'POST', `/api/knowledge/matters/${id}/review`, { approve: false });
    expect(sentBack.statusCode).toBe(422);
    await call(editor, 'POST', `/api/knowledge/matters/${id}/review`, { approve: false, comment: '请核对收费依据' });
    expect((await call(scjgHandler, 'POST', `/api/knowledge/matters/${id}/submit`)).statusCode).toBe(200);
    const v2 = await call(editor, 'POST', `/api/knowledge/matters/${id}/review`, { approve: true });
    expect(v2.json().published).toMatchObject({ versionNo: 2, content: { fees: '每件 10 元' } });

    const history = await call(scjgHandler, 'GET', `/api/knowledge/matters/${id}/versions`);
    expect(history.json().items.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const audit = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'kb.version_publish')));
    expect(audit).toHaveLength(2);
  });

  it('keeps an unset time limit unset and a 0-day (即办) limit at 0 — JSON null is not coerced to 0', async () => {
    const { response } = await createMatter(scjgHandler, scjgId, {
      legalTimeLimitDays: null,
      promisedTimeLimitDays: 0,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().working.content).toMatchObject({ legalTimeLimitDays: null, promisedTimeLimitDays: 0 });
  });

  it('refuses to submit a matter missing a required notice section, naming it', async () => {
    const { response } = await createMatter(scjgHandler, scjgId, { phone: '', place: '', onlineUrl: null });
    const id = response.json().summary.id as string;
    const submit = await call(scjgHandler, 'POST', `/api/knowledge/matters/${id}/submit`);
    expect(submit.statusCode).toBe(422);
    expect(submit.json().message).toContain('咨询电话');
    expect(submit.json().message).toContain('办理地点或网上办理入口');
  });

  it('validates input with Chinese messages and no half-written record', async () => {
    const bad = await call(scjgHandler, 'POST', '/api/knowledge/matters', {
      code: 'X',
      departmentId: scjgId,
      reviewDueOn: 'tomorrow',
      content: content(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('department scoping', () => {
  it('keeps a department to its own matters: another unit gets 403 on create and 404 on read and edit', async () => {
    const other = await createMatter(scjgHandler, zjId);
    expect(other.response.statusCode).toBe(403);

    const { response } = await createMatter(scjgHandler, scjgId);
    const id = response.json().summary.id as string;
    expect((await call(zjHandler, 'GET', `/api/knowledge/matters/${id}`)).statusCode).toBe(404);
    expect(
      (await call(zjHandler, 'PUT', `/api/knowledge/matters/${id}/draft`, { content: content() })).statusCode,
    ).toBe(404);
    expect((await call(zjHandler, 'POST', `/api/knowledge/matters/${id}/submit`)).statusCode).toBe(404);
    expect((await call(editor, 'GET', `/api/knowledge/matters/${id}`)).statusCode).toBe(200);

    const zjList = await call(zjHandler, 'GET', '/api/knowledge/matters?limit=200');
    expect(zjList.json().items.every((m: { department: { id: string } }) => m.department.id === zjId)).toBe(true);
    expect(zjList.json().items.length).toBeGreaterThan(0);
  });

  it('lets agents read published matters but not edit or create', async () => {
    const list = await call(agent, 'GET', '/api/knowledge/matters?limit=5');
    const id = list.json().items[0].id as string;
    const detail = await call(agent, 'GET', `/api/knowledge/matters/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ mayEdit: false, mayPublish: false, working: null });
    expect((await call(agent, 'PUT', `/api/knowledge/matters/${id}/draft`, { content: content() })).statusCode).toBe(
      403,
    );
    expect((await createMatter(agent, scjgId)).response.statusCode).toBe(403);
  });
});

describe('stale list and gap list', () => {
  it('lists matters past their review date, scoped to the department, until reviewed', async () => {
    const all = await call(editor, 'GET', '/api/knowledge/stale');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.length).toBeGreaterThan(0);
    expect(all.json().items.every((m: { stale: boolean }) => m.stale)).toBe(true);
    const own = await call(scjgHandler, 'GET', '/api/knowledge/stale');
    expect(own.json().items.every((m: { department: { id: string } }) => m.department.id === scjgId)).toBe(true);

    const first = all.json().items[0];
    const reviewed = await call(editor, 'PUT', `/api/knowledge/matters/${first.id}/review-due`, {
      reviewDueOn: '2099-01-01',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const again = await call(editor, 'GET', '/api/knowledge/stale');
    expect(again.json().items.map((m: { id: string }) => m.id)).not.toContain(first.id);
  });

  it('puts an agent-flagged search miss on the gap list for editors', async () => {
    const question = `宠物殡葬服务怎么办理-${unique()}`;
    expect((await call(agent, 'POST', '/api/knowledge/gaps/search-miss', { question })).statusCode).toBe(200);
    expect((await call(agent, 'GET', '/api/knowledge/gaps')).statusCode).toBe(403);
    const gaps = await call(editor, 'GET', '/api/knowledge/gaps');
    const gap = gaps.json().items.find((g: { question: string }) => g.question === question);
    expect(gap).toMatchObject({ source: 'search_miss', reportedByName: '王晓丽' });
    expect((await call(editor, 'POST', `/api/knowledge/gaps/${gap.id}/resolve`, {})).statusCode).toBe(200);
    const open = await call(editor, 'GET', '/api/knowledge/gaps');
    expect(open.json().items.map((g: { id: string }) => g.id)).not.toContain(gap.id);
  });
});
