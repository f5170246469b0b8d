import type { Db } from '../platform/db/client.js';
import { seedDepartmentsAndUsers } from './seed-foundation.js';

/** The demo data set: departments, users for every role; domain modules add their demo data here. */
export async function seedDemoData(db: Db): Promise<void> {
  await seedDepartmentsAndUsers(db);
}
