import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { systemClock } from '../../server/src/lib/clock.js';
import { JobRegistry } from '../../server/src/platform/queue/job-registry.js';
import { queueConnectionFrom, startWorkers } from '../../server/src/platform/queue/queues.js';
import { registerClockJobs, startClockSchedules } from '../../server/src/modules/clocks/clocks.jobs.js';
import { clockStageFirings, ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { departmentIdByCode, insertTicketForClocks, recordingRealtime, subjectOf } from '../support/clock-fixtures.js';

/** Real BullMQ workers with real time: the delayed stage jobs fire by themselves a few seconds later. */
let t: TestApp;
let workers: ReturnType<typeof startWorkers> | null = null;
let schedules: { stop(): void } | null = null;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  schedules?.stop();
  await workers?.close();
  await t?.close();
});

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

describe('clock stages through real BullMQ workers', () => {
  it('fires the warning at once and the due stage when its delayed job comes up, each once', async () => {
    const db = t.deps.database.db;
    const realtime = recordingRealtime(t.deps.realtime);
    const deps = { db, clock: systemClock, queues: t.deps.queues, realtime };
    const registry = new JobRegistry();
    const clocks = registerClockJobs(registry, deps);
    workers = startWorkers(queueConnectionFrom(t.deps.config), registry, { concurrency: 2 });
    schedules = await startClockSchedules(deps);
    const schedulers = await t.deps.queues.queue('deadlines').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('clocks-arm-due');

    // A 2-hour 特急 clock started 2 h − 3 s ago: its warning (90 min) is past, its due 3 s ahead.
    const ticket = await insertTicketForClocks(db, { urgency: 'critical' });
    const departmentId = await departmentIdByCode(db, 'SCJG');
    const startAt = new Date(Date.now() - 120 * 60_000 + 3_000);
    const { id } = await db.transaction((tx) => clocks.start(tx, subjectOf(ticket, departmentId), 'handling', startAt));
    await clocks.stages.armDueClocks();
    await clocks.stages.armDueClocks(); // a second pass adds nothing

    const firings = await waitFor(
      () => db.select().from(clockStageFirings).where(eq(clockStageFirings.clockId, id)),
      (rows) => rows.length >= 2,
      15_000,
    );
    expect(firings.map((f) => f.stage).sort()).toEqual(['due', 'warning']);
    const [row] = await db.select().from(ticketClocks).where(eq(ticketClocks.id, id));
    expect(row).toMatchObject({ state: 'breached', nextStage: 'chase' });
    const pushes = realtime.emitted.filter(
      (e) => e.event === 'ticket:clock-stage' && (e.payload as { ticketId: string }).ticketId === ticket.id,
    );
    expect(pushes.map((p) => (p.payload as { stage: string }).stage)).toEqual(['warning', 'due']);
  });
});
