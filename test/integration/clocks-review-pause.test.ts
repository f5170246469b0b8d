import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { formatShanghai } from '@hotline/shared/domain/shanghai-time';
import { signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_ORIGIN } from '../support/env.js';
import { act, createTicket, createUnit, hotlineUser, must, type Unit } from '../support/ticket-factories.js';
import { beijing, insertTicketForClocks, recordingRealtime, subjectOf } from '../support/clock-fixtures.js';
import { createClockService, type ClockServiceApi } from '../../server/src/modules/clocks/clocks.service.js';
import { clockStageFirings, ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { createTicketDomain } from '../../server/src/modules/tickets/tickets.module.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';

/**
 * Issue 9, clocks 1–8: the unit's clocks through the hotline's reviews, the auto-sign instant, minute-clock chases,
 * both warnings, the 紧急 and 复杂件 policy, the callback clock. Real Postgres and Redis, fake clock.
 */
let t: TestApp;
let clocks: ClockServiceApi;
let agent: Awaited<ReturnType<typeof hotlineUser>>;
let lead: Awaited<ReturnType<typeof hotlineUser>>;
let unit: Unit;

const db = () => t.deps.database.db;

/** Moves the fake clock and signs everyone in again (a jump of days expires the sessions). */
async function setTime(text: string) {
  t.clock.set(beijing(text));
  for (const user of [agent, lead, unit.handler]) user.cookie = await signIn(t.app, user.username, user.password);
}

beforeAll(async () => {
  t = await startTestApp();
  agent = await hotlineUser(t.app, db(), 'agent');
  lead = await hotlineUser(t.app, db(), 'lead');
  unit = await createUnit(t.app, db());
  // Wired as in the worker: this clock service's auto-sign hook is the ticket domain's sign action.
  const realtime = recordingRealtime(t.deps.realtime);
  clocks = createClockService({ db: db(), clock: t.clock, queues: t.deps.queues, realtime });
  createTicketDomain({ db: db(), clock: t.clock, realtime, clocks });
});

afterAll(async () => {
  await t?.close();
});

async function clocksOf(ticketId: string, kind?: string) {
  const rows = await db()
    .select()
    .from(ticketClocks)
    .where(eq(ticketClocks.ticketId, ticketId))
    .orderBy(asc(ticketClocks.startedAt), asc(ticketClocks.createdAt));
  return kind ? rows.filter((r) => r.kind === kind) : rows;
}

async function ticketRow(id: string) {
  const [row] = await db().select().from(tickets).where(eq(tickets.id, id));
  return row!;
}

async function dispatched(overrides: Parameters<typeof createTicket>[2] = {}) {
  const ticket = await createTicket(t.app, agent.cookie, overrides);
  await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));
  return ticket;
}

describe('issue 9.3 — auto-sign starts handling at the sign-for due instant', () => {
  it('a Friday-night auto-sign one second late: handling counts from Friday, not from the 调休 Saturday', async () => {
    // Thursday 2026-10-08 10:00: sign-for 1 working day → Friday 10-09 23:59:59.
    await setTime('2026-10-08 10:00:00');
    const ticket = await dispatched();
    const [signFor] = await clocksOf(ticket.id, 'sign_for');
    expect(formatShanghai(signFor!.dueAt)).toBe('2026-10-09 23:59:59');

    // The job runs one second late, on Saturday 10-10 (a 调休 working day).
    await setTime('2026-10-10 00:00:00');
    expect((await clocks.stages.fireClockStage(signFor!.id, 'due')).fired).toEqual(['warning', 'due']);
    expect((await ticketRow(ticket.id)).status).toBe('in_progress');
    const [handling] = await clocksOf(ticket.id, 'handling');
    expect(handling!.startedAt.toISOString()).toBe(signFor!.dueAt.toISOString());
    // 投诉 7 working days from Friday: 10-10 (Sat), 12, 13, 14, 15, 16, 19 — not 10-20.
    expect(formatShanghai(handling!.dueAt)).toBe('2026-10-19 23:59:59');
    expect(formatShanghai((await ticketRow(ticket.id)).dueAt!)).toBe('2026-10-19 23:59:59');
  });
});

