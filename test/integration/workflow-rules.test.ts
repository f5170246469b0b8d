import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { DEFAULT_WORKFLOW_POLICY, type WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import { shanghaiEndOfDay, toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { createClockService } from '../../server/src/modules/clocks/clocks.service.js';
import { departments } from '../../server/src/modules/departments/departments.table.js';
import { chaseNotices } from '../../server/src/modules/dispatch/chase.table.js';
import { createChaseService } from '../../server/src/modules/dispatch/chase.service.js';
import {
  dispatchRounds,
  supervisionOrders,
  ticketCallbacks,
} from '../../server/src/modules/dispatch/dispatch.table.js';
import { smsOutbox } from '../../server/src/modules/notifications/notifications.table.js';
import { hashQueryCode } from '../../server/src/modules/tickets/public-enquiries.service.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { beijing } from '../support/clock-fixtures.js';
import { createDepartment } from '../support/factories.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import {
  act,
  createTicket,
  createUnit,
  hotlineUser,
  intakeBody,
  must,
  type Unit,
} from '../support/ticket-factories.js';

/** Issue 9, items 9–14: extensions, the chase ladder as formal acts, callbacks that cannot be skipped, policy. */
let t: TestApp;
let agent: { cookie: string };
let lead: { cookie: string };
let admin: { cookie: string };
let unit: Unit;
const BASIS = '《示范市12345热线工单办理规定》第十五条';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  admin = await hotlineUser(t.app, db, 'admin');
  unit = await createUnit(t.app, db);
});
afterAll(async () => {
  await t?.close();
});

async function putPolicy(patch: (p: WorkflowPolicy) => void) {
  const policy = structuredClone(DEFAULT_WORKFLOW_POLICY);
  patch(policy);
  const r = await t.app.inject({
    method: 'PUT',
    url: '/api/admin/workflow-policy',
    headers: asUser(admin.cookie),
    payload: policy,
  });
  expect(r.statusCode, r.body).toBe(200);
}

async function signedTicket(overrides = {}) {
  const ticket = await createTicket(t.app, agent.cookie, overrides);
  await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));
  await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
  return ticket;
}

async function awaitingCallback() {
  const ticket = await signedTicket();
  await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '已处理完毕' }));
  await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true }));
  return ticket;
}

async function extend(ticketId: string, days: number) {
  await must(act(t.app, unit.handler.cookie, ticketId, 'extension', { days, reason: '需现场核查', legalBasis: BASIS }));
  await must(act(t.app, lead.cookie, ticketId, 'extension-review', { approve: true }));
}

