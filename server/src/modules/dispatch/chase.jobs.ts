import { Type } from 'typebox';
import { defineJob } from '../../platform/queue/job-definitions.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';
import type { Queues } from '../../platform/queue/queues.js';

/** The chase-ladder pass (repeatable): 催办/通报 records from fired clock stages, automatic 督办单 past the threshold. */
export const sweepChaseLadderJob = defineJob({
  queue: 'deadlines',
  name: 'sweepChaseLadder',
  payload: Type.Object({}),
  priority: 3,
});

export function registerChaseJobs(
  registry: JobRegistry,
  chase: { sweepChaseLadder(): Promise<{ notices: number; supervisionOrders: number }> },
): void {
  registry.define(sweepChaseLadderJob).handle(sweepChaseLadderJob, async () => {
    await chase.sweepChaseLadder();
  });
}

/** Upserts the repeatable job (idempotent across restarts and several workers). */
export async function startChaseSchedule(queues: Queues, periodMs = 60_000): Promise<void> {
  await queues.queue(sweepChaseLadderJob.queue).upsertJobScheduler(
    'chase-ladder-sweep',
    { every: periodMs },
    {
      name: sweepChaseLadderJob.name,
      data: {},
      opts: { priority: sweepChaseLadderJob.priority, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
    },
  );
}
