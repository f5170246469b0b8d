import { sql } from 'drizzle-orm';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { createCalendarService, seedWorkingCalendar } from '../calendar/calendar.service.js';
import { seedDefaultClockPolicy } from './clock-policy.repository.js';
import { armDueClocksJob, checkCalendarCoverageJob, fireClockStageJob } from './clocks.job-definitions.js';
import { createClockService, type ClockServiceApi } from './clocks.service.js';
import { DEFAULT_CLOCK_SCHEDULING, type AutoSignTicket, type ClockLogger } from './clock-stage-runner.js';

export interface ClockJobsDeps {
  db: Db;
  clock: Clock;
  queues: Queues;
  realtime: Realtime;
  log?: ClockLogger;
  /** The tickets domain's sign-for action, used when a sign-for clock runs out (自动签收). */
  autoSignTicket?: AutoSignTicket;
}

/** Defines and handles the clock jobs on the worker's registry; returns the service the handlers use. */
export function registerClockJobs(registry: JobRegistry, deps: ClockJobsDeps): ClockServiceApi {
  const clocks = createClockService(deps);
  const calendar = createCalendarService({ db: deps.db, clock: deps.clock });
  registry.define(armDueClocksJob, fireClockStageJob, checkCalendarCoverageJob);
  registry.handle(armDueClocksJob, async () => {
    await clocks.stages.armDueClocks();
  });
  registry.handle(fireClockStageJob, async ({ clockId, stage }) => {
    await clocks.stages.fireClockStage(clockId, stage);
  });
  registry.handle(checkCalendarCoverageJob, async () => {
    await calendar.checkCoverageAndNotify(deps.realtime, deps.log);
  });
  return clocks;
}

/** Daily at 09:00 Beijing time: the calendar coverage check. */
const CALENDAR_CHECK_PATTERN = '0 0 9 * * *';

/** Postgres advisory lock key of the scheduler tick (one worker arms at a time; the others skip that tick). */
const SCHEDULER_LOCK_KEY = 0x434c4b53; // 'CLKS'

async function upsertSchedules(queues: Queues, periodMs: number): Promise<void> {
  const jobOptions = { removeOnComplete: true, removeOnFail: { age: 24 * 3600 } };
  await queues
    .queue(armDueClocksJob.queue)
    .upsertJobScheduler(
      'clocks-arm-due',
      { every: periodMs },
      { name: armDueClocksJob.name, data: {}, opts: { priority: armDueClocksJob.priority, ...jobOptions } },
    );
  await queues.queue(checkCalendarCoverageJob.queue).upsertJobScheduler(
    'calendar-coverage-daily',
    { pattern: CALENDAR_CHECK_PATTERN, tz: 'Asia/Shanghai' },
    {
      name: checkCalendarCoverageJob.name,
      data: {},
      opts: { priority: checkCalendarCoverageJob.priority, ...jobOptions },
    },
  );
}

export interface ClockSchedules {
  /** Stops the in-process tick (call before closing the queues). */
  stop(): void;
  /** One tick now (tests): arms due stages and re-creates the repeatable jobs, if this process holds the lock. */
  tick(): Promise<boolean>;
}

/**
 * At worker start: make sure the calendar and the policy tables are seeded (idempotent), warn at once if next year
 * is missing, and upsert the two repeatable jobs (idempotent across restarts and several workers).
 *
 * Then a tick that does not live in Redis (issue 10.1): every `periodMs` an in-process timer takes a Postgres
 * advisory lock (transaction-scoped, so a dead worker never holds it), arms the due stages from Postgres and
 * re-creates the repeatable jobs. If Redis loses its data (FLUSHDB, a restart without persistence, a failover to an
 * empty replica) the delayed stage jobs and the repeatable job are gone; the next tick puts back every stage due
 * within the window, so a stage fires at most one period late, with no process restarted by hand.
 */
export async function startClockSchedules(
  deps: ClockJobsDeps & {
    periodMs?: number;
    clocks?: ClockServiceApi;
    /** The embedded mode: one process, one database session — the tick runs without the advisory lock. */
    singleProcess?: boolean;
    /**
     * Other domains' repeatable jobs (chase sweep, metric feed, reports, model training): upserted at start and on
     * every tick, so they too come back by themselves after Redis lost its data (issue 10.1).
     */
    upsertOtherSchedules?: () => Promise<void>;
  },
): Promise<ClockSchedules> {
  const now = deps.clock.now();
  await seedWorkingCalendar(deps.db, now);
  await seedDefaultClockPolicy(deps.db, now);
  await createCalendarService({ db: deps.db, clock: deps.clock }).checkCoverageAndNotify(deps.realtime, deps.log);
  const periodMs = deps.periodMs ?? DEFAULT_CLOCK_SCHEDULING.periodMs;
  await upsertSchedules(deps.queues, periodMs);
  await deps.upsertOtherSchedules?.();
  const clocks = deps.clocks ?? createClockService(deps);

  let running = false;
  const pass = async (executor: DbOrTx) => {
    await clocks.stages.armDueClocks(executor);
    await upsertSchedules(deps.queues, periodMs);
    await deps.upsertOtherSchedules?.();
  };
  async function tick(): Promise<boolean> {
    if (running) return false;
    running = true;
    try {
      // One process alone (embedded): no lock — its single database session must stay free for the queue backend.
      if (deps.singleProcess) {
        await pass(deps.db);
        return true;
      }
      return await deps.db.transaction(async (tx) => {
        const rows = await tx.execute<{ locked: boolean }>(
          sql`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK_KEY}) AS locked`,
        );
        if (!rows[0]?.locked) return false;
        await pass(tx);
        return true;
      });
    } catch (error) {
      deps.log?.warn({ err: error }, 'clock scheduler tick failed; the next tick retries');
      return false;
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void tick(), periodMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    tick,
  };
}
