import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDepartment } from '../support/factories.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { refreshTickets } from '../../server/src/modules/supervision/metric-refresh.js';
import { insertCallback, insertReply, insertRound, insertTicket } from './supervision-support.js';

/**
 * Issue 14 wiring after the merge of issue 9b: the board's 催办 is a numbered `chase_notices` row, 通报 are read from
 * `chase_notices` without a guard, and a lead's callback 判定 "not the unit's fault" counts like a ruling.
 */
let t: TestApp;
let lead: Awaited<ReturnType<typeof hotlineUser>>;
const ids: Record<string, string> = {};
const D = '2032-05-10';
/** Asia/Shanghai wall time of a day in May 2032. */
const day = (offset: number, hour = 10) => new Date(Date.UTC(2032, 4, 10 + offset, hour - 8));

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  const now = t.clock.now();
  const unit = await createDepartment(db, { liaisonPhone: '13800138001', name: '催办接线测试单位' });
  ids.unit = unit.id;
  lead = await hotlineUser(t.app, db, 'lead');
  ids.open = await insertTicket(db, {
    status: 'in_progress',
    leadDepartmentId: unit.id,
    currentRound: 1,
    createdAt: now,
  });
  await insertRound(db, { ticketId: ids.open, round: 1, departmentId: unit.id, dispatchedAt: now });
  ids.closed = await insertTicket(db, { status: 'closed', leadDepartmentId: unit.id, currentRound: 1, createdAt: now });

  // Two tickets of another unit, each called back dissatisfied; a lead judged one "not the unit's fault" (判定).
  const judged = await createDepartment(db, { name: '判定测试单位' });
  ids.judgedUnit = judged.id;
  for (const key of ['fault', 'notFault'] as const) {
    const ticket = await insertTicket(db, {
      status: key === 'fault' ? 'in_progress' : 'closed',
      leadDepartmentId: judged.id,
      currentRound: 1,
      createdAt: day(0),
    });
    const round = await insertRound(db, {
      ticketId: ticket,
      round: 1,
      departmentId: judged.id,
      dispatchedAt: day(0),
      signDueAt: day(0, 12),
      signedAt: day(0, 11),
      handlingDueAt: day(3),
      repliedAt: day(1),
    });
    await insertReply(db, {
      ticketId: ticket,
      roundId: round,
      departmentId: judged.id,
      createdAt: day(1),
      reviewedAt: day(1, 11),
    });
    const cb = await insertCallback(db, {
      ticketId: ticket,
      at: day(2),
      reached: true,
      satisfaction: 'dissatisfied',
      solved: false,
      comment: '仍不满意',
    });
    ids[`ticket_${key}`] = ticket;
    ids[`cb_${key}`] = cb;
  }
  await db.execute(sql`UPDATE ticket_callbacks SET verdict = 'unit_at_fault', unit_at_fault = true,
      verdict_reason = '单位未实地核查', verdict_by = ${lead.id}, verdict_at = ${day(2, 15).toISOString()}
    WHERE id = ${ids.cb_fault}`);
  await db.execute(sql`UPDATE ticket_callbacks SET verdict = 'not_unit_fault', unit_at_fault = false,
      verdict_reason = '诉求超出政策规定，单位已依法答复', verdict_by = ${lead.id},
      verdict_at = ${day(2, 15).toISOString()}
    WHERE id = ${ids.cb_notFault}`);
  await refreshTickets(db, [ids.ticket_fault!, ids.ticket_notFault!], t.clock.now());
});

afterAll(async () => {
  await t?.close();
});

const urge = (ticketId: string, text = '请于今日内办结并反馈') =>
  t.app.inject({
    method: 'POST',
    url: '/api/supervision/urge',
    headers: asUser(lead.cookie),
    payload: { ticketId, text },
  });