describe('issue 9.9 — extensions (延期)', () => {
  it('9.9: an extension requested in round 1 and round 2 counts against one 20-working-day cap per ticket', async () => {
    const round1 = await signedTicket();
    await extend(round1.id, 15);
    await must(act(t.app, unit.handler.cookie, round1.id, 'reply', { content: '已处理' }));
    await must(act(t.app, lead.cookie, round1.id, 'reply-review', { approve: true }));
    await must(
      act(t.app, agent.cookie, round1.id, 'callback', { reached: true, satisfaction: 'satisfied', solved: true }),
    );
    // Round 2 (重办 by a lead): a further 6 days would make 21 for the ticket.
    expect(await must(act(t.app, lead.cookie, round1.id, 'reopen', { reason: '领导批示重新办理' }))).toBe(
      'in_progress',
    );
    const over = await act(t.app, unit.handler.cookie, round1.id, 'extension', {
      days: 6,
      reason: '第二轮仍需核查',
      legalBasis: BASIS,
    });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json()).toMatchObject({
      error: 'extension_cap',
      message: '延期累计不能超过20个工作日（已延期15个工作日）',
    });
    // 5 more fit the cap exactly.
    await extend(round1.id, 5);
  });

  it('issue 11: the ticket page is given the 延期额度 the server applies (policy cap, days granted, what remains)', async () => {
    const ticket = await signedTicket();
    const allowance = async (cookie: string) => {
      const r = await t.app.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, headers: asUser(cookie) });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().extensionAllowance;
    };
    expect(await allowance(unit.handler.cookie)).toEqual({ cap: 20, granted: 0, remaining: 20 });
    // An agent may neither request nor review an extension: nothing to bound.
    expect(await allowance(agent.cookie)).toBeNull();
    await must(
      act(t.app, unit.handler.cookie, ticket.id, 'extension', { days: 4, reason: '需现场核查', legalBasis: BASIS }),
    );
    // The lead reviewing the request sees what is granted so far; the unit cannot ask again while it is pending.
    expect(await allowance(lead.cookie)).toEqual({ cap: 20, granted: 0, remaining: 20 });
    expect(await allowance(unit.handler.cookie)).toBeNull();
    await must(act(t.app, lead.cookie, ticket.id, 'extension-review', { approve: true }));
    expect(await allowance(unit.handler.cookie)).toEqual({ cap: 20, granted: 4, remaining: 16 });
    // The workflow policy's cap, not the contract's 20: a city that allows 6 leaves 2, and 3 is refused as said.
    await putPolicy((p) => {
      p.extension.maxTotalWorkingDays = 6;
    });
    try {
      expect(await allowance(unit.handler.cookie)).toEqual({ cap: 6, granted: 4, remaining: 2 });
      const over = await act(t.app, unit.handler.cookie, ticket.id, 'extension', {
        days: 3,
        reason: '仍需核查',
        legalBasis: BASIS,
      });
      expect(over.statusCode, over.body).toBe(409);
      expect(over.json()).toMatchObject({ error: 'extension_cap' });
      await putPolicy((p) => {
        p.extension.maxTotalWorkingDays = 3;
      });
      expect(await allowance(unit.handler.cookie)).toEqual({ cap: 3, granted: 4, remaining: 0 });
    } finally {
      await putPolicy(() => {});
    }
  });

  it('9.9: a request needs its legal basis, which is kept with the request', async () => {
    const ticket = await signedTicket();
    const noBasis = await act(t.app, unit.handler.cookie, ticket.id, 'extension', { days: 2, reason: '等待检测' });
    expect(noBasis.statusCode).toBe(400);
    await must(
      act(t.app, unit.handler.cookie, ticket.id, 'extension', { days: 2, reason: '等待检测', legalBasis: BASIS }),
    );
    const { extensionRequests } = await import('../../server/src/modules/dispatch/dispatch.table.js');
    const [request] = await t.deps.database.db
      .select()
      .from(extensionRequests)
      .where(eq(extensionRequests.ticketId, ticket.id));
    expect(request).toMatchObject({ legalBasis: BASIS, reason: '等待检测', status: 'pending' });
  });

  it('9.9: the Zhoushan rule (request by the working day before the deadline) is a policy option', async () => {
    const db = t.deps.database.db;
    const ticket = await signedTicket();
    // Due at the end of today (Asia/Shanghai): allowed without the rule, too late with it.
    const dueToday = shanghaiEndOfDay(toShanghaiDate(t.clock.now()));
    await db.update(dispatchRounds).set({ handlingDueAt: dueToday }).where(eq(dispatchRounds.ticketId, ticket.id));
    await putPolicy((p) => {
      p.extension.requestByDayBefore = true;
    });
    try {
      const late = await act(t.app, unit.handler.cookie, ticket.id, 'extension', {
        days: 1,
        reason: '来不及',
        legalBasis: BASIS,
      });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({
        error: 'extension_too_late',
        message: '须在办理时限到期前一个工作日内申请延期',
      });
    } finally {
      await putPolicy(() => {});
    }
    await must(
      act(t.app, unit.handler.cookie, ticket.id, 'extension', { days: 1, reason: '来得及', legalBasis: BASIS }),
    );
  });

  it('9.9: the citizen is told of an approved extension by SMS and on the public progress page', async () => {
    const db = t.deps.database.db;
    const phone = '13912345678';
    const ticket = await signedTicket({ caller: { name: '李四', phone } });
    await db
      .update(tickets)
      .set({ queryCodeHash: hashQueryCode('ABCD2345') })
      .where(eq(tickets.id, ticket.id));
    await extend(ticket.id, 3);
    const sms = await db.select().from(smsOutbox).where(eq(smsOutbox.phone, phone)).orderBy(desc(smsOutbox.createdAt));
    expect(sms[0]?.body).toContain(`工单号${ticket.number}`);
    expect(sms[0]?.body).toContain('延期3个工作日');
    const status = await t.app.inject({ method: 'GET', url: `/api/public/enquiries/${ticket.number}?code=ABCD2345` });
    expect(status.statusCode, status.body).toBe(200);
    const labels = status.json().steps.map((s: { label: string }) => s.label) as string[];
    expect(labels.some((l) => l.startsWith('经审核同意延期办理，办理期限延至'))).toBe(true);
  });
});