describe('issue 9.1 — return review (退单审核) pauses the unit clock', () => {
  it('a pending return pauses the sign-for clock: no stage fires and the one-shot auto-sign is not spent', async () => {
    await setTime('2026-11-23 10:00:00');
    const ticket = await dispatched({ urgency: 'critical' }); // 特急: sign-for 15 minutes
    await setTime('2026-11-23 10:05:00');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'return', { reason: 'wrong_area', basis: '非本单位辖区' }));
    const [signFor] = await clocksOf(ticket.id, 'sign_for');
    expect(signFor).toMatchObject({ state: 'paused', nextStage: null, nextStageAt: null });

    // Past the original due: a stage job armed before the pause arrives, and the scheduler passes.
    await setTime('2026-11-23 10:30:00');
    expect((await clocks.stages.fireClockStage(signFor!.id, 'due')).fired).toEqual([]);
    await clocks.stages.armDueClocks();
    expect(await db().select().from(clockStageFirings).where(eq(clockStageFirings.clockId, signFor!.id))).toEqual([]);
    expect((await ticketRow(ticket.id)).status).toBe('return_review');
    expect(await clocksOf(ticket.id, 'handling')).toEqual([]);
  });

  it('a return rejected after the sign-for due passed: the 特急 ticket is back in 待签收 with its clock running', async () => {
    await setTime('2026-11-24 10:00:00');
    const ticket = await dispatched({ urgency: 'critical' }); // sign-for due 10:15
    await setTime('2026-11-24 10:05:00');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'return', { reason: 'wrong_area', basis: '非本单位辖区' }));
    // Reviewed at 10:40, 25 minutes after the original due: 10 minutes were left → the 60-minute minimum applies.
    await setTime('2026-11-24 10:40:00');
    expect(
      await must(act(t.app, lead.cookie, ticket.id, 'return-review', { approve: false, comment: '属本单位职责' })),
    ).toBe('awaiting_sign');
    const [signFor] = await clocksOf(ticket.id, 'sign_for');
    expect(signFor).toMatchObject({ state: 'running', pausedAt: null });
    expect(formatShanghai(signFor!.dueAt)).toBe('2026-11-24 11:40:00');
    expect(signFor!.nextStageAt).not.toBeNull();
    const row = await ticketRow(ticket.id);
    expect(row).toMatchObject({ status: 'awaiting_sign', dueKind: 'sign_for' });
    expect(row.dueAt!.toISOString()).toBe(signFor!.dueAt.toISOString());

    // The resumed clock runs out: the auto-sign happens now, once, and handling (2 hours) starts at that due.
    await setTime('2026-11-24 11:40:01');
    expect((await clocks.stages.fireClockStage(signFor!.id, 'due')).fired).toEqual(['warning', 'due']);
    expect((await ticketRow(ticket.id)).status).toBe('in_progress');
    const handling = await clocksOf(ticket.id, 'handling');
    expect(handling).toHaveLength(1);
    expect(formatShanghai(handling[0]!.dueAt)).toBe('2026-11-24 13:40:00');
  });

  it('a return rejected with time left resumes with that time plus the review time', async () => {
    await setTime('2026-11-25 09:00:00');
    const ticket = await dispatched(); // sign-for due 11-26 23:59:59
    await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
    const [before] = await clocksOf(ticket.id, 'handling');
    await setTime('2026-11-25 10:00:00');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'return', { reason: 'wrong_area', basis: '非本单位辖区' }));
    await setTime('2026-11-25 13:30:00');
    expect(await must(act(t.app, lead.cookie, ticket.id, 'return-review', { approve: false }))).toBe('in_progress');
    const handling = await clocksOf(ticket.id, 'handling');
    expect(handling).toHaveLength(1);
    expect(handling[0]!.dueAt.getTime() - before!.dueAt.getTime()).toBe(3.5 * 3600_000);
    expect((await ticketRow(ticket.id)).dueAt!.toISOString()).toBe(handling[0]!.dueAt.toISOString());
  });

  it('an approved return closes that round’s clocks as of the return', async () => {
    await setTime('2026-11-23 10:00:00');
    const ticket = await dispatched({ urgency: 'critical' });
    await setTime('2026-11-23 10:05:00');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'return', { reason: 'wrong_area', basis: '非本单位辖区' }));
    await setTime('2026-11-23 11:00:00');
    expect(await must(act(t.app, lead.cookie, ticket.id, 'return-review', { approve: true }))).toBe('pending_dispatch');
    const rows = await clocksOf(ticket.id);
    expect(rows.every((r) => r.stoppedAt !== null && r.nextStage === null)).toBe(true);
    expect(rows.find((r) => r.kind === 'sign_for')).toMatchObject({ state: 'met' });
  });
});

