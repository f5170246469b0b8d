/**
 * Running working-day clocks follow an administrator's edit of the working calendar (工作日历), e.g. next year's
 * holidays entered in December while clocks already run into January. Each scenario edits its own year (2033…2036,
 * plain Monday–Friday until edited) so the scenarios and the other test files do not see each other's edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { JobType } from 'bullmq';
import { extendDue } from '@hotline/shared/domain/deadlines';
import { formatShanghai } from '@hotline/shared/domain/shanghai-time';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { beijing, departmentIdByCode, insertTicketForClocks, subjectOf } from '../support/clock-fixtures.js';
import { createClockService, type ClockServiceApi } from '../../server/src/modules/clocks/clocks.service.js';
import { clockStageFirings, ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { stageJobId } from '../../server/src/modules/clocks/clocks.job-definitions.js';
import type { Db } from '../../server/src/platform/db/client.js';

let t: TestApp;
let db: Db;
let clocks: ClockServiceApi;
let departmentId: string;
const cookies = new Map<string, string>();

/** Moves the fake clock and signs in again (a jump of years would expire the sessions). */
async function setTime(at: Date) {
  t.clock.set(at);
  for (const user of ['admin', 'lead01']) cookies.set(user, await signIn(t.app, user));
}

beforeAll(async () => {
  t = await startTestApp();
  db = t.deps.database.db;
  clocks = createClockService({ db, clock: t.clock, queues: t.deps.queues, realtime: t.deps.realtime });
  departmentId = await departmentIdByCode(db, 'SCJG');
});

afterAll(async () => {
  await t?.close();
});

type Day = { date: string; isWorkingDay: boolean; name?: string };

function putYear(year: number, days: Day[], user = 'admin') {
  return t.app.inject({
    method: 'PUT',
    url: `/api/admin/calendar?year=${year}`,
    headers: asUser(cookies.get(user)!),
    payload: { days },
  });
}

/** A clock started through the service, with the ticket's cached due set as dispatch does for the lead round. */
async function startClock(
  kind: 'handling' | 'sign_for',
  startAt: Date,
  ticketOptions: Parameters<typeof insertTicketForClocks>[1],
) {
  const ticket = await insertTicketForClocks(db, ticketOptions);
  const started = await db.transaction((tx) => clocks.start(tx, subjectOf(ticket, departmentId), kind, startAt));
  await db.update(tickets).set({ dueAt: started.dueAt, dueKind: kind }).where(eq(tickets.id, ticket.id));
  return { ticket, ...started };
}

async function clockRow(id: string) {
  const [row] = await db.select().from(ticketClocks).where(eq(ticketClocks.id, id));
  return row!;
}

async function warningJob(clockId: string) {
  const pending: JobType[] = ['waiting', 'delayed', 'prioritized'];
  const jobs = await t.deps.queues.queue('deadlines').getJobs(pending);
  return jobs.find((j) => j?.id === stageJobId(clockId, 'warning'));
}

async function ticketDue(id: string) {
  const [row] = await db.select({ dueAt: tickets.dueAt }).from(tickets).where(eq(tickets.id, id));
  return formatShanghai(row!.dueAt!);
}

const recomputeAudits = (year: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'clock.recomputed'), eq(auditLog.entityId, String(year))));

