import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
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

/**
 * At worker start: make sure the calendar and the policy tables are seeded (idempotent), warn at once if next year
 * is missing, and upsert the two repeatable jobs (idempotent across restarts and several workers).
 */
export async function startClockSchedules(deps: ClockJobsDeps & { periodMs?: number }): Promise<void> {
  const now = deps.clock.now();
  await seedWorkingCalendar(deps.db, now);
  await seedDefaultClockPolicy(deps.db, now);
  await createCalendarService({ db: deps.db, clock: deps.clock }).checkCoverageAndNotify(deps.realtime, deps.log);
  const periodMs = deps.periodMs ?? DEFAULT_CLOCK_SCHEDULING.periodMs;
  const jobOptions = { removeOnComplete: true, removeOnFail: { age: 24 * 3600 } };
  await deps.queues
    .queue(armDueClocksJob.queue)
    .upsertJobScheduler(
      'clocks-arm-due',
      { every: periodMs },
      { name: armDueClocksJob.name, data: {}, opts: { priority: armDueClocksJob.priority, ...jobOptions } },
    );
  await deps.queues.queue(checkCalendarCoverageJob.queue).upsertJobScheduler(
    'calendar-coverage-daily',
    { pattern: CALENDAR_CHECK_PATTERN, tz: 'Asia/Shanghai' },
    {
      name: checkCalendarCoverageJob.name,
      data: {},
      opts: { priority: checkCalendarCoverageJob.priority, ...jobOptions },
    },
  );
}
