import type { AppDeps } from './app.js';
import { JobRegistry } from './platform/queue/job-registry.js';
import { queueConnectionFrom, startWorkers } from './platform/queue/queues.js';
import { registerClockJobs, startClockSchedules, type ClockJobsDeps } from './modules/clocks/clocks.jobs.js';
import { createTicketDomain } from './modules/tickets/tickets.module.js';
import { registerChaseJobs, startChaseSchedule } from './modules/dispatch/chase.jobs.js';
import { registerNotificationJobs } from './modules/notifications/notifications.jobs.js';
import { createSmsDelivery } from './modules/notifications/sms-delivery.service.js';
import { createSmsProvider } from './modules/notifications/sms-provider.js';
import { updateNoticeDelivery } from './modules/knowledge/notices.service.js';

/** What the job handlers need; a full AppDeps (HTTP process running the workers in-process) also fits. */
type WorkerDeps = Pick<AppDeps, 'config' | 'clock' | 'database' | 'queues' | 'realtime'>;

const clockJobDeps = (deps: WorkerDeps): ClockJobsDeps => ({
  db: deps.database.db,
  clock: deps.clock,
  queues: deps.queues,
  realtime: deps.realtime,
});

/**
 * Builds the job registry from every domain module and starts the BullMQ workers.
 * Domain modules add `registry.define(...)` and `registry.handle(...)` calls here.
 */
export function buildJobRegistry(deps: WorkerDeps): JobRegistry {
  return buildWorkerJobs(deps).registry;
}

function buildWorkerJobs(deps: WorkerDeps) {
  const registry = new JobRegistry();
  // 时限: scheduler pass, stage firing, calendar coverage check.
  const clocks = registerClockJobs(registry, clockJobDeps(deps));
  // 自动签收: building the ticket domain on this clock service wires its sign action as the auto-sign hook, so a
  // sign-for clock that runs out in this worker signs the round (policy switch: clock_settings).
  const tickets = createTicketDomain({
    db: deps.database.db,
    clock: deps.clock,
    realtime: deps.realtime,
    clocks,
    queues: deps.queues,
    smsProviderName: deps.config.smsProvider,
  });
  // 催办 → 督办 → 通报: numbered records from the fired clock stages, and automatic 督办单 (every minute).
  registerChaseJobs(registry, tickets.chase);
  // 短信: SMS delivery with retries; a 一次告知单's delivery state follows its message.
  registerNotificationJobs(
    registry,
    createSmsDelivery({
      db: deps.database.db,
      clock: deps.clock,
      provider: createSmsProvider(deps.config),
      onDeliveryChange: updateNoticeDelivery,
    }),
  );
  return { registry, clocks };
}

export async function startWorkerProcess(deps: AppDeps) {
  const { registry, clocks } = buildWorkerJobs(deps);
  const workers = startWorkers(queueConnectionFrom(deps.config), registry);
  // Seeds the calendar/policy if needed, upserts the repeatable scheduler jobs (idempotent on every start) and starts
  // the in-process tick that re-arms from Postgres when Redis lost its data.
  const schedules = await startClockSchedules({
    ...clockJobDeps(deps),
    clocks,
    singleProcess: deps.config.embedded,
    // CLOCK_SCHEDULER_PERIOD_MS: shortened only by tests that watch a stage fire (embedded smoke test).
    ...(deps.config.clockSchedulerPeriodMs ? { periodMs: deps.config.clockSchedulerPeriodMs } : {}),
  });
  await startChaseSchedule(deps.queues);
  return {
    workers: workers.workers,
    async close(): Promise<void> {
      schedules.stop();
      await workers.close();
    },
  };
}
