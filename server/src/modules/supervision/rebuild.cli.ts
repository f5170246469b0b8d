import { loadConfig } from '../../config/index.js';
import { connectDatabase } from '../../platform/db/client.js';
import { rebuildAllMetrics } from './metric-refresh.js';

/** `npm run supervision:rebuild`: derive every metric fact and rollup again from the raw rows of DATABASE_URL. */
const config = loadConfig();
const database = connectDatabase(config.databaseUrl, { max: 2 });
try {
  const started = Date.now();
  const { tickets, contacts } = await rebuildAllMetrics(database.db, new Date());
  console.log(`指标汇总已重建: ${tickets} 张工单, ${contacts} 通来电, ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await database.close();
}