describe('issue 9.10 — the chase ladder as formal acts (催办 → 督办 → 通报)', () => {
  it('9.10: a lead issues a numbered 催办 sent to the liaison and the leader by SMS; leads see the ladder', async () => {
    const db = t.deps.database.db;
    const chased = await createUnit(t.app, db);
    const { department } = chased;
    await db
      .update(departments)
      .set({ liaisonPhone: '13800000001', leaderName: '王局长', leaderPhone: '13800000002' })
      .where(eq(departments.id, department.id));
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: department.id }));
    const byAgent = await act(t.app, agent.cookie, ticket.id, 'chase', { kind: 'urge' });
    expect(byAgent.statusCode).toBe(403);
    await must(act(t.app, lead.cookie, ticket.id, 'chase', { kind: 'urge', text: '请今日内签收办理' }));
    const [notice] = await db.select().from(chaseNotices).where(eq(chaseNotices.ticketId, ticket.id));
    expect(notice!.number).toMatch(/^CB-\d{8}-\d{4}$/);
    expect(notice).toMatchObject({ kind: 'urge', departmentId: department.id, text: '请今日内签收办理' });
    expect(notice!.issuedBy).not.toBeNull();
    const phones = notice!.recipients.map((r) => r.phone);
    expect(phones).toEqual(expect.arrayContaining(['13800000001', '13800000002']));
    const ids = notice!.recipients.flatMap((r) => (r.smsOutboxId ? [r.smsOutboxId] : []));
    const sms = await db.select().from(smsOutbox).where(inArray(smsOutbox.id, ids));
    expect(sms).toHaveLength(2);
    expect(sms[0]!.body).toContain(notice!.number);

    const ladder = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/chase-ladder`,
      headers: asUser(lead.cookie),
    });
    expect(ladder.statusCode, ladder.body).toBe(200);
    const step = ladder.json().steps[0];
    expect(step).toMatchObject({ kind: 'urge', number: notice!.number, automatic: false });
    expect(JSON.stringify(step.recipients)).not.toContain('13800000001');
    const byUnit = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/chase-ladder`,
      headers: asUser(chased.handler.cookie),
    });
    expect(byUnit.statusCode).toBe(403);
  });

  it('9.10: fired 催办/通报 stages become records, and a ticket still overdue gets one automatic 督办单', async () => {
    const db = t.deps.database.db;
    const ticket = await signedTicket();
    const [clock] = await db
      .select()
      .from(ticketClocks)
      .where(and(eq(ticketClocks.ticketId, ticket.id), eq(ticketClocks.kind, 'handling')));
    // The handling clock ran out long ago: 2026-11-02 … 2026-11-04 (Mon–Wed), now Friday 2026-11-20.
    await db
      .update(ticketClocks)
      .set({ startedAt: beijing('2026-11-02 09:00:00'), dueAt: beijing('2026-11-04 23:59:59') })
      .where(eq(ticketClocks.id, clock!.id));
    const saved = t.clock.now();
    t.clock.set(beijing('2026-11-20 10:00:00'));
    try {
      const clocks = createClockService({ db, clock: t.clock, queues: t.deps.queues, realtime: null });
      const chase = createChaseService({ db, clock: t.clock, realtime: null, clocks, queues: null });
      const fired = await clocks.stages.fireClockStage(clock!.id, 'public_notice');
      expect(fired.fired).toEqual(expect.arrayContaining(['due', 'chase', 'public_notice']));
      const first = await chase.sweepChaseLadder();
      const notices = await db.select().from(chaseNotices).where(eq(chaseNotices.ticketId, ticket.id));
      expect(notices.map((n) => n.kind).sort()).toEqual(['circular', 'urge']);
      expect(notices.every((n) => n.issuedBy === null && n.clockId === clock!.id)).toBe(true);
      expect(notices.find((n) => n.kind === 'circular')!.number).toMatch(/^TB-20261120-\d{4}$/);
      const orders = await db.select().from(supervisionOrders).where(eq(supervisionOrders.ticketId, ticket.id));
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ automatic: true, clockId: clock!.id, createdBy: null });
      expect(orders[0]!.number).toMatch(/^DB-20261120-\d{4}$/);
      expect(first.supervisionOrders).toBeGreaterThanOrEqual(1);
      // Idempotent: a second pass issues nothing more for this ticket.
      await chase.sweepChaseLadder();
      expect(await db.select().from(chaseNotices).where(eq(chaseNotices.ticketId, ticket.id))).toHaveLength(2);
      expect(await db.select().from(supervisionOrders).where(eq(supervisionOrders.ticketId, ticket.id))).toHaveLength(
        1,
      );
      const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(row!.supervised).toBe(true);
    } finally {
      t.clock.set(saved);
    }
  });
});

