import { randomUUID } from 'node:crypto';
import type { Role } from '@hotline/shared/domain/roles';
import type { Db } from '../../server/src/platform/db/client.js';
import { hashPassword } from '../../server/src/platform/auth/password.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { departments } from '../../server/src/modules/departments/departments.table.js';

/** Factories insert real rows with unique names, so tests never step on each other's data. */
export async function createDepartment(db: Db, overrides: Partial<typeof departments.$inferInsert> = {}) {
  const suffix = randomUUID().slice(0, 8);
  const [row] = await db
    .insert(departments)
    .values({ code: `T-${suffix}`, name: `测试单位${suffix}`, kind: 'city_department', ...overrides })
    .returning();
  return row!;
}

const ROLE_NAMES: Record<Role, string> = {
  agent: '话务员',
  lead: '班长',
  handler: '经办人',
  dept_head: '单位负责人',
  kb_editor: '知识库编辑',
  admin: '管理员',
};

export async function createUser(
  db: Db,
  role: Role,
  options: { departmentId?: string | null; password?: string } = {},
) {
  const username = `${role}_${randomUUID().slice(0, 8)}`;
  const password = options.password ?? 'Test@Passw0rd!';
  const [row] = await db
    .insert(users)
    .values({
      username,
      // A person's name, as real data would have it (never an internal key on screen).
      displayName: `测试${ROLE_NAMES[role]}`,
      role,
      departmentId: options.departmentId ?? null,
      passwordHash: await hashPassword(password),
    })
    .returning();
  return { ...row!, password };
}
