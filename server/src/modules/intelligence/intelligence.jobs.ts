import { Type } from 'typebox';
import { defineJob } from '../../platform/queue/job-definitions.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';
import type { Queues } from '../../platform/queue/queues.js';
import { count } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';
import { dispatchModels } from './intelligence.table.js';
import type { DispatchModelService } from './dispatch-model.service.js';

/** Trains a new 智能派单 model version (on request, and nightly). */
export const trainDispatchModelJob = defineJob({
  queue: 'maintenance',
  name: 'trainDispatchModel',
  payload: Type.Object({ requestedBy: Type.Union([Type.String({ maxLength: 36 }), Type.Null()]) }),
  priority: 8,
});

/** Nightly at 02:30 Beijing time, when the hotline is quiet. */
const NIGHTLY_PATTERN = '0 30 2 * * *';

export function registerIntelligenceJobs(registry: JobRegistry, model: DispatchModelService): void {
  registry.define(trainDispatchModelJob);
  registry.handle(trainDispatchModelJob, async () => {
    await model.train();
  });
}

/**
 * At worker start: the nightly scheduler (idempotent upsert), and a first training run when history exists but no
 * model version does (a fresh demo or a first import), so suggestions work without waiting for the night.
 */
export async function startIntelligenceSchedules(queues: Queues, db: Db): Promise<void> {
  const [models] = await db.select({ n: count() }).from(dispatchModels);
  if (models!.n === 0) {
    const [rounds] = await db.select({ n: count() }).from(dispatchRounds).limit(1);
    if (rounds!.n > 0) {
      await queues.enqueue(
        trainDispatchModelJob,
        { requestedBy: null },
        { jobId: 'dispatch-model-first', attempts: 1 },
      );
    }
  }
  await queues.queue(trainDispatchModelJob.queue).upsertJobScheduler(
    'dispatch-model-nightly',
    { pattern: NIGHTLY_PATTERN, tz: 'Asia/Shanghai' },
    {
      name: trainDispatchModelJob.name,
      data: { requestedBy: null },
      // One attempt: a failed run is recorded as a failed version; the next night tries again.
      opts: {
        priority: trainDispatchModelJob.priority,
        attempts: 1,
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    },
  );
}

/** Enqueues a run now; the job id is unique per request (two clicks are two runs, each recorded). */
export async function requestTraining(queues: Queues, requestedBy: string | null, now: Date): Promise<string> {
  const jobId = `dispatch-model-train-${now.getTime()}`;
  await queues.enqueue(trainDispatchModelJob, { requestedBy }, { jobId, attempts: 1 });
  return jobId;
}