describe('issue 9.10 — the ladder stops with the unit', () => {
  it('9.10: a ticket finished after its stages fired gets no 催办/通报 and is not re-examined every pass', async () => {
    const db = t.deps.database.db;
    const ticket = await signedTicket();
    const [clock] = await db
      .select()
      .from(ticketClocks)
      .where(and(eq(ticketClocks.ticketId, ticket.id), eq(ticketClocks.kind, 'handling')));
    await db
      .update(ticketClocks)
      .set({ startedAt: beijing('2026-11-02 09:00:00'), dueAt: beijing('2026-11-04 23:59:59') })
      .where(eq(ticketClocks.id, clock!.id));
    const saved = t.clock.now();
    t.clock.set(beijing('2026-11-20 10:00:00'));
    try {
      const clocks = createClockService({ db, clock: t.clock, queues: t.deps.queues, realtime: null });
      const chase = createChaseService({ db, clock: t.clock, realtime: null, clocks, queues: null });
      await clocks.stages.fireClockStage(clock!.id, 'public_notice');
      // Finished meanwhile (e.g. merged into a parent by the hotline).
      await db.update(tickets).set({ status: 'merged' }).where(eq(tickets.id, ticket.id));
      await chase.sweepChaseLadder();
      await chase.sweepChaseLadder();
      expect(await db.select().from(chaseNotices).where(eq(chaseNotices.ticketId, ticket.id))).toHaveLength(0);
      expect(await db.select().from(supervisionOrders).where(eq(supervisionOrders.ticketId, ticket.id))).toHaveLength(
        0,
      );
      const audits = await db
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.entityId, ticket.id), inArray(auditLog.action, ['ticket.chase_skipped', 'ticket.supervise'])),
        );
      expect(audits).toHaveLength(0);
    } finally {
      t.clock.set(saved);
    }
  });
});

