import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, hotlineUser, createUnit, must, rowCounts } from '../support/ticket-factories.js';

let t: TestApp;
let ipCounter = 0;
/** Each test speaks from its own address, so the per-IP limits of one test do not spill into another. */
const nextIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const enquiry = {
  name: '赵市民',
  phone: '13700002222',
  content: '小区路灯坏了一个月没人修',
  address: '示范市滨江区江南大道1号',
};

function submit(payload: object, ip: string) {
  return t.app.inject({ method: 'POST', url: '/api/public/enquiries', payload, remoteAddress: ip });
}

describe('public web enquiries (网上诉求)', () => {
  it('submits without sign-in and queries progress with the code: no personal data, no internal notes', async () => {
    const ip = nextIp();
    const created = await submit(enquiry, ip);
    expect(created.statusCode, created.body).toBe(201);
    const { number, queryCode } = created.json();
    expect(queryCode).toMatch(/^[A-Z2-9]{8}$/);

    const db = t.deps.database.db;
    const agent = await hotlineUser(t.app, db, 'agent');
    const lead = await hotlineUser(t.app, db, 'lead');
    const unit = await createUnit(t.app, db);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tickets?q=${number}`,
      headers: { cookie: agent.cookie },
    });
    const id = list.json().items[0].id as string;
    await must(
      act(t.app, agent.cookie, id, 'dispatch', { leadDepartmentId: unit.department.id, note: '内部备注：重点关注' }),
    );
    await must(act(t.app, unit.handler.cookie, id, 'sign'));
    await must(act(t.app, unit.handler.cookie, id, 'progress', { note: '内部进度：已联系路灯所' }));
    await must(act(t.app, unit.handler.cookie, id, 'reply', { content: '路灯已于今日修复' }));
    await must(act(t.app, lead.cookie, id, 'reply-review', { approve: true }));

    const status = await t.app.inject({
      method: 'GET',
      url: `/api/public/enquiries/${number}?code=${queryCode}`,
      remoteAddress: ip,
    });
    expect(status.statusCode, status.body).toBe(200);
    const body = status.json();
    expect(body.statusLabel).toBe('待回访');
    expect(body.reply).toBe('路灯已于今日修复');
    expect(body.steps.map((s: { label: string }) => s.label)).toEqual([
      '已受理',
      '已派发承办单位',
      '承办单位已签收',
      '承办单位已答复',
    ]);
    for (const secret of ['赵市民', '13700002222', '内部备注', '内部进度', unit.department.name]) {
      expect(status.body).not.toContain(secret);
    }
  });

  it('a wrong code or an unknown number is a 404 that does not tell which', async () => {
    const ip = nextIp();
    const { number } = (await submit(enquiry, ip)).json();
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/api/public/enquiries/${number}?code=AAAAAAAA`,
      remoteAddress: ip,
    });
    expect(wrong.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/public/enquiries/20000101000001?code=AAAAAAAA',
      remoteAddress: ip,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe(wrong.json().message);
  });

  it('a filled honeypot looks like success but stores nothing', async () => {
    const before = await rowCounts(t.deps.database.db);
    const r = await submit({ ...enquiry, website: 'http://spam.example' }, nextIp());
    expect(r.statusCode).toBe(201);
    expect(r.json().number).toMatch(/^\d{14}$/);
    expect(await rowCounts(t.deps.database.db)).toEqual(before);
  });

  it('bad input is a Chinese 400 and an oversized body a 413', async () => {
    const ip = nextIp();
    const short = await submit({ ...enquiry, content: '短' }, ip);
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/content/);
    const huge = await submit({ ...enquiry, content: '长'.repeat(20_000) }, ip);
    expect(huge.statusCode).toBe(413);
  });

  it('rate-limits submissions per IP: the 11th within a minute is a 429', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit({ ...enquiry, website: 'bot' }, ip)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    const other = await submit({ ...enquiry, website: 'bot' }, nextIp());
    expect(other.statusCode).toBe(201);
  });
});
