import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDepartment, createUser } from '../support/factories.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { insertRound, insertTicket } from './supervision-support.js';

/** Issue 14 — the 督办 board: overdue/due-soon by unit, 督办单, 重办, 催办 by SMS; scoped per unit. */
let t: TestApp;
let lead: { cookie: string };
let handlerOther: { cookie: string };
let handlerOwn: { cookie: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  const now = t.clock.now();
  const unit = await createDepartment(db, { liaisonPhone: '13800138000', name: '看板测试单位' });
  const other = await createDepartment(db);
  ids.unit = unit.id;
  lead = await hotlineUser(t.app, db, 'lead');
  const h = await createUser(db, 'handler', { departmentId: other.id });
  handlerOther = { cookie: await signIn(t.app, h.username, h.password) };
  const own = await createUser(db, 'handler', { departmentId: unit.id });
  handlerOwn = { cookie: await signIn(t.app, own.username, own.password) };
  const overdue = await insertTicket(db, {
    status: 'in_progress',
    leadDepartmentId: unit.id,
    currentRound: 2,
    createdAt: now,
  });
  const soon = await insertTicket(db, {
    status: 'awaiting_sign',
    leadDepartmentId: unit.id,
    currentRound: 1,
    createdAt: now,
  });
  await db.execute(
    sql`UPDATE tickets SET due_at = ${new Date(now.getTime() - 3600e3).toISOString()} WHERE id = ${overdue}`,
  );
  await db.execute(
    sql`UPDATE tickets SET due_at = ${new Date(now.getTime() + 3600e3).toISOString()} WHERE id = ${soon}`,
  );
  await insertRound(db, { ticketId: overdue, round: 2, departmentId: unit.id, reopened: true, dispatchedAt: now });
  await db.execute(sql`INSERT INTO supervision_orders (ticket_id, level, instruction, created_at)
    VALUES (${overdue}, 'listed', '市领导批示：限期办结', ${now.toISOString()})`);
  ids.overdue = overdue;
});

afterAll(async () => {
  await t?.close();
});

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: asUser(cookie) });

describe('issue 14 supervision board', () => {
  it('shows overdue and due-soon by unit, 督办单 (批示 at 挂牌 level) and 重办 tickets', async () => {
    const r = await get(lead.cookie, '/api/supervision/board');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.byUnit.find((u: { departmentId: string }) => u.departmentId === ids.unit)).toMatchObject({
      overdue: 1,
      dueSoon: 1,
    });
    expect(body.instructed.some((o: { ticketId: string }) => o.ticketId === ids.overdue)).toBe(true);
    expect(body.reopened.some((o: { ticketId: string }) => o.ticketId === ids.overdue)).toBe(true);
    expect(Array.isArray(body.circulars)).toBe(true);
  });

  it('a unit sees only its own rows', async () => {
    const other = (await get(handlerOther.cookie, '/api/supervision/board')).json();
    expect(other.byUnit.some((u: { departmentId: string }) => u.departmentId === ids.unit)).toBe(false);
    expect(other.reopened.some((o: { ticketId: string }) => o.ticketId === ids.overdue)).toBe(false);
    const own = (await get(handlerOwn.cookie, '/api/supervision/board')).json();
    expect(own.byUnit).toHaveLength(1);
    expect((await get(handlerOwn.cookie, '/api/supervision/hotspots/rising')).statusCode).toBe(403);
  });

  it('催办 goes to the liaison by SMS through the outbox/queue and is audited', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/urge',
      headers: asUser(lead.cookie),
      payload: { ticketId: ids.overdue, text: '请于今日内办结并反馈' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const db = t.deps.database.db;
    const [sms] = await db.execute<{ phone: string; body: string }>(
      sql`SELECT phone, body FROM sms_outbox WHERE id = ${r.json().outboxId}`,
    );
    expect(sms).toMatchObject({ phone: '13800138000' });
    expect(sms!.body).toContain('请于今日内办结并反馈');
    const [audit] = await db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'ticket.urge' AND entity_id = ${ids.overdue}`,
    );
    expect(Number(audit!.n)).toBe(1);
    const rising = await get(lead.cookie, '/api/supervision/hotspots/rising?dim=area');
    expect(rising.statusCode, rising.body).toBe(200);
  });
});
