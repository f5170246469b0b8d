import { loadConfig, usesRedis } from './config/index.js';
import { buildApp } from './app.js';
import { assertServicesReachable } from './platform/preflight.js';
import { startWorkerProcess } from './worker-runtime.js';
import { installProcessGuards } from './platform/observability/process-guards.js';

/**
 * BullMQ worker entry point (deadline timers, notifications, callbacks, reports). Scales horizontally:
 * run as many as needed. It builds the same dependencies as the HTTP entry but does not listen.
 */
const config = loadConfig();
await assertServicesReachable(config.databaseUrl, usesRedis(config) ? config.redisUrl : null);
const { app, deps } = await buildApp({ config });
installProcessGuards(app.log);
await app.ready();
const workers = await startWorkerProcess(deps);
app.log.info('worker started');

async function shutdown() {
  await workers.close();
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
