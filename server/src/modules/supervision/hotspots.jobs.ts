import { Type } from 'typebox';
import { defineJob } from '../../platform/queue/job-definitions.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { HotspotService } from './hotspots.service.js';

/** 突增预警: the spike detector (repeatable, every minute; idempotent per 15-minute bucket). */
export const detectSpikesJob = defineJob({
  queue: 'reports',
  name: 'detectHotspotSpikes',
  payload: Type.Object({}),
  priority: 3,
});

export function registerHotspotJobs(registry: JobRegistry, hotspots: Pick<HotspotService, 'detectSpikes'>): void {
  registry.define(detectSpikesJob).handle(detectSpikesJob, async () => {
    await hotspots.detectSpikes();
  });
}

export async function startHotspotSchedule(queues: Queues, periodMs = 60_000): Promise<void> {
  await queues.queue(detectSpikesJob.queue).upsertJobScheduler(
    'supervision-spike-detector',
    { every: periodMs },
    {
      name: detectSpikesJob.name,
      data: {},
      opts: { priority: detectSpikesJob.priority, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
    },
  );
}
