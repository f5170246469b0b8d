import { parseArgs } from 'node:util';
import { connectDatabase } from '../../platform/db/client.js';
import { recreateDatabase } from '../../platform/db/ensure-database.js';
import { runMigrations } from '../../platform/db/migrate.js';
import { seedDemoData } from '../../seed/seed.js';
import { rebuildAllMetrics } from './metric-refresh.js';
import { seedVolume } from './volume-seed.js';

/**
 * `npm run seed:volume -- --tickets N --calls M`: a database of its own (VOLUME_DATABASE_URL, default
 * hotline_volume — dropped and recreated), migrated, with the demo units, N tickets and M calls over two years, and
 * the rollups rebuilt from them.
 */
const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '100000' }, calls: { type: 'string', default: '300000' } },
});
const tickets = Number(values.tickets);
const calls = Number(values.calls);
if (!Number.isInteger(tickets) || tickets < 0 || !Number.isInteger(calls) || calls < 0) {
  console.error('用法: npm run seed:volume -- --tickets 数量 --calls 数量');
  process.exit(2);
}
const url = process.env.VOLUME_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_volume';
await recreateDatabase(url);
const database = connectDatabase(url, { max: 2 });
try {
  await runMigrations(database.db);
  await seedDemoData(database.db);
  let started = Date.now();
  await seedVolume(database.db, { tickets, calls });
  console.log(`生成 ${tickets} 张工单、${calls} 通来电: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const rebuilt = await rebuildAllMetrics(database.db, new Date());
  console.log(
    `指标汇总重建 (${rebuilt.tickets} 工单, ${rebuilt.contacts} 来电): ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
}
