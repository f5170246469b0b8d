import { loadConfig, usesRedis } from './config/index.js';
import { buildApp } from './app.js';
import { assertServicesReachable } from './platform/preflight.js';
import { ensureDatabaseExists } from './platform/db/ensure-database.js';
import { migrateWithLock } from './platform/db/migrate-locked.js';
import { startWorkerProcess } from './worker-runtime.js';
import { installProcessGuards } from './platform/observability/process-guards.js';

/** HTTP + socket.io entry point. With RUN_WORKERS_IN_PROCESS (the default outside production) it also runs the workers. */
const config = loadConfig();
await assertServicesReachable(config.databaseUrl, usesRedis(config) ? config.redisUrl : null);
await ensureDatabaseExists(config.databaseUrl);

const { app, deps } = await buildApp({ config });
installProcessGuards(app.log);
await migrateWithLock(deps.database);
const workers = config.runWorkersInProcess ? await startWorkerProcess(deps) : null;

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await workers?.close();
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

// A deep accept queue: after a restart every console reconnects within the same second (1,000 sockets, then their re-reads).
await app.listen({ host: config.host, port: config.port, backlog: 4096 });
app.log.info(`12345 热线系统已启动: http://localhost:${config.port}`);
