import { and, asc, eq } from 'drizzle-orm';
import { users } from '../auth/users.table.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { departments } from './departments.table.js';

export async function listDepartments(db: DbOrTx) {
  return db.select().from(departments).orderBy(asc(departments.kind), asc(departments.code));
}

export async function findDepartment(db: DbOrTx, id: string) {
  const rows = await db.select().from(departments).where(eq(departments.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listDepartmentMembers(db: DbOrTx, departmentId: string) {
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.departmentId, departmentId), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}
