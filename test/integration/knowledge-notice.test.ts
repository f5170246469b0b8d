import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { OnceNotice } from '@hotline/shared/domain/notice-rendering';
import { smsLength } from '@hotline/shared/domain/sms-split';
import { assertOnceNoticeBeforeClose } from '../../server/src/modules/knowledge/close-guard.js';
import { AppError } from '../../server/src/platform/http/errors.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { bundleIdByName, insertTicket } from './knowledge-support.js';

let t: TestApp;
let agent: string;
let handler: string;
let editor: string;
let restaurantBundle: string;

beforeAll(async () => {
  t = await startTestApp();
  [agent, handler, editor] = await Promise.all([
    signIn(t.app, 'agent01'),
    signIn(t.app, 'handler_scjg'),
    signIn(t.app, 'kb01'),
  ]);
  restaurantBundle = await bundleIdByName(t.deps.database.db, '开餐馆一件事');
});
afterAll(async () => {
  await t?.close();
});

const post = (cookie: string, url: string, payload: InjectOptions['payload']): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url, headers: asUser(cookie), ...(payload === undefined ? {} : { payload }) });

describe('一次告知 notice of a bundle', () => {
  it('renders 开餐馆一件事 across five matters with every required section, and SMS segments of ≤ 70', async () => {
    const response = await post(agent, '/api/knowledge/notices/preview', { bundleId: restaurantBundle });
    expect(response.statusCode, response.body).toBe(200);
    const { notice, smsSegments } = response.json() as { notice: OnceNotice; smsSegments: string[] };
    expect(notice.title).toBe('开餐馆一件事 一次告知单');
    expect(notice.parts.map((p) => p.departmentName)).toEqual([
      '市市场监督管理局',
      '市市场监督管理局',
      '市消防救援支队',
      '市生态环境局',
      '市综合行政执法局（城管）',
    ]);
    for (const part of notice.parts) {
      expect(part.situations.length).toBeGreaterThan(0);
      for (const s of part.situations) {
        expect(s.conditions.length).toBeGreaterThan(0);
        expect(s.materials.length).toBeGreaterThan(0);
      }
      expect(part.fees).not.toBe('');
      expect(part.timeLimit.text).not.toBe('');
      expect(part.phone).not.toBe('');
      expect(part.place || part.onlineUrl).toBeTruthy();
      expect(part.versionNo).toBeGreaterThanOrEqual(1);
    }
    expect(smsSegments.length).toBeGreaterThan(1);
    smsSegments.forEach((s, i) => {
      expect(smsLength(s)).toBeLessThanOrEqual(70);
      expect(s.startsWith(`(${i + 1}/${smsSegments.length})`)).toBe(true);
    });
  });

  it('stores the notice on the ticket with its versions and an unguessable public page without personal data', async () => {
    const ticket = await insertTicket(t.deps.database.db);
    const response = await post(agent, `/api/tickets/${ticket.id}/notice`, {
      bundleId: restaurantBundle,
      remarks: '可先办营业执照，其余事项同步受理',
    });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(view.delivery.status).toBe('not_sent');
    expect(view.notice.remarks).toBe('可先办营业执照，其余事项同步受理');
    expect(view.smsSegments.join('')).toContain(`/notice/${view.token}`);

    const pub = await t.app.inject({ method: 'GET', url: `/api/public/notices/${view.token}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).not.toContain('13812345678');
    expect(pub.body).not.toContain('张三');
    expect(pub.body).not.toContain(ticket.id);
    expect(pub.json().notice.parts).toHaveLength(5);

    const wrong = await t.app.inject({ method: 'GET', url: `/api/public/notices/${'x'.repeat(32)}` });
    expect(wrong.statusCode).toBe(404);
    const malformed = await t.app.inject({ method: 'GET', url: '/api/public/notices/abc' });
    expect(malformed.statusCode).toBe(400);

    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/knowledge/notices/${view.id}`,
      headers: asUser(agent),
    });
    expect(stored.json().notice.parts.map((p: { versionId: string }) => p.versionId)).toEqual(
      view.notice.parts.map((p: { versionId: string }) => p.versionId),
    );
    const onTicket = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/notices`,
      headers: asUser(agent),
    });
    expect(onTicket.json().items).toHaveLength(1);
  });

  it('enforces the choice: a multi-situation matter needs situations, unknown ones are refused, handlers cannot attach', async () => {
    const ticket = await insertTicket(t.deps.database.db);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/knowledge/search?q=${encodeURIComponent('普通货物运输经营许可')}`,
      headers: asUser(agent),
    });
    const matter = search.json().items[0];
    expect(matter.situations.map((s: { name: string }) => s.name)).toEqual(['新办', '变更', '注销']);
    const none = await post(agent, `/api/tickets/${ticket.id}/notice`, { matterId: matter.matterId });
    expect(none.statusCode).toBe(422);
    expect(none.json().message).toContain('选择办事情形');
    const unknown = await post(agent, `/api/tickets/${ticket.id}/notice`, {
      matterId: matter.matterId,
      situationCodes: ['NOPE-01'],
    });
    expect(unknown.statusCode).toBe(422);
    const ok = await post(agent, `/api/tickets/${ticket.id}/notice`, {
      matterId: matter.matterId,
      situationCodes: [matter.situations[0].code],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().notice.parts[0].situations.map((s: { name: string }) => s.name)).toEqual(['新办']);
    expect((await post(handler, `/api/tickets/${ticket.id}/notice`, { bundleId: restaurantBundle })).statusCode).toBe(
      403,
    );
    expect((await post(editor, `/api/tickets/${ticket.id}/notice`, { bundleId: restaurantBundle })).statusCode).toBe(
      403,
    );
    const missingTicket = await post(agent, `/api/tickets/00000000-0000-4000-8000-000000000000/notice`, {
      bundleId: restaurantBundle,
    });
    expect(missingTicket.statusCode).toBe(404);
  });

  it('refuses to send an SMS to a landline caller, writing nothing', async () => {
    const ticket = await insertTicket(t.deps.database.db, { callerPhone: '057187654321' });
    const response = await post(agent, `/api/tickets/${ticket.id}/notice`, { bundleId: restaurantBundle, send: true });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toContain('不是手机号码');
    const onTicket = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/notices`,
      headers: asUser(agent),
    });
    expect(onTicket.json().items).toHaveLength(0);
  });

  it('sends to a mobile number written with the +86 country code the intake accepts', async () => {
    const ticket = await insertTicket(t.deps.database.db, { callerPhone: '+8613812345678' });
    const response = await post(agent, `/api/tickets/${ticket.id}/notice`, { bundleId: restaurantBundle, send: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().delivery).toMatchObject({ status: 'sending', phone: '+86****5678' });
  });
});

describe('a notice keeps the version it was rendered from', () => {
  it('still shows version 1 after version 2 of the matter is published', async () => {
    const db = t.deps.database.db;
    const departments = await t.app.inject({ method: 'GET', url: '/api/departments', headers: asUser(editor) });
    const scjg = departments.json().items.find((d: { code: string }) => d.code === 'SCJG');
    const code = `NV-${Date.now().toString(36).toUpperCase()}`;
    const content = (fees: string) => ({
      name: '测试事项：告知单版本',
      category: '测试',
      visitClass: 'one_visit',
      legalBasis: ['测试依据'],
      fees,
      legalTimeLimitDays: 5,
      promisedTimeLimitDays: 1,
      place: '示范市民中心',
      hours: '工作日',
      phone: '0571-85100000',
      onlineUrl: null,
      keywords: ['告知单版本'],
      situations: [
        {
          code: `${code}-01`,
          name: '新办',
          conditions: ['条件一'],
          materials: [
            {
              name: '申请表',
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
    });
    const created = await post(editor, '/api/knowledge/matters', {
      code,
      departmentId: scjg.id,
      reviewDueOn: '2027-06-30',
      content: content('不收费'),
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().summary.id as string;
    const publish = async () => {
      expect((await post(editor, `/api/knowledge/matters/${id}/submit`, undefined)).statusCode).toBe(200);
      expect((await post(editor, `/api/knowledge/matters/${id}/review`, { approve: true })).statusCode).toBe(200);
    };
    await publish();

    const ticket = await insertTicket(db);
    const notice = await post(agent, `/api/tickets/${ticket.id}/notice`, { matterId: id });
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json().notice.parts[0]).toMatchObject({ versionNo: 1, fees: '不收费' });

    const draft = await t.app.inject({
      method: 'PUT',
      url: `/api/knowledge/matters/${id}/draft`,
      headers: asUser(editor),
      payload: { content: content('每件 20 元') },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    await publish();

    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/knowledge/notices/${notice.json().id}`,
      headers: asUser(agent),
    });
    expect(stored.json().notice.parts[0]).toMatchObject({ versionNo: 1, fees: '不收费' });
    const fresh = await post(agent, '/api/knowledge/notices/preview', { matterId: id });
    expect(fresh.json().notice.parts[0]).toMatchObject({ versionNo: 2, fees: '每件 20 元' });
  });
});

