import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { JobType } from 'bullmq';
import { formatShanghai } from '@hotline/shared/domain/shanghai-time';
import type { ClockStage } from '@hotline/shared/domain/ticket-types';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  beijing,
  departmentIdByCode,
  insertTicketForClocks,
  recordingRealtime,
  subjectOf,
} from '../support/clock-fixtures.js';
import { createClockService, type ClockServiceApi } from '../../server/src/modules/clocks/clocks.service.js';
import { clockStageFirings, ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { dispatchRounds } from '../../server/src/modules/dispatch/dispatch.table.js';
import { stageJobId } from '../../server/src/modules/clocks/clocks.job-definitions.js';
import type { Db } from '../../server/src/platform/db/client.js';

let t: TestApp;
let db: Db;
let clocks: ClockServiceApi;
let realtime: ReturnType<typeof recordingRealtime>;
let departmentId: string;

beforeAll(async () => {
  t = await startTestApp();
  db = t.deps.database.db;
  realtime = recordingRealtime(t.deps.realtime);
  clocks = createClockService({ db, clock: t.clock, queues: t.deps.queues, realtime });
  departmentId = await departmentIdByCode(db, 'SCJG');
});

afterAll(async () => {
  await t?.close();
});

const deadlines = () => t.deps.queues.queue('deadlines');

async function clockRow(id: string) {
  const [row] = await db.select().from(ticketClocks).where(eq(ticketClocks.id, id));
  return row!;
}

async function firingsOf(id: string) {
  return db.select().from(clockStageFirings).where(eq(clockStageFirings.clockId, id));
}

/**
 * Job states a not-yet-run stage job can be in. BullMQ 6 has no 'paused' state: a paused queue keeps its jobs in
 * 'waiting' (only a meta flag changes), so 'waiting' covers them.
 */
const PENDING_JOB_STATES: JobType[] = ['waiting', 'delayed', 'prioritized'];

async function stageJobsOf(clockId: string) {
  const jobs = await deadlines().getJobs(PENDING_JOB_STATES);
  return jobs.filter((j) => j && (j.data as { clockId?: string }).clockId === clockId);
}

/**
 * Plays the worker: runs every queued stage job of these clocks through the real handler (removing it first, as a
 * completed job with removeOnComplete is), until none is left or `rounds` is reached (the handler chains the next
 * stage when it is already due).
 */
async function drainStageJobs(clockIds: readonly string[], rounds = 10) {
  const ran: { clockId: string; stage: ClockStage }[] = [];
  for (let i = 0; i < rounds; i++) {
    const jobs = (await deadlines().getJobs(PENDING_JOB_STATES)).filter(
      (j) => j && j.name === 'fireClockStage' && clockIds.includes((j.data as { clockId: string }).clockId),
    );
    if (jobs.length === 0) break;
    for (const job of jobs) {
      const { clockId, stage } = job.data as { clockId: string; stage: ClockStage };
      await job.remove();
      await clocks.stages.fireClockStage(clockId, stage);
      ran.push({ clockId, stage });
    }
  }
  return ran;
}

async function startClock(
  kind: 'handling' | 'sign_for' | 'callback',
  startAt: Date,
  ticketOptions: Parameters<typeof insertTicketForClocks>[1] = {},
) {
  const ticket = await insertTicketForClocks(db, ticketOptions);
  const started = await db.transaction((tx) => clocks.start(tx, subjectOf(ticket, departmentId), kind, startAt));
  return { ticket, ...started };
}

describe('deadlines through the clock service (calendar from the database)', () => {
  it('a 7-working-day complaint started before Spring Festival 2026 is due 2026-03-02 23:59:59, with its stages', async () => {
    const { id, dueAt } = await startClock('handling', beijing('2026-02-13 10:00:00'), { type: 'complaint' });
    // 2-14 (调休 Saturday) is day 1; 2-16…2-23 off; 2-24…2-27, 2-28 (调休 Saturday), 3-02.
    expect(formatShanghai(dueAt)).toBe('2026-03-02 23:59:59');
    const row = await clockRow(id);
    expect(row).toMatchObject({ state: 'running', unit: 'working_days', kind: 'handling', nextStage: 'warning' });
    expect(formatShanghai(row.nextStageAt!)).toBe('2026-02-28 06:00:00');
  });

  it('across National Day 2026: sign-for due 10-08, consultation due 10-10 (调休 Saturday)', async () => {
    const start = beijing('2026-09-30 15:00:00');
    const signFor = await startClock('sign_for', start, { type: 'consultation' });
    expect(formatShanghai(signFor.dueAt)).toBe('2026-10-08 23:59:59');
    const handling = await startClock('handling', start, { type: 'consultation' });
    expect(formatShanghai(handling.dueAt)).toBe('2026-10-10 23:59:59');
  });

  it('a 特急 handling clock is 120 calendar minutes, holidays included', async () => {
    const { dueAt } = await startClock('handling', beijing('2026-09-30 23:00:00'), { urgency: 'critical' });
    expect(formatShanghai(dueAt)).toBe('2026-10-01 01:00:00');
  });
});

describe('stage firing', () => {
  it('each stage fires exactly once although the scheduler runs twice and the job is delivered twice', async () => {
    const start = beijing('2026-02-13 10:00:00');
    const { id, ticket } = await startClock('handling', start, { type: 'complaint' });
    t.clock.set(beijing('2026-02-28 05:58:00')); // the warning falls within the next 5 minutes
    await clocks.stages.armDueClocks();
    await clocks.stages.armDueClocks();
    const jobs = await stageJobsOf(id);
    expect(jobs.map((j) => j.id)).toEqual([stageJobId(id, 'warning')]);
    expect(jobs[0]!.opts.priority).toBeGreaterThan(0);
    expect(jobs[0]!.opts.delay).toBe(2 * 60_000);

    // Delivered early (before 06:00 − tolerance): nothing fires.
    expect((await clocks.stages.fireClockStage(id, 'warning')).fired).toEqual([]);
    t.clock.set(beijing('2026-02-28 06:00:00'));
    const before = realtime.emitted.length;
    expect((await clocks.stages.fireClockStage(id, 'warning')).fired).toEqual(['warning']);
    expect((await clocks.stages.fireClockStage(id, 'warning')).fired).toEqual([]);
    expect(await firingsOf(id)).toHaveLength(1);
    const pushes = realtime.emitted.slice(before);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({
      event: 'ticket:clock-stage',
      room: ['role:lead', `dept:${departmentId}`],
      payload: { ticketId: ticket.id, number: ticket.number, kind: 'handling', stage: 'warning', departmentId },
    });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'clock.warning')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: null, actorRole: 'system', entityType: 'ticket' });

    // Then the second warning, 1 working day before (issue 9.5).
    const row = await clockRow(id);
    expect(row.nextStage).toBe('final_warning');
    expect(formatShanghai(row.nextStageAt!)).toBe('2026-03-02 00:00:00');

    // Due: marks the clock breached, once.
    t.clock.set(beijing('2026-03-02 23:59:59'));
    expect((await clocks.stages.fireClockStage(id, 'due')).fired).toEqual(['final_warning', 'due']);
    expect((await clocks.stages.fireClockStage(id, 'due')).fired).toEqual([]);
    expect(await clockRow(id)).toMatchObject({ state: 'breached', nextStage: 'chase' });
    expect(formatShanghai((await clockRow(id)).nextStageAt!)).toBe('2026-03-03 00:00:00');
  });

  it('concurrent deliveries of the same stage job fire it once', async () => {
    const { id } = await startClock('handling', beijing('2026-04-07 09:00:00'), { type: 'consultation' });
    t.clock.set(beijing('2026-04-20 00:00:00'));
    const results = await Promise.all(Array.from({ length: 4 }, () => clocks.stages.fireClockStage(id, 'due')));
    expect(results.flatMap((r) => r.fired).sort()).toEqual(['due', 'final_warning', 'warning']);
    expect(await firingsOf(id)).toHaveLength(3);
  });

  it('a stopped clock fires nothing, and stop marks met before due and breached after', async () => {
    const start = beijing('2026-03-02 09:00:00');
    const a = await startClock('handling', start, { type: 'consultation' });
    const b = await startClock('handling', start, { type: 'consultation' });
    await db.transaction((tx) => clocks.stop(tx, a.ticket.id, beijing('2026-03-03 10:00:00')));
    await db.transaction((tx) => clocks.stop(tx, b.ticket.id, beijing('2026-03-20 10:00:00')));
    expect(await clockRow(a.id)).toMatchObject({ state: 'met', nextStage: null, nextStageAt: null });
    expect(await clockRow(b.id)).toMatchObject({ state: 'breached', nextStage: null });
    t.clock.set(beijing('2026-04-01 00:00:00'));
    expect((await clocks.stages.fireClockStage(a.id, 'due')).fired).toEqual([]);
    expect(await firingsOf(a.id)).toHaveLength(0);
  });

  it('Redis flushed while clocks are pending: after the next scheduler pass every stage still fires once', async () => {
    const start = beijing('2026-10-12 09:00:00');
    const started = await Promise.all([
      startClock('handling', start, { type: 'consultation' }),
      startClock('handling', start, { type: 'help' }),
      startClock('sign_for', start, { type: 'help' }),
    ]);
    const ids = started.map((s) => s.id);
    // Arm the first stages, then lose every key of this app's queues.
    t.clock.set(beijing('2026-10-12 09:00:00'));
    const firstStages = await Promise.all(ids.map(async (id) => (await clockRow(id)).nextStageAt!));
    t.clock.set(new Date(Math.min(...firstStages.map((d) => d.getTime())) - 60_000));
    await clocks.stages.armDueClocks();
    expect((await Promise.all(ids.map(stageJobsOf))).flat().length).toBeGreaterThan(0);
    const keys = await t.deps.redis!.keys(`${t.deps.config.redisPrefix}:bull:*`);
    if (keys.length) await t.deps.redis!.del(...keys);
    expect((await Promise.all(ids.map(stageJobsOf))).flat()).toHaveLength(0);

    // The outage lasts past every stage (public notice of a 5-day clock: 10 working days later).
    t.clock.set(beijing('2026-11-20 12:00:00'));
    await clocks.stages.armDueClocks();
    await drainStageJobs(ids);
    // Delivered again (and the scheduler runs again): still once.
    await clocks.stages.armDueClocks();
    await drainStageJobs(ids);
    // Consultation (3 days) and help (5 days) have two warnings; the 1-day sign-for has one.
    const ladders = [5, 5, 4];
    for (const [i, id] of ids.entries()) {
      const stages = (await firingsOf(id)).map((f) => f.stage).sort();
      expect(stages).toEqual(
        ladders[i] === 5
          ? ['chase', 'due', 'final_warning', 'public_notice', 'warning']
          : ['chase', 'due', 'public_notice', 'warning'],
      );
      expect(await clockRow(id)).toMatchObject({ state: 'breached', nextStage: null, nextStageAt: null });
    }
    const pushesForThese = realtime.emitted.filter(
      (e) =>
        e.event === 'ticket:clock-stage' &&
        started.some((s) => s.ticket.id === (e.payload as { ticketId: string }).ticketId),
    );
    expect(pushesForThese).toHaveLength(5 + 5 + 4);
  });
});

