import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { buildApp } from '../../app.js';
import { runMigrations } from '../db/migrate.js';
import { seedDemoData } from '../../seed/seed.js';
import { startWorkerProcess } from '../../worker-runtime.js';
import { startEmbeddedDatabase } from './embedded-database.js';
import { installProcessGuards } from '../observability/process-guards.js';

/**
 * Embedded entry (`npm start` on a machine without Postgres/Redis, or HOTLINE_EMBEDDED=1): PGlite in the data folder,
 * BullMQ on its PostgreSQL backend in the same database, sessions and rate limits in memory, HTTP + socket.io +
 * workers in this one process. The same app, modules, migrations and seed as production; only the stores differ.
 */
const base = loadConfig({ ...process.env, HOTLINE_EMBEDDED: '1' });
const database = await startEmbeddedDatabase(base.dataDir).catch((error: Error) => {
  console.error(`✖ ${error.message}`);
  process.exit(2);
});
const config = loadConfig(
  { ...process.env, HOTLINE_EMBEDDED: '1' },
  {
    databaseUrl: database.url,
    queueBackend: 'postgres',
    stateStore: 'memory',
    realtimeAdapter: 'none',
    runWorkersInProcess: true,
  },
);

const { app, deps } = await buildApp({ config });
installProcessGuards(app.log);
// One process owns the data folder, so no advisory lock around the migrations (migrateWithLock would hold the
// single embedded session in its transaction while the migrator waits for another connection).
await runMigrations(deps.database.db);
const seededMarker = path.join(config.dataDir, '.demo-data-seeded');
if (!existsSync(seededMarker)) {
  await seedDemoData(deps.database.db);
  writeFileSync(seededMarker, new Date().toISOString());
}
const workers = await startWorkerProcess(deps);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await workers.close();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.host, port: config.port });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
console.log(`✔ 12345 热线系统已启动 (embedded): http://localhost:${port} — 数据目录 (data) ${config.dataDir}`);