describe('issue 9.11 — a ticket awaiting callback is not closed without one', () => {
  it('9.11: an agent cannot close it; a lead can, only with a written reason, audited', async () => {
    const ticket = await awaitingCallback();
    const byAgent = await act(t.app, agent.cookie, ticket.id, 'close', { reason: '不用回访了' });
    expect(byAgent.statusCode).toBe(409);
    expect(byAgent.json().error).toBe('callback_required');
    const noReason = await act(t.app, lead.cookie, ticket.id, 'close', {});
    expect(noReason.statusCode).toBe(409);
    expect(await must(act(t.app, lead.cookie, ticket.id, 'close', { reason: '诉求人来电表示已解决，拒绝回访' }))).toBe(
      'closed',
    );
    const [audit] = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'ticket.close')));
    expect(audit).toMatchObject({ reason: '诉求人来电表示已解决，拒绝回访', fromState: 'awaiting_callback' });
    expect(audit!.detail).toMatchObject({ withoutCallback: true });
  });
});

describe('issue 9.12 — a dissatisfied callback goes to a lead for 判定', () => {
  it('9.12: the agent records words and solved/unsolved, not a verdict; the lead judges', async () => {
    const db = t.deps.database.db;
    const ticket = await awaitingCallback();
    const noSolved = await act(t.app, agent.cookie, ticket.id, 'callback', {
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(noSolved.statusCode).toBe(400);
    const noWords = await act(t.app, agent.cookie, ticket.id, 'callback', {
      reached: true,
      satisfaction: 'dissatisfied',
      solved: false,
    });
    expect(noWords.statusCode).toBe(400);
    // A verdict in the agent's request is not the agent's to give: it is dropped, the ticket waits for the lead.
    expect(
      await must(
        act(t.app, agent.cookie, ticket.id, 'callback', {
          reached: true,
          satisfaction: 'dissatisfied',
          solved: false,
          comment: '还是有油烟，没人来看过',
          unitAtFault: false,
        }),
      ),
    ).toBe('awaiting_callback');
    const again = await act(t.app, agent.cookie, ticket.id, 'callback', { reached: false });
    expect(again.json().error).toBe('verdict_pending');
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/tickets?queue=callback_verdict',
      headers: asUser(lead.cookie),
    });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    const byAgent = await act(t.app, agent.cookie, ticket.id, 'callback-verdict', { unitAtFault: true, reason: 'x' });
    expect(byAgent.statusCode).toBe(403);
    expect(
      await must(
        act(t.app, lead.cookie, ticket.id, 'callback-verdict', { unitAtFault: true, reason: '承办单位未到现场核查' }),
      ),
    ).toBe('in_progress');
    const [cb] = await db.select().from(ticketCallbacks).where(eq(ticketCallbacks.ticketId, ticket.id));
    expect(cb).toMatchObject({
      verdict: 'unit_at_fault',
      verdictReason: '承办单位未到现场核查',
      unitAtFault: true,
      solved: false,
      comment: '还是有油烟，没人来看过',
    });
    expect(cb!.verdictBy).not.toBeNull();
    const orders = await db.select().from(supervisionOrders).where(eq(supervisionOrders.ticketId, ticket.id));
    expect(orders[0]!.number).toMatch(/^DB-\d{8}-\d{4}$/);
  });
});