describe('closing a consultation answered on the spot (assertOnceNoticeBeforeClose)', () => {
  const guard = (ticket: {
    id: string;
    type: 'consultation' | 'complaint';
    status: 'intake' | 'answered' | 'awaiting_callback';
  }) => t.deps.database.db.transaction((tx) => assertOnceNoticeBeforeClose(tx, ticket));

  it('refuses without a notice or a no-matching-matter mark, with a Chinese 422', async () => {
    const ticket = await insertTicket(t.deps.database.db);
    const error = await guard({ id: ticket.id, type: 'consultation', status: 'intake' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(422);
    expect((error as AppError).message).toContain('一次告知单');
  });

  it('allows it once a notice is attached', async () => {
    const ticket = await insertTicket(t.deps.database.db);
    await post(agent, `/api/tickets/${ticket.id}/notice`, { bundleId: restaurantBundle });
    await expect(guard({ id: ticket.id, type: 'consultation', status: 'intake' })).resolves.toBeUndefined();
  });

  it('allows it after the "no matching matter" mark, which puts the question on the gap list', async () => {
    const ticket = await insertTicket(t.deps.database.db);
    const question = '咨询无人机航拍备案在哪里办理';
    const mark = await post(agent, `/api/tickets/${ticket.id}/no-matching-matter`, { question });
    expect(mark.statusCode, mark.body).toBe(200);
    await expect(guard({ id: ticket.id, type: 'consultation', status: 'answered' })).resolves.toBeUndefined();
    const gaps = await t.app.inject({ method: 'GET', url: '/api/knowledge/gaps', headers: asUser(editor) });
    expect(gaps.json().items.find((g: { ticketId: string }) => g.ticketId === ticket.id)).toMatchObject({
      question,
      source: 'no_matching_matter',
    });
  });

  it('does not apply to other request types or to consultations handled by a department', async () => {
    const complaint = await insertTicket(t.deps.database.db, { type: 'complaint' });
    await expect(guard({ id: complaint.id, type: 'complaint', status: 'intake' })).resolves.toBeUndefined();
    const dispatched = await insertTicket(t.deps.database.db, { status: 'awaiting_callback' });
    await expect(
      guard({ id: dispatched.id, type: 'consultation', status: 'awaiting_callback' }),
    ).resolves.toBeUndefined();
  });
});
