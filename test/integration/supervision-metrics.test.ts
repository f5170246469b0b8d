import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { METRIC_KEYS, METRICS, type MetricKey } from '@hotline/shared/domain/metrics';
import { createDepartment, createUser } from '../support/factories.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { refreshContacts, refreshTickets } from '../../server/src/modules/supervision/metric-refresh.js';
import {
  insertCall,
  insertCallback,
  insertCallRating,
  insertReply,
  insertRound,
  insertTicket,
} from './supervision-support.js';

/**
 * Issue 14 — metrics on a hand-built data set with known answers (DOMAIN §8 and the five 最多跑一次 indicators),
 * including the edge cases: no calls, all abandoned, a ticket reopened twice, a rating ruled unreasonable.
 * The year 2031 holds only this file's rows, so the city-wide figures are exactly this data set.
 */
const D = '2031-03-10';
const day = (offset: number, hour = 10) => {
  const d = new Date(Date.UTC(2031, 2, 10 + offset, hour - 8));
  return d;
};
const NOW = day(20);

let t: TestApp;
let lead: Awaited<ReturnType<typeof hotlineUser>>;
let handlerC: { cookie: string };
let headX: { cookie: string };
const ids: Record<string, string> = {};

async function get(cookie: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: asUser(cookie) });
}

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(NOW);
  const db = t.deps.database.db;
  const district = await createDepartment(db, { kind: 'district', name: '测试甲区人民政府' });
  const street = await createDepartment(db, { kind: 'street', name: '测试甲区某街道', parentId: district.id });
  const city = await createDepartment(db, { kind: 'city_department' });
  Object.assign(ids, { X: district.id, S: street.id, C: city.id });
  const agent = await createUser(db, 'agent');
  ids.agent = agent.id;
  lead = await hotlineUser(t.app, db, 'lead');
  const hC = await createUser(db, 'handler', { departmentId: city.id });
  handlerC = { cookie: await signIn(t.app, hC.username, hC.password) };
  const hX = await createUser(db, 'dept_head', { departmentId: district.id });
  headX = { cookie: await signIn(t.app, hX.username, hX.password) };
  const base = { createdBy: agent.id, createdAt: day(0) };

  // T1 直接答复 on the web, closed; T2 不予受理.
  const t1 = await insertTicket(db, { ...base, status: 'closed', channel: 'web', answer: '答复' });
  const t2 = await insertTicket(db, { ...base, status: 'rejected' });
  // T3 to the street: signed and replied in time (within 24 h: 即办件), called back satisfied and solved.
  const t3 = await insertTicket(db, {
    ...base,
    status: 'closed',
    address: '示范市测试甲区文一路8号',
    currentRound: 1,
    leadDepartmentId: street.id,
  });
  const r3 = await insertRound(db, {
    ticketId: t3,
    round: 1,
    departmentId: street.id,
    dispatchedAt: day(0),
    signDueAt: day(0, 11),
    signedAt: day(0, 10.5),
    handlingDueAt: day(2),
    repliedAt: day(1, 9),
  });
  await insertReply(db, {
    ticketId: t3,
    roundId: r3,
    departmentId: street.id,
    createdAt: day(1, 9),
    reviewedAt: day(1),
  });
  await insertCallback(db, {
    ticketId: t3,
    at: day(2),
    agentId: agent.id,
    reached: true,
    satisfaction: 'satisfied',
    solved: true,
  });
  // T4 to the city unit, reopened (重办) twice: late reply, dissatisfied; on-time reply, dissatisfied (ruled
  // unreasonable below); third round still open past its due.
  const t4 = await insertTicket(db, { ...base, status: 'in_progress', currentRound: 3, leadDepartmentId: city.id });
  const r41 = await insertRound(db, {
    ticketId: t4,
    round: 1,
    departmentId: city.id,
    dispatchedAt: day(0),
    signDueAt: day(0, 12),
    signedAt: day(0, 11),
    handlingDueAt: day(1),
    repliedAt: day(3),
  });
  await insertReply(db, {
    ticketId: t4,
    roundId: r41,
    departmentId: city.id,
    createdAt: day(3),
    reviewedAt: day(3, 11),
    content: '第一次答复：已约谈商户',
  });
  await insertCallback(db, {
    ticketId: t4,
    at: day(4),
    agentId: agent.id,
    reached: true,
    satisfaction: 'dissatisfied',
    solved: false,
    comment: '油烟依旧',
  });
  const r42 = await insertRound(db, {
    ticketId: t4,
    round: 2,
    departmentId: city.id,
    reopened: true,
    dispatchedAt: day(4, 12),
    signDueAt: day(4, 13),
    signedAt: day(4, 12.5),
    handlingDueAt: day(6),
    repliedAt: day(5),
  });
  await insertReply(db, {
    ticketId: t4,
    roundId: r42,
    departmentId: city.id,
    createdAt: day(5),
    reviewedAt: day(5, 11),
    content: '第二次答复：已安装净化器',
  });
  ids.cb42 = await insertCallback(db, {
    ticketId: t4,
    at: day(6),
    agentId: agent.id,
    reached: true,
    satisfaction: 'dissatisfied',
    solved: false,
    comment: '要求商户搬走',
  });
  await insertRound(db, {
    ticketId: t4,
    round: 3,
    departmentId: city.id,
    reopened: true,
    dispatchedAt: day(6, 12),
    signDueAt: day(6, 13),
    signedAt: day(6, 12.5),
    handlingDueAt: day(8),
  });
  // T5 returned by the city unit (return rejected: an improper return), never signed; round 2 on time; the
  // callback did not reach the caller.
  const t5 = await insertTicket(db, {
    ...base,
    status: 'awaiting_callback',
    currentRound: 2,
    leadDepartmentId: city.id,
  });
  await insertRound(db, {
    ticketId: t5,
    round: 1,
    departmentId: city.id,
    dispatchedAt: day(0),
    signDueAt: day(0, 11),
    returnedAt: day(0, 10.8),
    returnReview: 'rejected',
  });
  const r52 = await insertRound(db, {
    ticketId: t5,
    round: 2,
    departmentId: city.id,
    dispatchedAt: day(1),
    signDueAt: day(1, 11),
    signedAt: day(1, 10.2),
    handlingDueAt: day(3),
    repliedAt: day(2),
  });
  await insertReply(db, {
    ticketId: t5,
    roundId: r52,
    departmentId: city.id,
    createdAt: day(2),
    reviewedAt: day(2, 11),
  });
  await insertCallback(db, { ticketId: t5, at: day(3), agentId: agent.id, reached: false });
  Object.assign(ids, { t1, t2, t3, t4, t5 });
  await refreshTickets(db, [t1, t2, t3, t4, t5], NOW);

  // Calls: day 0 one answered in 10 s (talk 100 s, rated satisfied), one answered in 20 s (talk 200 s, rated
  // dissatisfied); day 25 only abandoned calls; day 26 none.
  const c1 = await insertCall(db, {
    agentId: agent.id,
    enqueuedAt: day(0),
    answered: true,
    waitSeconds: 10,
    talkSeconds: 100,
  });
  const c2 = await insertCall(db, {
    agentId: agent.id,
    enqueuedAt: day(0),
    answered: true,
    waitSeconds: 20,
    talkSeconds: 200,
  });
  const c3 = await insertCall(db, { agentId: null, enqueuedAt: day(25), answered: false, waitSeconds: 40 });
  const c4 = await insertCall(db, { agentId: null, enqueuedAt: day(25), answered: false, waitSeconds: 5 });
  await insertCallRating(db, { contactId: c1, agentId: agent.id, rating: 1, ratedAt: day(0, 11) });
  ids.rating2 = await insertCallRating(db, { contactId: c2, agentId: agent.id, rating: 3, ratedAt: day(0, 11) });
  await refreshContacts(db, [c1, c2, c3, c4], NOW);
});

