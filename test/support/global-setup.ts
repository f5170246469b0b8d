import { connectDatabase } from '../../server/src/platform/db/client.js';
import { recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { TEST_DATABASE_URL } from './env.js';

/** Once per test run: a fresh test database, migrated, with the demo reference data (departments, users). */
export async function setup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_URL);
  const database = connectDatabase(TEST_DATABASE_URL, { max: 2 });
  try {
    await runMigrations(database.db);
    await seedDemoData(database.db, { history: false });
  } finally {
    await database.close();
  }
}