describe('issue 14 wiring after issue 9b (follow-f14)', () => {
  it('a 催办 from the board writes a numbered chase_notices row (kind urge, CB sequence) with its SMS, in one transaction', async () => {
    const first = await urge(ids.open!);
    expect(first.statusCode, first.body).toBe(200);
    const second = await urge(ids.open!, '再次催办，请立即反馈');
    expect(second.statusCode, second.body).toBe(200);
    const db = t.deps.database.db;
    const notices = await db.execute<{
      id: string;
      number: string;
      kind: string;
      department_id: string;
      issued_by: string;
      recipients: { role: string; smsOutboxId: string }[];
    }>(
      sql`SELECT id, number, kind, department_id, issued_by, recipients FROM chase_notices
          WHERE ticket_id = ${ids.open} ORDER BY number`,
    );
    expect(notices).toHaveLength(2);
    expect(notices.map((n) => n.kind)).toEqual(['urge', 'urge']);
    // One CB sequence per day, shared with the ticket ladder (other tests issue numbers too): consecutive here.
    expect(notices[0]!.number).toMatch(/^CB-\d{8}-\d{4}$/);
    const serial = (n: string) => Number(n.slice(-4));
    expect(serial(notices[1]!.number)).toBe(serial(notices[0]!.number) + 1);
    expect(notices[0]).toMatchObject({ department_id: ids.unit, issued_by: lead.id });
    expect(first.json()).toMatchObject({ noticeId: notices[0]!.id, number: notices[0]!.number });
    expect(notices[0]!.recipients[0]).toMatchObject({ role: 'liaison', smsOutboxId: first.json().outboxId });
    const [sms] = await db.execute<{ body: string }>(
      sql`SELECT body FROM sms_outbox WHERE id = ${first.json().outboxId}`,
    );
    expect(sms!.body).toContain(notices[0]!.number);
    // The ticket's chase ladder (dispatch module) shows the board's 催办.
    const ladder = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ids.open}/chase-ladder`,
      headers: asUser(lead.cookie),
    });
    expect(ladder.statusCode, ladder.body).toBe(200);
    expect(ladder.json().steps.map((s: { number: string }) => s.number)).toEqual(notices.map((n) => n.number));
  });

  it('a finished ticket cannot be chased: 409 in Chinese, nothing written', async () => {
    const r = await urge(ids.closed!);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().message).toContain('不能催办');
    const [n] = await t.deps.database.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM chase_notices WHERE ticket_id = ${ids.closed}`,
    );
    expect(Number(n!.n)).toBe(0);
  });

  it('通报 recorded by the dispatch chase ladder appear on the board (chase_notices read without a guard)', async () => {
    const db = t.deps.database.db;
    await db.execute(sql`INSERT INTO chase_notices (number, kind, ticket_id, department_id, text, recipients, issued_at)
      VALUES ('TB-20990101-0001', 'circular', ${ids.open}, ${ids.unit}, '超期未办结，予以通报', '[]'::jsonb,
              ${new Date(t.clock.now().getTime() - 60_000).toISOString()})`);
    const r = await t.app.inject({ method: 'GET', url: '/api/supervision/board', headers: asUser(lead.cookie) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().circulars.map((c: { number: string }) => c.number)).toContain('TB-20990101-0001');
  });

  it('a callback 判定 "not the unit\'s fault" leaves the 满意率 like a ruling; "unit at fault" still counts', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/metrics?from=${D}&to=2032-05-20`,
      headers: asUser(lead.cookie),
    });
    expect(r.statusCode, r.body).toBe(200);
    const row = r.json().rows[0] as { counts: Record<string, number>; metrics: Record<string, number | null> };
    expect(row.counts.dissatisfied).toBe(2);
    expect(row.counts.dissatisfied_ruled_out).toBe(1);
    // One dissatisfied rating left in the denominator, none satisfied → 0 %, not "no data".
    expect(row.metrics.satisfaction_rate).toBe(0);
    // The 不满意 queue shows the 判定 as the ruling.
    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/dissatisfied?from=${D}&to=2032-05-20`,
      headers: asUser(lead.cookie),
    });
    expect(queue.statusCode, queue.body).toBe(200);
    const items = queue.json().items as {
      callbackId: string;
      ruling: { unreasonable: boolean; reason: string } | null;
    }[];
    expect(items.find((i) => i.callbackId === ids.cb_notFault)?.ruling).toMatchObject({
      unreasonable: true,
      reason: '诉求超出政策规定，单位已依法答复',
    });
    expect(items.find((i) => i.callbackId === ids.cb_fault)?.ruling).toBeNull();
  });
});