describe('extension (延期)', () => {
  it('moves the due instant by working days and refuses beyond the 20-day cap', async () => {
    const ticket = await insertTicketForClocks(db, { type: 'complaint' });
    // A dispatch round for the clock's round id (the dispatch module owns the table).
    const [round] = await db
      .insert(dispatchRounds)
      .values({
        ticketId: ticket.id,
        round: 1,
        departmentId,
        role: 'lead',
        dispatchedAt: beijing('2026-02-13 09:00:00'),
      })
      .returning({ id: dispatchRounds.id });
    const roundId = round!.id;
    const subject = { ...subjectOf(ticket, departmentId), roundId };
    const { id, dueAt } = await db.transaction((tx) =>
      clocks.start(tx, subject, 'handling', beijing('2026-02-13 10:00:00')),
    );
    expect(formatShanghai(dueAt)).toBe('2026-03-02 23:59:59');

    const extended = await db.transaction((tx) => clocks.extend(tx, ticket.id, roundId, 5));
    expect(formatShanghai(extended)).toBe('2026-03-09 23:59:59');
    expect(formatShanghai((await clockRow(id)).dueAt)).toBe('2026-03-09 23:59:59');
    expect(await clocks.extendedDays(db, ticket.id, roundId)).toBe(5);

    await db.transaction((tx) => clocks.extend(tx, ticket.id, roundId, 15));
    expect(await clocks.extendedDays(db, ticket.id, roundId)).toBe(20);
    await expect(db.transaction((tx) => clocks.extend(tx, ticket.id, roundId, 1))).rejects.toMatchObject({
      statusCode: 422,
      message: '延期累计不能超过20个工作日（已延期20个工作日）',
    });
    expect(await clocks.extendedDays(db, ticket.id, roundId)).toBe(20);
    // The warning follows the new due instant.
    const row = await clockRow(id);
    expect(row.nextStage).toBe('warning');
    expect(row.nextStageAt!.getTime()).toBeGreaterThan(beijing('2026-03-09 00:00:00').getTime());
  });

  it('refuses an extension when no handling clock runs', async () => {
    const ticket = await insertTicketForClocks(db);
    await expect(
      db.transaction((tx) => clocks.extend(tx, ticket.id, '00000000-0000-4000-8000-000000000000', 2)),
    ).rejects.toMatchObject({ statusCode: 409 });
  });
});

describe('ticket detail view of clocks', () => {
  it('lists the clocks of a ticket with their fired stages', async () => {
    const { ticket, id } = await startClock('callback', beijing('2026-05-06 10:00:00'));
    t.clock.set(beijing('2026-05-08 00:00:00'));
    await clocks.stages.fireClockStage(id, 'due');
    const views = await clocks.listTicketClocks(db, ticket.id);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ id, kind: 'callback', state: 'breached', firedStages: ['warning', 'due'] });
  });
});