describe('issue 9.2 — a rejected reply resumes the handling clock, not restarts it', () => {
  async function signedComplaint() {
    await setTime('2026-11-23 10:00:00');
    const ticket = await dispatched();
    await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
    const [handling] = await clocksOf(ticket.id, 'handling');
    expect(formatShanghai(handling!.dueAt)).toBe('2026-12-02 23:59:59');
    return { ticket, handling: handling! };
  }

  it('a reply rejected at deadline − 1 minute: the same clock runs out a minute later and the breach is recorded', async () => {
    const { ticket, handling } = await signedComplaint();
    await setTime('2026-12-02 23:58:59');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '正在处理' }));
    expect(await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: false, comment: '未办结' }))).toBe(
      'in_progress',
    );
    const rows = await clocksOf(ticket.id, 'handling');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: handling.id, state: 'running', stoppedAt: null });
    expect(formatShanghai(rows[0]!.dueAt)).toBe('2026-12-02 23:59:59');
    expect(formatShanghai((await ticketRow(ticket.id)).dueAt!)).toBe('2026-12-02 23:59:59');

    await setTime('2026-12-03 00:00:05');
    expect((await clocks.stages.fireClockStage(handling.id, 'due')).fired).toContain('due');
    expect((await clocksOf(ticket.id, 'handling'))[0]).toMatchObject({ state: 'breached' });
  });

  it('review time is added to the due (policy default); a clock breached before the reply stays breached', async () => {
    const { ticket, handling } = await signedComplaint();
    await setTime('2026-12-02 23:58:59');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '正在处理' }));
    await setTime('2026-12-03 09:00:00'); // 9 h 1 min in review
    await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: false }));
    const [resumed] = await clocksOf(ticket.id, 'handling');
    expect(formatShanghai(resumed!.dueAt)).toBe('2026-12-03 09:01:00');

    // It runs out at 09:01; a reply after that, rejected, leaves it breached with the same due.
    await setTime('2026-12-03 09:02:00');
    await clocks.stages.fireClockStage(handling.id, 'due');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '已处理' }));
    await setTime('2026-12-04 09:00:00');
    await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: false }));
    const [after] = await clocksOf(ticket.id, 'handling');
    expect(after).toMatchObject({ id: handling.id, state: 'breached', stoppedAt: null });
    expect(formatShanghai(after!.dueAt)).toBe('2026-12-03 09:01:00');
    const breaches = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'clock.due')));
    expect(breaches).toHaveLength(1);
  });
});

describe('issue 9.8 — the callback clock starts at the reply', () => {
  it('a Friday reply approved on Monday: the callback is due Monday, the working day after the reply', async () => {
    await setTime('2026-11-23 10:00:00');
    const ticket = await dispatched();
    await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
    await setTime('2026-11-27 16:00:00'); // Friday
    await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '已处理完毕' }));
    await setTime('2026-11-30 10:00:00'); // Monday
    expect(await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true }))).toBe('awaiting_callback');
    const [callback] = await clocksOf(ticket.id, 'callback');
    expect(formatShanghai(callback!.startedAt)).toBe('2026-11-27 16:00:00');
    expect(formatShanghai(callback!.dueAt)).toBe('2026-11-30 23:59:59');
    // The unit's handling clock stopped as met (as of its reply, before its due).
    expect((await clocksOf(ticket.id, 'handling'))[0]).toMatchObject({ state: 'met' });
  });
});