describe('issue 9.14 — the workflow policy, edited by an admin and audited', () => {
  it('9.14: defaults, admin-only edits with before/after audit, and the rules follow the edit', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/admin/workflow-policy', headers: asUser(lead.cookie) });
    expect(get.json()).toEqual(DEFAULT_WORKFLOW_POLICY);
    const byLead = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/workflow-policy',
      headers: asUser(lead.cookie),
      payload: DEFAULT_WORKFLOW_POLICY,
    });
    expect(byLead.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/workflow-policy',
      headers: asUser(admin.cookie),
      payload: { ...DEFAULT_WORKFLOW_POLICY, callback: { maxUnreachableAttempts: 0 } },
    });
    expect(bad.statusCode).toBe(400);
    await putPolicy((p) => {
      p.callback.maxUnreachableAttempts = 2;
      p.dispatch.maxFailedDispatches = 1;
      p.dispatch.fallback = 'district';
    });
    try {
      const [audit] = await t.deps.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'workflow_policy.update'))
        .orderBy(desc(auditLog.at))
        .limit(1);
      expect(audit!.detail).toMatchObject({ after: { callback: { maxUnreachableAttempts: 2 } } });

      // Two unreachable attempts close it now.
      const ticket = await awaitingCallback();
      expect(await must(act(t.app, agent.cookie, ticket.id, 'callback', { reached: false }))).toBe('awaiting_callback');
      expect(await must(act(t.app, agent.cookie, ticket.id, 'callback', { reached: false }))).toBe('closed');

      // 兜底 (Beijing): after one failed dispatch the district government takes it.
      const returned = await createTicket(t.app, agent.cookie);
      await must(act(t.app, agent.cookie, returned.id, 'dispatch', { leadDepartmentId: unit.department.id }));
      await must(
        act(t.app, unit.handler.cookie, returned.id, 'return', {
          reason: 'wrong_area',
          basis: '不属本单位辖区',
        }),
      );
      await must(act(t.app, lead.cookie, returned.id, 'return-review', { approve: true }));
      const other = await createUnit(t.app, t.deps.database.db);
      const refused = await act(t.app, agent.cookie, returned.id, 'dispatch', {
        leadDepartmentId: other.department.id,
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toBe('district_fallback_required');
      const district = await createDepartment(t.deps.database.db, { kind: 'district', name: '示范市西湖区人民政府' });
      expect(await must(act(t.app, agent.cookie, returned.id, 'dispatch', { leadDepartmentId: district.id }))).toBe(
        'awaiting_sign',
      );
      const [round] = await t.deps.database.db
        .select()
        .from(dispatchRounds)
        .where(and(eq(dispatchRounds.ticketId, returned.id), eq(dispatchRounds.departmentId, district.id)));
      expect(round!.designated).toBe(true);
    } finally {
      await putPolicy(() => {});
    }
  });
});

describe('issue 9.13 — 一次告知 enforced when the answer is given', () => {
  const consultation = {
    type: 'consultation' as const,
    decision: 'answered' as const,
    answer: '已告知办理流程',
    content: '市民来电咨询开饭店需要办理哪些手续',
  };

  it('9.13: a consultation answered on the spot without its notice or the mark cannot be recorded', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: asUser(agent.cookie),
      payload: { ...intakeBody(), ...consultation },
    });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error).toBe('once_notice_required');
  });

  it('9.13: the 无匹配事项 mark is always available and puts the question on the gap list', async () => {
    const ticket = await createTicket(t.app, agent.cookie, { ...consultation, noMatchingMatter: true });
    expect(ticket.status).toBe('answered');
    const { kbGaps } = await import('../../server/src/modules/knowledge/knowledge.table.js');
    const gaps = await t.deps.database.db.select().from(kbGaps).where(eq(kbGaps.ticketId, ticket.id));
    expect(gaps).toHaveLength(1);
    expect(await must(act(t.app, agent.cookie, ticket.id, 'close'))).toBe('closed');
  });

  it('9.13: the notice given with the answer is stored on the ticket in the same request', async () => {
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/knowledge/search?q=${encodeURIComponent('开饭店')}`,
      headers: asUser(agent.cookie),
    });
    const matter = (search.json().items as { matterId: string; situations: { code: string }[] }[]).find(
      (item) => item.situations.length > 0,
    );
    expect(matter, 'the demo KB has a matter for 开饭店').toBeDefined();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: asUser(agent.cookie),
      payload: {
        ...intakeBody(),
        ...consultation,
        onceNotice: { matterId: matter!.matterId, situationCodes: [matter!.situations[0]!.code] },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const { ticketNotices } = await import('../../server/src/modules/knowledge/notices.table.js');
    const notices = await t.deps.database.db
      .select()
      .from(ticketNotices)
      .where(eq(ticketNotices.ticketId, r.json().id));
    expect(notices).toHaveLength(1);
    const part = notices[0]!.rendered.parts[0]!;
    expect(part.legalBasis.length).toBeGreaterThan(0);
    expect(part.departmentName).toBeTruthy();
    expect(part.visitClass).toBeTruthy();
  });
});
