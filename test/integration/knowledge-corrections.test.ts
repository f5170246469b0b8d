import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { MatterContent } from '@hotline/shared/contracts/knowledge';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { createUnit, hotlineUser, type Unit } from '../support/ticket-factories.js';

/**
 * 纠错 (issue 14, DOMAIN §6): the hotline and the owning unit flag a matter as wrong; only a 知识库采编 resolves it,
 * `made` only after a corrected version is published, `rejected` only with a reason; every step audited. The 考核
 * counts per owning unit: requested / made / rejected / open and hours to fix in the explain, and each request still
 * open 5 days after filing at the month's end as the `kb_correction` deduction.
 */
let t: TestApp;
let unit: Unit;
let other: Unit;
let editor: string;
type Person = { cookie: string; username: string; password: string };
let agent: Person;
let agent2: Person;
let lead: Person;
let matterId: string;
const MONTH = '2037-03';

function content(code: string, fees = '不收费'): MatterContent {
  return {
    name: '测试事项：纠错用登记',
    category: '市场准入',
    visitClass: 'one_visit',
    legalBasis: ['《示范市测试规定》'],
    fees,
    legalTimeLimitDays: 10,
    promisedTimeLimitDays: 1,
    place: '示范市民中心一楼',
    hours: '工作日 9:00-17:00',
    phone: '0571-85100000',
    onlineUrl: null,
    keywords: ['纠错测试'],
    situations: [
      {
        code: `${code}-01`,
        name: '首次登记',
        conditions: ['有固定经营场所'],
        materials: [
          {
            name: '登记申请表',
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
  };
}

const call = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: InjectOptions['payload'],
): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url, headers: asUser(cookie), ...(payload === undefined ? {} : { payload }) });

/** Moves the clock and signs everyone in again (a jump of days expires the sessions). */
async function at(iso: string) {
  t.clock.set(new Date(iso));
  editor = await signIn(t.app, 'kb01');
  for (const u of [agent, agent2, lead, unit.handler, unit.head, other.handler, other.head])
    u.cookie = await signIn(t.app, u.username, u.password);
}

const requestCorrection = (cookie: string, reason: string, id = matterId) =>
  call(cookie, 'POST', `/api/knowledge/matters/${id}/corrections`, { reason });
const resolve = (cookie: string, id: string, body: object) =>
  call(cookie, 'POST', `/api/knowledge/corrections/${id}/resolve`, body);

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  t.clock.set(new Date('2037-03-01T01:00:00Z'));
  unit = await createUnit(t.app, db);
  other = await createUnit(t.app, db);
  editor = await signIn(t.app, 'kb01');
  agent = await hotlineUser(t.app, db, 'agent');
  agent2 = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  const code = `CR-${Date.now() % 1000000}`;
  const created = await call(unit.handler.cookie, 'POST', '/api/knowledge/matters', {
    code,
    departmentId: unit.department.id,
    reviewDueOn: '2038-06-30',
    content: content(code),
  });
  expect(created.statusCode, created.body).toBe(200);
  matterId = created.json().summary.id;
  expect((await call(unit.handler.cookie, 'POST', `/api/knowledge/matters/${matterId}/submit`)).statusCode).toBe(200);
  const published = await call(editor, 'POST', `/api/knowledge/matters/${matterId}/review`, { approve: true });
  expect(published.statusCode, published.body).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

describe('issue 14 纠错: request and resolve', () => {
  let fromAgent: string;
  let fromHandler: string;

  it('lets the hotline and the owning unit request, refuses duplicates, blank reasons and other units', async () => {
    await at('2037-03-02T02:00:00Z');
    const first = await requestCorrection(agent.cookie, '收费标准已调整为每件10元');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      matterId,
      departmentId: unit.department.id,
      status: 'open',
      reason: '收费标准已调整为每件10元',
      resolvedAt: null,
    });
    fromAgent = first.json().id;

    const again = await requestCorrection(agent.cookie, '再次提交');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已对该事项提交过纠错');

    const blank = await requestCorrection(agent2.cookie, '   ');
    expect(blank.statusCode).toBe(422);
    expect(blank.json().message).toBe('请填写纠错理由');
    expect((await requestCorrection(agent2.cookie, '')).statusCode).toBe(400);

    // Another unit does not see this matter: 404, not 403.
    expect((await requestCorrection(other.handler.cookie, '办理地点有误')).statusCode).toBe(404);

    const own = await requestCorrection(unit.handler.cookie, '咨询电话已更换');
    expect(own.statusCode, own.body).toBe(200);
    fromHandler = own.json().id;

    const audit = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'kb.correction_request'), eq(auditLog.entityId, matterId)));
    expect(audit).toHaveLength(2);
  });

  it('shows open requests to editors and to the owning unit only', async () => {
    const list = await call(editor, 'GET', '/api/knowledge/corrections?status=open');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([fromAgent, fromHandler]));
    const mine = list.json().items.find((i: { id: string }) => i.id === fromAgent);
    expect(mine).toMatchObject({ matterName: '测试事项：纠错用登记', departmentName: unit.department.name });

    const ownUnit = await call(unit.head.cookie, 'GET', '/api/knowledge/corrections?status=open');
    expect(ownUnit.json().items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([fromAgent, fromHandler]),
    );
    const otherUnit = await call(other.head.cookie, 'GET', '/api/knowledge/corrections');
    expect(otherUnit.json().items.map((i: { id: string }) => i.id)).not.toContain(fromAgent);
    expect((await call(agent.cookie, 'GET', '/api/knowledge/corrections')).statusCode).toBe(403);
  });

  it('resolves: rejected needs a reason, made needs a newly published version; only editors; once', async () => {
    expect((await resolve(agent.cookie, fromAgent, { outcome: 'made' })).statusCode).toBe(403);
    const noReason = await resolve(editor, fromHandler, { outcome: 'rejected' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toBe('驳回纠错须说明理由');
    const rejected = await resolve(editor, fromHandler, { outcome: 'rejected', note: '电话未变更，经核实无误' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', resolutionNote: '电话未变更，经核实无误' });

    const tooEarly = await resolve(editor, fromAgent, { outcome: 'made' });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().message).toContain('尚未发布更正后的新版本');

    await at('2037-03-04T08:00:00Z');
    const detail = await call(editor, 'GET', `/api/knowledge/matters/${matterId}`);
    const code = detail.json().summary.code as string;
    const draft = await call(unit.handler.cookie, 'PUT', `/api/knowledge/matters/${matterId}/draft`, {
      content: content(code, '每件 10 元'),
      changeNote: '按纠错更正收费',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await call(unit.handler.cookie, 'POST', `/api/knowledge/matters/${matterId}/submit`)).statusCode).toBe(200);
    const v2 = await call(editor, 'POST', `/api/knowledge/matters/${matterId}/review`, { approve: true });
    expect(v2.json().published.versionNo).toBe(2);

    const made = await resolve(editor, fromAgent, { outcome: 'made' });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ status: 'made', resolvedAt: '2037-03-04T08:00:00.000Z' });
    expect((await resolve(editor, fromAgent, { outcome: 'rejected', note: 'x' })).statusCode).toBe(409);

    const audit = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'kb.correction_resolve'), eq(auditLog.entityId, matterId)));
    expect(audit.map((a) => a.toState).sort()).toEqual(['made', 'rejected']);
    expect(audit.find((a) => a.toState === 'rejected')!.reason).toBe('电话未变更，经核实无误');
  });

  it('the assessment counts requested vs made, time to fix, and scores requests left open past the grace days', async () => {
    // Open at the month's end: one filed on 03-20 (past the 5 days), one on 03-29 (within them, not scored yet).
    await at('2037-03-20T02:00:00Z');
    expect((await requestCorrection(lead.cookie, '办理时限表述过时')).statusCode).toBe(200);
    await at('2037-03-29T02:00:00Z');
    expect((await requestCorrection(agent2.cookie, '材料清单缺少身份证复印件')).statusCode).toBe(200);

    await at('2037-04-10T02:00:00Z');
    const league = await call(lead.cookie, 'GET', `/api/assessment/${MONTH}/league`);
    expect(league.statusCode, league.body).toBe(200);
    const row = league.json().rows.find((r: { departmentId: string }) => r.departmentId === unit.department.id);
    expect(row.lines.find((l: { item: string }) => l.item === 'kb_correction')).toMatchObject({
      label: '知识库纠错逾期未更正',
      count: 1,
      weight: 1,
      points: -1,
    });
    const otherRow = league.json().rows.find((r: { departmentId: string }) => r.departmentId === other.department.id);
    expect(otherRow.lines.find((l: { item: string }) => l.item === 'kb_correction').count).toBe(0);

    const explain = await call(
      unit.head.cookie,
      'GET',
      `/api/assessment/${MONTH}/departments/${unit.department.id}/explain`,
    );
    expect(explain.statusCode, explain.body).toBe(200);
    expect(explain.json().kbUpkeep).toMatchObject({
      correctionsRequested: 4,
      correctionsMade: 1,
      correctionsRejected: 1,
      correctionsOpen: 2,
      correctionHoursToFix: 54,
    });
    // The next month: nothing requested or made in it, the two still open are carried (both past the grace now).
    const april = await call(lead.cookie, 'GET', `/api/assessment/2037-04/departments/${unit.department.id}/explain`);
    expect(april.json().kbUpkeep).toMatchObject({ correctionsRequested: 0, correctionsMade: 0, correctionsOpen: 2 });
    expect(april.json().lines.find((l: { item: string }) => l.item === 'kb_correction').count).toBe(2);
  });
});
