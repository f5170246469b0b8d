import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDepartment, createUser } from '../support/factories.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { refreshTickets } from '../../server/src/modules/supervision/metric-refresh.js';
import { insertCallback, insertReply, insertRound, insertTicket } from './supervision-support.js';

/**
 * Issue 14 — 考核: the default 三率 scheme on a hand-built month, the explain view, a dispute that changes the
 * figures, a month closed (frozen) and reopened by an admin only — all audited.
 */
const MONTH = '2033-05';
const day = (d: number, hour = 10) => new Date(Date.UTC(2033, 4, d, hour - 8));
let t: TestApp;
let lead: { cookie: string };
let admin: { cookie: string };
let handlerA: { cookie: string };
let headB: { cookie: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(day(31, 20));
  const db = t.deps.database.db;
  // Two public-service companies: a tier of their own.
  const a = await createDepartment(db, { kind: 'public_enterprise', name: '考核测试水务' });
  const b = await createDepartment(db, { kind: 'public_enterprise', name: '考核测试燃气' });
  Object.assign(ids, { A: a.id, B: b.id });
  lead = await hotlineUser(t.app, db, 'lead');
  admin = await hotlineUser(t.app, db, 'admin');
  const hA = await createUser(db, 'handler', { departmentId: a.id });
  handlerA = { cookie: await signIn(t.app, hA.username, hA.password) };
  const hB = await createUser(db, 'dept_head', { departmentId: b.id });
  headB = { cookie: await signIn(t.app, hB.username, hB.password) };

  // A: two tickets, both signed in time; one solved and satisfied; one late, dissatisfied and unsolved.
  // B: one ticket signed in time, solved and satisfied.
  const make = async (dept: string, opts: { late: boolean; satisfied: boolean }) => {
    const id = await insertTicket(db, { status: 'closed', currentRound: 1, leadDepartmentId: dept, createdAt: day(3) });
    const round = await insertRound(db, {
      ticketId: id,
      round: 1,
      departmentId: dept,
      dispatchedAt: day(3),
      signDueAt: day(3, 12),
      signedAt: day(3, 11),
      handlingDueAt: day(5),
      repliedAt: opts.late ? day(8) : day(4),
    });
    await insertReply(db, {
      ticketId: id,
      roundId: round,
      departmentId: dept,
      createdAt: day(8),
      reviewedAt: day(8, 11),
    });
    const cb = await insertCallback(db, {
      ticketId: id,
      at: day(9),
      reached: true,
      satisfaction: opts.satisfied ? 'satisfied' : 'dissatisfied',
      solved: opts.satisfied,
      comment: opts.satisfied ? null : '未解决',
    });
    return { id, round, cb };
  };
  const a1 = await make(a.id, { late: false, satisfied: true });
  const a2 = await make(a.id, { late: true, satisfied: false });
  const b1 = await make(b.id, { late: false, satisfied: true });
  Object.assign(ids, { a2round: a2.round, a2cb: a2.cb });
  await refreshTickets(db, [a1.id, a2.id, b1.id], day(31, 20));
});

afterAll(async () => {
  await t?.close();
});

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: asUser(cookie) });
const post = (cookie: string, url: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: asUser(cookie), payload });