describe('a calendar edit recomputes running working-day clocks', () => {
  it('a holiday added inside a 3-working-day window moves the due by one working day (extensions kept)', async () => {
    await setTime(beijing('2032-12-29 10:00:00')); // a Wednesday
    // 咨询 3 working days: 12-30, 12-31, 2033-01-03 (Monday).
    const inWindow = await startClock('handling', beijing('2032-12-29 10:00:00'), { type: 'consultation' });
    expect(formatShanghai(inWindow.dueAt)).toBe('2033-01-03 23:59:59');
    // The same with 2 working days of 延期 granted (as ClockService.extend stores them): due 01-05.
    const extended = await startClock('handling', beijing('2032-12-29 10:00:00'), { type: 'consultation' });
    const extendedDue = extendDue(extended.dueAt, 2, await clocks.workingCalendar());
    await db
      .update(ticketClocks)
      .set({ dueAt: extendedDue, totalExtensionDays: 2 })
      .where(eq(ticketClocks.id, extended.id));
    await db.update(tickets).set({ dueAt: extendedDue }).where(eq(tickets.id, extended.ticket.id));
    expect(formatShanghai(extendedDue)).toBe('2033-01-05 23:59:59');
    // Window (and chase, public notice) entirely before the edited date: 12-07…12-09, chase 12-10, notice 12-17.
    const before = await startClock('handling', beijing('2032-12-06 10:00:00'), { type: 'consultation' });
    const beforeRow = await clockRow(before.id);
    // Breached and still open: due 12-27 fired, chase 12-28 fired, public notice 5 working days later (2033-01-04).
    const breached = await startClock('handling', beijing('2032-12-22 10:00:00'), { type: 'consultation' });
    expect((await clocks.stages.fireClockStage(breached.id, 'chase')).fired).toEqual([
      'warning',
      'final_warning',
      'due',
      'chase',
    ]);
    const breachedRow = await clockRow(breached.id);
    expect(breachedRow).toMatchObject({ state: 'breached', nextStage: 'public_notice' });
    expect(formatShanghai(breachedRow.nextStageAt!)).toBe('2033-01-04 00:00:00');
    // 特急 2 calendar hours across New Year: minutes ignore the calendar.
    const minutes = await startClock('handling', beijing('2032-12-31 22:30:00'), { urgency: 'critical' });
    const minutesRow = await clockRow(minutes.id);
    expect(minutesRow.unit).toBe('calendar_minutes');

    const response = await putYear(2033, [{ date: '2033-01-03', isWorkingDay: false, name: '元旦' }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ added: ['2033-01-03'], recomputedClocks: 3 });

    const moved = await clockRow(inWindow.id);
    expect(formatShanghai(moved.dueAt)).toBe('2033-01-04 23:59:59');
    expect(moved.startedAt).toEqual(beijing('2032-12-29 10:00:00'));
    // The warning ("1 working day before") moves with it: 00:00 of the new last day.
    expect(moved).toMatchObject({ state: 'running', nextStage: 'warning' });
    expect(formatShanghai(moved.nextStageAt!)).toBe('2033-01-04 00:00:00');
    expect(await ticketDue(inWindow.ticket.id)).toBe('2033-01-04 23:59:59');

    const movedExtended = await clockRow(extended.id);
    expect(formatShanghai(movedExtended.dueAt)).toBe('2033-01-06 23:59:59');
    expect(movedExtended.totalExtensionDays).toBe(2);
    expect(await ticketDue(extended.ticket.id)).toBe('2033-01-06 23:59:59');

    expect(await clockRow(before.id)).toEqual(beforeRow);
    expect(await ticketDue(before.ticket.id)).toBe('2032-12-09 23:59:59');
    expect(await clockRow(minutes.id)).toEqual(minutesRow);
    // The breached clock keeps its fired due; its public notice skips the new holiday.
    const breachedAfter = await clockRow(breached.id);
    expect(breachedAfter).toMatchObject({ state: 'breached', dueAt: breachedRow.dueAt, nextStage: 'public_notice' });
    expect(formatShanghai(breachedAfter.nextStageAt!)).toBe('2033-01-05 00:00:00');
    expect(await ticketDue(breached.ticket.id)).toBe('2032-12-27 23:59:59');

    const audits = await recomputeAudits(2033);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorRole: 'admin',
      entityType: 'working_calendar',
      detail: {
        year: 2033,
        changedDates: ['2033-01-03'],
        recomputed: 3,
        dueMoved: 2,
        dueLater: 2,
        dueEarlier: 0,
        ticketsUpdated: 2,
      },
    });

    // Saving the same year again changes no date's status: nothing is recomputed, no second audit row.
    const again = await putYear(2033, [{ date: '2033-01-03', isWorkingDay: false, name: '元旦（调整名称）' }]);
    expect(again.json()).toMatchObject({ changed: ['2033-01-03'], recomputedClocks: 0 });
    expect(await recomputeAudits(2033)).toHaveLength(1);
    expect(formatShanghai((await clockRow(inWindow.id)).dueAt)).toBe('2033-01-04 23:59:59');
  });

  it('an added 调休 Saturday pulls the due a day earlier; a warning now in the past fires at the next pass', async () => {
    // Friday 2034-01-06: 3 working days are 01-09, 01-10, 01-11; warning 00:00 of 01-11.
    const { id, ticket, dueAt } = await startClock('handling', beijing('2034-01-06 10:00:00'), {
      type: 'consultation',
    });
    expect(formatShanghai(dueAt)).toBe('2034-01-11 23:59:59');
    // Within the scheduler's window of the old warning: armed as a delayed job, 4 minutes ahead.
    await setTime(beijing('2034-01-10 23:56:00'));
    await clocks.stages.armDueClocks();
    const armed = await warningJob(id);
    expect(armed?.opts.delay).toBe(4 * 60_000);

    const response = await putYear(2034, [{ date: '2034-01-07', isWorkingDay: true, name: '调休上班' }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ recomputedClocks: 1 });
    const row = await clockRow(id);
    // 01-07 (Saturday, now a working day), 01-09, 01-10.
    expect(formatShanghai(row.dueAt)).toBe('2034-01-10 23:59:59');
    expect(row.nextStage).toBe('warning');
    expect(formatShanghai(row.nextStageAt!)).toBe('2034-01-10 00:00:00');
    expect(await ticketDue(ticket.id)).toBe('2034-01-10 23:59:59');
    expect((await recomputeAudits(2034))[0]!.detail).toMatchObject({ dueEarlier: 1, dueLater: 0 });

    // The job armed at the old instant was dropped; the next pass arms the overdue warning without delay.
    expect(await warningJob(id)).toBeUndefined();
    await clocks.stages.armDueClocks();
    const job = await warningJob(id);
    expect(job).toBeDefined();
    expect(job!.opts.delay ?? 0).toBe(0);
    await job!.remove();
    expect((await clocks.stages.fireClockStage(id, 'warning')).fired).toEqual(['warning']);
  });

  it('a fired warning stays fired; the clock goes on to its moved due', async () => {
    // 投诉 7 working days from Wednesday 2034-12-27: 12-28, 12-29, 01-01 … 01-05; warning 2035-01-04 06:00.
    const { id, dueAt } = await startClock('handling', beijing('2034-12-27 10:00:00'), { type: 'complaint' });
    expect(formatShanghai(dueAt)).toBe('2035-01-05 23:59:59');
    await setTime(beijing('2035-01-04 08:00:00'));
    expect((await clocks.stages.fireClockStage(id, 'warning')).fired).toEqual(['warning']);
    const firings = await db.select().from(clockStageFirings).where(eq(clockStageFirings.clockId, id));
    expect(firings.map((f) => f.stage)).toEqual(['warning']);

    const response = await putYear(2035, [{ date: '2035-01-01', isWorkingDay: false, name: '元旦' }]);
    expect(response.json()).toMatchObject({ recomputedClocks: 1 });
    const row = await clockRow(id);
    expect(formatShanghai(row.dueAt)).toBe('2035-01-08 23:59:59');
    // The new warning instant (01-05 06:00) is in the future, but the warning has fired: next is the second
    // warning ("1 working day before", issue 9.5), at 00:00 of the new last day.
    expect(row).toMatchObject({ state: 'running', nextStage: 'final_warning' });
    expect(formatShanghai(row.nextStageAt!)).toBe('2035-01-08 00:00:00');
    expect(await db.select().from(clockStageFirings).where(eq(clockStageFirings.clockId, id))).toEqual(firings);
  });

  it('the admin route still validates (nothing written, nothing recomputed) and is admin-only', async () => {
    await setTime(beijing('2035-12-27 10:00:00'));
    const { id, dueAt } = await startClock('handling', beijing('2035-12-27 10:00:00'), { type: 'consultation' });
    const refused = await putYear(2036, [{ date: '2036-01-02', isWorkingDay: true }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe('2036-01-02 是星期三，本就是工作日，无需设为调休上班日');
    const forbidden = await putYear(2036, [{ date: '2036-01-01', isWorkingDay: false }], 'lead01');
    expect(forbidden.statusCode).toBe(403);
    expect((await clockRow(id)).dueAt).toEqual(dueAt);
    expect(await recomputeAudits(2036)).toHaveLength(0);
  });

  it('many clocks: recomputed in keyset batches within a bounded time', async () => {
    // 3 working days from Thursday 2035-12-27: 12-28, 12-31, 2036-01-01.
    const template = await startClock('handling', beijing('2035-12-27 10:00:00'), { type: 'consultation' });
    expect(formatShanghai(template.dueAt)).toBe('2036-01-01 23:59:59');
    const { id: _id, createdAt: _createdAt, ...row } = await clockRow(template.id);
    const COUNT = 1_200; // over two batches of 500
    await db.insert(ticketClocks).values(Array.from({ length: COUNT - 1 }, () => ({ ...row })));
    const ids = (
      await db.select({ id: ticketClocks.id }).from(ticketClocks).where(eq(ticketClocks.ticketId, template.ticket.id))
    ).map((r) => r.id);
    expect(ids).toHaveLength(COUNT);

    const started = Date.now();
    const response = await putYear(2036, [{ date: '2036-01-01', isWorkingDay: false, name: '元旦' }]);
    const elapsed = Date.now() - started;
    expect(response.statusCode).toBe(200);
    // The clock from the previous test (same start) moves too.
    expect(response.json()).toMatchObject({ recomputedClocks: COUNT + 1 });
    expect(elapsed).toBeLessThan(15_000);
    const dues = await db
      .selectDistinct({ dueAt: ticketClocks.dueAt })
      .from(ticketClocks)
      .where(inArray(ticketClocks.id, ids));
    expect(dues.map((d) => formatShanghai(d.dueAt))).toEqual(['2036-01-02 23:59:59']);
    // One ticket, many clocks with the same old due: the cached due follows once.
    expect(await ticketDue(template.ticket.id)).toBe('2036-01-02 23:59:59');
  });
});
