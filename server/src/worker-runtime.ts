import type { AppDeps } from './app.js';
import { JobRegistry } from './platform/queue/job-registry.js';
import { startWorkers } from './platform/queue/queues.js';

/**
 * Builds the job registry from every domain module and starts the BullMQ workers.
 * Domain modules add `registry.define(...)` and `registry.handle(...)` calls here.
 */
export function buildJobRegistry(
  _deps: Pick<AppDeps, 'config' | 'clock' | 'database' | 'queues' | 'realtime'> | AppDeps,
): JobRegistry {
  const registry = new JobRegistry();
  return registry;
}

export async function startWorkerProcess(deps: AppDeps) {
  const registry = buildJobRegistry(deps);
  return startWorkers({ redisUrl: deps.config.redisUrl, prefix: deps.config.redisPrefix }, registry);
}