afterAll(async () => {
  await t?.close();
});

async function cityFigures(from = D, to = '2031-03-30') {
  const r = await get(lead.cookie, `/api/supervision/metrics?from=${from}&to=${to}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().rows[0] as { counts: Record<string, number>; metrics: Record<MetricKey, number | null> };
}

describe('issue 14 metrics — hand-built data set with known answers', () => {
  it('counts and rates city-wide before any ruling', async () => {
    const { counts, metrics } = await cityFigures();
    expect(counts).toMatchObject({
      received: 5,
      accepted: 4,
      on_the_spot: 1,
      immediate: 2,
      closed: 2,
      closed_online: 1,
      dispatches: 6,
      returns: 1,
      improper_returns: 1,
      lead_dispatches: 6,
      reopened: 2,
      responded_in_time: 5,
      sign_due: 6,
      signed_on_time: 5,
      handling_due: 5,
      closed_on_time: 3,
      overdue: 2,
      callbacks_due: 4,
      callbacks_reached: 3,
      called_back: 3,
      solved: 1,
      rated: 3,
      satisfied: 1,
      dissatisfied: 2,
      inbound: 2,
      answered: 2,
      answered_15s: 1,
      wait_seconds: 30,
      talk_seconds: 300,
      call_rated: 2,
      call_satisfied: 1,
      call_dissatisfied: 1,
    });
    expect(metrics.satisfaction_rate).toBeCloseTo(1 / 3, 5);
    expect(metrics.resolution_rate).toBeCloseTo(1 / 3, 5);
    expect(metrics.response_rate).toBeCloseTo(5 / 6, 5);
    expect(metrics.on_time_sign_rate).toBeCloseTo(5 / 6, 5);
    expect(metrics.on_time_close_rate).toBeCloseTo(3 / 5, 5);
    expect(metrics.return_rate).toBeCloseTo(1 / 6, 5);
    expect(metrics.reopen_rate).toBeCloseTo(2 / 6, 5);
    expect(metrics.extension_rate).toBe(0);
    expect(metrics.effective_callback_rate).toBeCloseTo(3 / 4, 5);
    expect(metrics.direct_answer_rate).toBeCloseTo(1 / 4, 5);
    expect(metrics.acceptance_concentration_rate).toBeCloseTo(4 / 5, 5);
    expect(metrics.online_close_rate).toBeCloseTo(1 / 2, 5);
    expect(metrics.immediate_rate).toBeCloseTo(2 / 4, 5);
    expect(metrics.one_visit_matter_rate).toBeNull(); // no ticket cites a matter
    expect(counts.abandoned).toBeUndefined(); // the abandoned calls are on 04-04, outside the range
    expect(metrics.connect_rate).toBe(1);
    expect(metrics.abandon_rate).toBe(0);
    expect(metrics.answered_15s_rate).toBeCloseTo(1 / 2, 5);
    expect(metrics.average_wait).toBe(15);
    expect(metrics.average_talk).toBe(150);
    expect(metrics.call_satisfaction_rate).toBeCloseTo(1 / 2, 5);
  });

  it('no calls → 无数据 (null), all abandoned → 0% connected', async () => {
    const none = await cityFigures('2031-04-05', '2031-04-05');
    expect(none.metrics.connect_rate).toBeNull();
    expect(none.metrics.average_wait).toBeNull();
    const abandoned = await cityFigures('2031-04-04', '2031-04-04');
    expect(abandoned.counts.inbound).toBe(2);
    expect(abandoned.metrics.connect_rate).toBe(0);
    expect(abandoned.metrics.abandon_rate).toBe(1);
    expect(abandoned.metrics.answered_15s_rate).toBeNull();
  });

  it('per department, streets rolled up to their district, per area and agent', async () => {
    const r = await get(lead.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30&dim=department&key=${ids.C}`);
    const c = r.json().rows[0];
    expect(c.counts).toMatchObject({ received: 2, lead_dispatches: 5, reopened: 2, dissatisfied: 2, overdue: 2 });
    const unit = (
      await get(lead.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30&dim=unit&key=${ids.X}`)
    ).json();
    expect(unit.rows[0].counts).toMatchObject({ received: 1, dispatches: 1, satisfied: 1 });
    expect(unit.rows[0].label).toBe('测试甲区人民政府');
    const area = (
      await get(lead.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30&dim=area&key=${ids.X}`)
    ).json();
    expect(area.rows[0].counts.received).toBe(1);
    const agent = (
      await get(lead.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30&dim=agent&key=${ids.agent}`)
    ).json();
    expect(agent.rows[0].counts).toMatchObject({ received: 5, answered: 2, rated: 3 });
  });

  it('every figure drills down to a list whose count equals the figure', async () => {
    const { counts } = await cityFigures();
    for (const metric of METRIC_KEYS) {
      const def = METRICS[metric];
      for (const part of ['numerator', 'denominator'] as const) {
        if (part === 'denominator' && !def.denominator) continue;
        const r = await get(
          lead.cookie,
          `/api/supervision/metrics/drill?from=${D}&to=2031-03-30&metric=${metric}&part=${part}&limit=500`,
        );
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json();
        let expected: number;
        if (part === 'numerator') {
          expected =
            metric === 'satisfaction_rate'
              ? (counts.satisfied ?? 0) + (counts.basically_satisfied ?? 0)
              : metric === 'call_satisfaction_rate'
                ? (counts.call_satisfied ?? 0) + (counts.call_basically_satisfied ?? 0)
                : def.kind === 'seconds'
                  ? (counts.answered ?? 0) // the calls whose seconds are summed
                  : (counts[def.numerator] ?? 0);
        } else {
          expected =
            metric === 'satisfaction_rate'
              ? (counts.rated ?? 0) - (counts.dissatisfied_ruled_out ?? 0)
              : metric === 'call_satisfaction_rate'
                ? (counts.call_rated ?? 0) - (counts.call_dissatisfied_ruled_out ?? 0)
                : (counts[def.denominator!] ?? 0);
        }
        expect(body.total, `${metric} ${part}`).toBe(expected);
        expect(body.items.length, `${metric} ${part}`).toBe(expected);
      }
    }
    const reopened = await get(
      lead.cookie,
      `/api/supervision/metrics/drill?from=${D}&to=2031-03-30&metric=reopen_rate&part=numerator`,
    );
    expect(new Set(reopened.json().items.map((i: { ticketId: string }) => i.ticketId))).toEqual(new Set([ids.t4]));
  });

  it('a rating ruled unreasonable leaves the 满意率 denominator; the ruling is kept and audited', async () => {
    const before = await get(lead.cookie, `/api/supervision/dissatisfied?from=${D}&to=2031-03-30`);
    const item = before.json().items.find((i: { callbackId: string }) => i.callbackId === ids.cb42);
    expect(item).toMatchObject({ callbackNote: '要求商户搬走', unitReply: '第二次答复：已安装净化器', ruling: null });

    const ruled = await t.app.inject({
      method: 'POST',
      url: `/api/supervision/callbacks/${ids.cb42}/ruling`,
      headers: asUser(lead.cookie),
      payload: { unreasonable: true, reason: '诉求超出法定职责，要求商户搬迁无依据' },
    });
    expect(ruled.statusCode, ruled.body).toBe(200);
    const { counts, metrics } = await cityFigures();
    expect(counts.dissatisfied_ruled_out).toBe(1);
    expect(metrics.satisfaction_rate).toBeCloseTo(1 / 2, 5);
    const after = await get(lead.cookie, `/api/supervision/dissatisfied?from=${D}&to=2031-03-30`);
    expect(after.json().items.find((i: { callbackId: string }) => i.callbackId === ids.cb42).ruling).toMatchObject({
      unreasonable: true,
    });
    const [audit] = await t.deps.database.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'rating.ruling' AND entity_id = ${ids.cb42}`,
    );
    expect(Number(audit!.n)).toBe(1);

    // A satisfied rating cannot be ruled; a per-call dissatisfied rating can.
    const callRuling = await t.app.inject({
      method: 'POST',
      url: `/api/supervision/call-ratings/${ids.rating2}/ruling`,
      headers: asUser(lead.cookie),
      payload: { unreasonable: true, reason: '对政策本身不满，非服务问题' },
    });
    expect(callRuling.statusCode, callRuling.body).toBe(200);
    expect((await cityFigures()).metrics.call_satisfaction_rate).toBe(1);
  });

  it('scoping: a unit sees only its own figures; another unit is a 404; drill-downs are audited', async () => {
    const own = await get(handlerC.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30`);
    expect(own.statusCode).toBe(200);
    expect(own.json().rows).toHaveLength(1);
    expect(own.json().rows[0].key).toBe(ids.C);
    expect(
      (await get(handlerC.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30&dim=department&key=${ids.X}`))
        .statusCode,
    ).toBe(404);
    expect((await get(handlerC.cookie, `/api/supervision/metrics?from=${D}&to=2031-03-30&dim=agent`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await get(
          headX.cookie,
          `/api/supervision/metrics/drill?from=${D}&to=2031-03-30&metric=satisfaction_rate&part=denominator&dim=department&key=${ids.C}`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await get(headX.cookie, `/api/supervision/dissatisfied?from=${D}&to=2031-03-30&departmentId=${ids.C}`))
        .statusCode,
    ).toBe(404);
    const queue = await get(headX.cookie, `/api/supervision/dissatisfied?from=${D}&to=2031-03-30`);
    expect(queue.json().items).toHaveLength(0);
    const drill = await get(
      handlerC.cookie,
      `/api/supervision/metrics/drill?from=${D}&to=2031-03-30&metric=reopen_rate&part=numerator`,
    );
    expect(drill.json().total).toBe(2);
    const [audit] = await t.deps.database.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'supervision.drill' AND entity_id = 'reopen_rate'`,
    );
    expect(Number(audit!.n)).toBeGreaterThanOrEqual(2);
    const agentTry = await get(
      (await hotlineUser(t.app, t.deps.database.db, 'agent')).cookie,
      `/api/supervision/metrics?from=${D}&to=${D}`,
    );
    expect(agentTry.statusCode).toBe(403);
  });

  it('bad input → 400 in Chinese', async () => {
    const r = await get(lead.cookie, `/api/supervision/metrics?from=2031-03-10&to=2031-03-01`);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('结束日期');
    const long = await get(lead.cookie, `/api/supervision/metrics?from=2020-01-01&to=2031-03-01`);
    expect(long.statusCode).toBe(400);
  });
});
