import { loadConfig } from '../config/index.js';
import { connectDatabase } from '../platform/db/client.js';
import { ensureDatabaseExists } from '../platform/db/ensure-database.js';
import { migrateWithLock } from '../platform/db/migrate-locked.js';
import { seedDemoData } from './seed.js';

const config = loadConfig();
await ensureDatabaseExists(config.databaseUrl);
const database = connectDatabase(config.databaseUrl, { max: 2 });
try {
  await migrateWithLock(database);
  await seedDemoData(database.db);
  console.log('演示数据已写入 (demo data seeded)');
} finally {
  await database.close();
}
