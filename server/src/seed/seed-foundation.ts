import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.js';
import { hashPassword } from '../platform/auth/password.js';
import { departments } from '../modules/departments/departments.table.js';
import { users } from '../modules/auth/users.table.js';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo-departments.js';

/** Idempotent: running the seed twice changes nothing and never resets a password someone changed. */
export async function seedDepartmentsAndUsers(db: Db): Promise<void> {
  for (const d of DEMO_DEPARTMENTS) {
    const parent = d.parentCode
      ? (await db.select({ id: departments.id }).from(departments).where(eq(departments.code, d.parentCode)))[0]
      : undefined;
    await db
      .insert(departments)
      .values({ code: d.code, name: d.name, kind: d.kind, liaisonPhone: d.liaisonPhone, parentId: parent?.id ?? null })
      .onConflictDoUpdate({
        target: departments.code,
        set: { name: d.name, kind: d.kind, liaisonPhone: d.liaisonPhone, parentId: parent?.id ?? null },
      });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const codeToId = new Map(
    (await db.select({ id: departments.id, code: departments.code }).from(departments)).map((r) => [r.code, r.id]),
  );
  for (const u of DEMO_USERS) {
    await db
      .insert(users)
      .values({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
        departmentId: u.departmentCode ? (codeToId.get(u.departmentCode) ?? null) : null,
      })
      .onConflictDoNothing({ target: users.username });
  }
}