describe('issue 14 assessment (考核)', () => {
  it('scores the default 三率 scheme per tier, with an explain view line by line', async () => {
    const r = await get(lead.cookie, `/api/assessment/${MONTH}/league`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = r
      .json()
      .rows.filter((x: { departmentId: string }) => x.departmentId === ids.A || x.departmentId === ids.B);
    const A = rows.find((x: { departmentId: string }) => x.departmentId === ids.A);
    const B = rows.find((x: { departmentId: string }) => x.departmentId === ids.B);
    // A: 响应率 2/2 → 30, 解决率 1/2 → 17.5, 满意率 1/2 → 17.5, one overdue −0.5 = 64.5; B: 100.
    expect(A.score).toBe(64.5);
    expect(B.score).toBe(100);
    expect(A.tier).toBe('public_enterprise');
    expect(B.rank).toBeLessThan(A.rank);
    const explain = await get(lead.cookie, `/api/assessment/${MONTH}/departments/${ids.A}/explain`);
    expect(explain.statusCode, explain.body).toBe(200);
    const body = explain.json();
    expect(body.lines.find((l: { item: string }) => l.item === 'overdue')).toMatchObject({ count: 1, points: -0.5 });
    expect(body.tickets).toHaveLength(1);
    expect(body.tickets[0]).toMatchObject({ item: 'overdue', refId: ids.a2round });
  });

  it('a unit sees only its own row and explain; another unit is a 404', async () => {
    const own = await get(handlerA.cookie, `/api/assessment/${MONTH}/league`);
    expect(own.json().rows).toHaveLength(1);
    expect(own.json().rows[0]).toMatchObject({ departmentId: ids.A, tierSize: expect.any(Number) });
    expect((await get(handlerA.cookie, `/api/assessment/${MONTH}/departments/${ids.B}/explain`)).statusCode).toBe(404);
    expect((await get(headB.cookie, `/api/assessment/${MONTH}/departments/${ids.B}/explain`)).statusCode).toBe(200);
  });

  it('a dispute upheld by a lead changes the figures; the scheme is versioned by the admin', async () => {
    const filed = await post(handlerA.cookie, '/api/assessment/disputes', {
      month: MONTH,
      kind: 'rating',
      refId: ids.a2cb,
      evidence: '群众诉求为停水补偿，超出本单位职责，附政策文件',
    });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(
      (
        await post(headB.cookie, '/api/assessment/disputes', {
          month: MONTH,
          kind: 'overdue',
          refId: ids.a2round,
          evidence: '不是我单位的',
        })
      ).statusCode,
    ).toBe(404);
    const overdue = await post(handlerA.cookie, '/api/assessment/disputes', {
      month: MONTH,
      kind: 'overdue',
      refId: ids.a2round,
      evidence: '停水抢修期间顺延，已报备',
    });
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(
      (
        await post(handlerA.cookie, `/api/assessment/disputes/${filed.json().id}/ruling`, {
          upheld: true,
          note: '成立',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await post(lead.cookie, `/api/assessment/disputes/${filed.json().id}/ruling`, {
          upheld: true,
          note: '诉求超出职责，申诉成立',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(lead.cookie, `/api/assessment/disputes/${overdue.json().id}/ruling`, {
          upheld: true,
          note: '已报备，免于扣分',
        })
      ).statusCode,
    ).toBe(200);
    const A = (await get(lead.cookie, `/api/assessment/${MONTH}/league`))
      .json()
      .rows.find((x: { departmentId: string }) => x.departmentId === ids.A);
    // 满意率 1/1 → 35 (the ruled rating leaves the denominator), 解决率 still 1/2 → 17.5, no deduction: 82.5.
    expect(A.score).toBe(82.5);

    expect(
      (
        await post(lead.cookie, '/api/assessment/scheme', {
          weights: { satisfaction_rate: 100 },
          deductions: { overdue: 0, improper_return: 0, reopened: 0, circular: 0 },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await post(admin.cookie, '/api/assessment/scheme', {
      weights: { average_wait: 50 },
      deductions: { overdue: 0, improper_return: 0, reopened: 0, circular: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('不是比率');
  });

  it('a closed month is frozen and refuses disputes; only an admin reopens it; both audited', async () => {
    const closed = await post(lead.cookie, `/api/assessment/${MONTH}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const frozenScore = closed.json().rows.find((x: { departmentId: string }) => x.departmentId === ids.A).score;
    // A record changing after the close does not move the frozen table.
    const db = t.deps.database.db;
    await db.execute(sql`UPDATE rating_rulings SET unreasonable = false WHERE callback_id = ${ids.a2cb}`);
    const [ticket] = await db.execute<{ ticket_id: string }>(
      sql`SELECT ticket_id FROM ticket_callbacks WHERE id = ${ids.a2cb}`,
    );
    await refreshTickets(db, [ticket!.ticket_id], day(31, 20));
    const later = (await get(lead.cookie, `/api/assessment/${MONTH}/league`)).json();
    expect(later.status).toBe('closed');
    expect(later.rows.find((x: { departmentId: string }) => x.departmentId === ids.A).score).toBe(frozenScore);
    expect(
      (
        await post(handlerA.cookie, '/api/assessment/disputes', {
          month: MONTH,
          kind: 'rating',
          refId: ids.a2cb,
          evidence: '再次申诉测试',
        })
      ).statusCode,
    ).toBe(409);
    expect((await post(lead.cookie, `/api/assessment/${MONTH}/reopen`, { reason: '数据更正' })).statusCode).toBe(403);
    const reopened = await post(admin.cookie, `/api/assessment/${MONTH}/reopen`, { reason: '回访记录更正后重新计算' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const live = (await get(lead.cookie, `/api/assessment/${MONTH}/league`)).json();
    expect(live.status).toBe('open');
    expect(live.rows.find((x: { departmentId: string }) => x.departmentId === ids.A).score).toBe(65); // 30 + 17.5 + 17.5, overdue exempt
    const audit = await db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_type = 'assessment_month' AND entity_id = ${MONTH} ORDER BY at`,
    );
    expect(audit.map((a) => a.action)).toEqual(['assessment.close', 'assessment.reopen']);
  });

  it("the explain shows the unit's KB upkeep of the month: stale matters, gaps closed, notices sent (follow-f14, item 3)", async () => {
    const db = t.deps.database.db;
    const matter = async (code: string, reviewDueOn: string) => {
      const [row] = await db.execute<{ id: string }>(sql`
        INSERT INTO kb_matters (code, department_id, review_due_on) VALUES (${code}, ${ids.A}, ${reviewDueOn})
        RETURNING id`);
      return row!.id;
    };
    const m1 = await matter(`KBU-${Date.now()}-1`, '2033-04-01');
    await matter(`KBU-${Date.now()}-2`, '2033-05-20');
    await matter(`KBU-${Date.now()}-3`, '2034-01-01');
    // Gaps closed by A's matter: one in May (counts), one in April (does not).
    for (const resolvedAt of ['2033-05-10T02:00:00Z', '2033-04-10T02:00:00Z']) {
      await db.execute(sql`INSERT INTO kb_gaps (question, source, created_at, resolved_at, resolved_matter_id)
        VALUES ('如何办理', (enum_range(NULL::kb_gap_source))[1], ${resolvedAt}, ${resolvedAt}, ${m1})`);
    }
    const ticket = await insertTicket(db, { status: 'closed', createdAt: day(2) });
    for (const [i, createdAt] of ['2033-05-12T02:00:00Z', '2033-04-12T02:00:00Z'].entries()) {
      await db.execute(sql`INSERT INTO ticket_notices (ticket_id, source_versions, rendered, sms_segments, token,
          created_at)
        VALUES (${ticket}, ${JSON.stringify([{ matterId: m1, versionId: m1, versionNo: 1 }])}::jsonb, '{}'::jsonb,
                '[]'::jsonb, ${`kbu-${Date.now()}-${i}`}, ${createdAt})`);
    }
    const explain = await get(lead.cookie, `/api/assessment/${MONTH}/departments/${ids.A}/explain`);
    expect(explain.statusCode, explain.body).toBe(200);
    expect(explain.json().kbUpkeep).toEqual({
      matters: 3,
      staleMatters: 2,
      gapsResolved: 1,
      noticesSent: 1,
      correctionsRequested: 0,
      correctionsMade: 0,
      correctionsRejected: 0,
      correctionsOpen: 0,
      correctionHoursToFix: null,
    });
    const other = await get(lead.cookie, `/api/assessment/${MONTH}/departments/${ids.B}/explain`);
    expect(other.json().kbUpkeep).toEqual({
      matters: 0,
      staleMatters: 0,
      gapsResolved: 0,
      noticesSent: 0,
      correctionsRequested: 0,
      correctionsMade: 0,
      correctionsRejected: 0,
      correctionsOpen: 0,
      correctionHoursToFix: null,
    });
  });
});
