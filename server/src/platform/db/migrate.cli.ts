import { loadConfig } from '../../config/index.js';
import { connectDatabase } from './client.js';
import { ensureDatabaseExists } from './ensure-database.js';
import { runMigrations } from './migrate.js';

const config = loadConfig();
await ensureDatabaseExists(config.databaseUrl);
const database = connectDatabase(config.databaseUrl, { max: 1 });
try {
  await runMigrations(database.db);
  console.log('数据库迁移完成 (migrations applied)');
} finally {
  await database.close();
}
