import type { AppDeps } from './app.js';
import { JobRegistry } from './platform/queue/job-registry.js';
import { queueConnectionFrom, startWorkers } from './platform/queue/queues.js';
import { registerClockJobs, startClockSchedules, type ClockJobsDeps } from './modules/clocks/clocks.jobs.js';
import { createTicketDomain } from './modules/tickets/tickets.module.js';
import { registerNotificationJobs } from './modules/notifications/notifications.jobs.js';
import { createSmsDelivery } from './modules/notifications/sms-delivery.service.js';
import { createSmsProvider } from './modules/notifications/sms-provider.js';
import { updateNoticeDelivery } from './modules/knowledge/notices.service.js';
import { registerIntelligenceJobs, startIntelligenceSchedules } from './modules/intelligence/intelligence.jobs.js';
import { createDispatchModelService } from './modules/intelligence/dispatch-model.service.js';

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
  const registry = new JobRegistry();
  // 时限: scheduler pass, stage firing, calendar coverage check.
  const clocks = registerClockJobs(registry, clockJobDeps(deps));
  // 自动签收: building the ticket domain on this clock service wires its sign action as the auto-sign hook, so a
  // sign-for clock that runs out in this worker signs the round (policy switch: clock_settings).
  createTicketDomain({ db: deps.database.db, clock: deps.clock, realtime: deps.realtime, clocks });
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
  // 智能派单: model training (on request and nightly).
  registerIntelligenceJobs(registry, createDispatchModelService({ db: deps.database.db, clock: deps.clock }));
  return registry;
}

export async function startWorkerProcess(deps: AppDeps) {
  const registry = buildJobRegistry(deps);
  const workers = startWorkers(queueConnectionFrom(deps.config), registry);
  // Seeds the calendar/policy if needed and upserts the repeatable scheduler jobs (idempotent on every start).
  await startClockSchedules({
    ...clockJobDeps(deps),
    // CLOCK_SCHEDULER_PERIOD_MS: shortened only by tests that watch a stage fire (embedded smoke test).
    ...(deps.config.clockSchedulerPeriodMs ? { periodMs: deps.config.clockSchedulerPeriodMs } : {}),
  });
  await startIntelligenceSchedules(deps.queues, deps.database.db);
  return workers;
}