describe('issues 9.4–9.7 — ladder offsets, both warnings, 紧急 and 复杂件 policy', () => {
  it('issue 9.4: a 水电气热 sign-for due at 10:30 is chased at 11:00 (minutes), not the next working day', async () => {
    const ticket = await insertTicketForClocks(db(), { categories: ['utilities'] });
    const { id, dueAt } = await db().transaction((tx) =>
      clocks.start(tx, subjectOf(ticket, unit.department.id), 'sign_for', beijing('2026-11-27 10:00:00')),
    );
    expect(formatShanghai(dueAt)).toBe('2026-11-27 10:30:00');
    await setTime('2026-11-27 10:30:01');
    const due = await clocks.stages.fireClockStage(id, 'due');
    expect(due.next && `${due.next.stage} ${formatShanghai(due.next.at)}`).toBe('chase 2026-11-27 11:00:00');
    await setTime('2026-11-27 11:00:01');
    const chase = await clocks.stages.fireClockStage(id, 'chase');
    expect(chase.fired).toEqual(['chase']);
    expect(chase.next && `${chase.next.stage} ${formatShanghai(chase.next.at)}`).toBe(
      'public_notice 2026-11-27 13:00:00',
    );
  });

  it('issue 9.5: a 3-day consultation gets both warnings, 1 working day before and at 75%', async () => {
    const ticket = await insertTicketForClocks(db(), { type: 'consultation' });
    const { id } = await db().transaction((tx) =>
      clocks.start(tx, subjectOf(ticket, unit.department.id), 'handling', beijing('2026-11-23 10:00:00')),
    );
    // 11-24, 11-25, 11-26: 1 working day before = 11-26 00:00; 75% = 2.25 days in = 11-26 06:00.
    await setTime('2026-11-26 00:00:01');
    const first = await clocks.stages.fireClockStage(id, 'warning');
    expect(first.fired).toEqual(['warning']);
    expect(first.next && `${first.next.stage} ${formatShanghai(first.next.at)}`).toBe(
      'final_warning 2026-11-26 06:00:00',
    );
    await setTime('2026-11-26 06:00:01');
    expect((await clocks.stages.fireClockStage(id, 'final_warning')).fired).toEqual(['final_warning']);
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, ticket.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['clock.final_warning', 'clock.warning']);
  });

  it('issue 9.6: a 紧急 ticket signs within 2 calendar hours and is handled within 3 working days', async () => {
    await setTime('2026-11-27 16:00:00'); // Friday
    const ticket = await dispatched({ urgency: 'urgent' });
    const [signFor] = await clocksOf(ticket.id, 'sign_for');
    expect(signFor).toMatchObject({ unit: 'calendar_minutes' });
    expect(formatShanghai(signFor!.dueAt)).toBe('2026-11-27 18:00:00');
    await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
    const [handling] = await clocksOf(ticket.id, 'handling');
    expect(formatShanghai(handling!.dueAt)).toBe('2026-12-02 23:59:59'); // 11-30, 12-01, 12-02
  });

  it('issue 9.7: a 复杂件 gets 7 working days, extendable to 15 in all', async () => {
    const ticket = await insertTicketForClocks(db(), { type: 'complaint', categories: ['complex'] });
    const subject = { type: ticket.type, urgency: ticket.urgency, categories: ['complex' as const] };
    const due = await clocks.previewDue(db(), subject, 'handling', beijing('2026-11-23 10:00:00'));
    expect(formatShanghai(due)).toBe('2026-12-02 23:59:59');
    expect(await clocks.maxExtensionDays(db(), subject)).toBe(8);
    expect(await clocks.maxExtensionDays(db(), { ...subject, categories: [] })).toBe(20);
  });
});

describe('issues 9.2 and 9.4 — the new ladder and review settings are policy an administrator edits', () => {
  it('minute-clock chase offset and the review pause are saved, audited and used', async () => {
    const admin = await hotlineUser(t.app, db(), 'admin');
    const headers = { cookie: admin.cookie, origin: TEST_ORIGIN };
    const current = (await t.app.inject({ method: 'GET', url: '/api/admin/clock-policy', headers })).json();
    expect(current.settings).toMatchObject({
      chaseMinutesAfterDue: 30,
      publicNoticeMinutesAfterChase: 120,
      reviewPausesClock: true,
      resumeMinimumMinutes: 60,
    });
    const settings = { ...current.settings, chaseMinutesAfterDue: 10, reviewPausesClock: false };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers,
      payload: { rules: current.rules, settings },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().settings).toMatchObject({ chaseMinutesAfterDue: 10, reviewPausesClock: false });
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers,
      payload: { rules: current.rules, settings: { ...settings, resumeMinimumMinutes: -5 } },
    });
    expect(refused.statusCode).toBe(400);

    try {
      // A 水电气热 sign-for due at 10:30 is now chased at 10:40.
      const ticket = await insertTicketForClocks(db(), { categories: ['utilities'] });
      const { id } = await db().transaction((tx) =>
        clocks.start(tx, subjectOf(ticket, unit.department.id), 'sign_for', beijing('2026-11-27 10:00:00')),
      );
      await setTime('2026-11-27 10:30:01');
      const due = await clocks.stages.fireClockStage(id, 'due');
      expect(due.next && `${due.next.stage} ${formatShanghai(due.next.at)}`).toBe('chase 2026-11-27 10:40:00');

      // Review time no longer given back: a reply at due − 1 h, rejected 2 h later, leaves the original due.
      await setTime('2026-11-23 10:00:00');
      const complaint = await dispatched();
      await must(act(t.app, unit.handler.cookie, complaint.id, 'sign'));
      await setTime('2026-12-02 22:59:59');
      await must(act(t.app, unit.handler.cookie, complaint.id, 'reply', { content: '正在处理' }));
      await setTime('2026-12-03 00:59:59');
      await must(act(t.app, lead.cookie, complaint.id, 'reply-review', { approve: false }));
      const [handling] = await clocksOf(complaint.id, 'handling');
      expect(formatShanghai(handling!.dueAt)).toBe('2026-12-02 23:59:59');
    } finally {
      const restore = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/clock-policy',
        headers: { cookie: await signIn(t.app, admin.username, admin.password), origin: TEST_ORIGIN },
        payload: { rules: current.rules, settings: current.settings },
      });
      expect(restore.statusCode, restore.body).toBe(200);
    }
  });
});
