import type { Database } from './client.js';
import { runMigrations } from './migrate.js';

const MIGRATION_LOCK = 12345_0001;

/** Several nodes may start at once: one migrates, the others wait for it. */
export async function migrateWithLock(database: Database): Promise<void> {
  await database.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await runMigrations(database.db);
  });
}
