import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { AdminUserQuery } from '@hotline/shared/contracts/users';
import type { DbOrTx } from '../../platform/db/client.js';
import { departments } from '../departments/departments.table.js';
import { users } from './users.table.js';
import { escapeLike } from '../../platform/db/sql-text.js';

/** The columns an administrator may see: everything but the password hash. */
const adminColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  departmentId: users.departmentId,
  departmentName: departments.name,
  active: users.active,
  lockedUntil: users.lockedUntil,
  failedLoginCount: users.failedLoginCount,
  passwordChangedAt: users.passwordChangedAt,
  createdAt: users.createdAt,
};

export type AdminUserRow = NonNullable<Awaited<ReturnType<typeof findAdminUser>>>;

export async function listAdminUsers(db: DbOrTx, query: AdminUserQuery & { page: number; pageSize: number }) {
  const conditions: SQL[] = [];
  if (query.role) conditions.push(eq(users.role, query.role));
  if (query.departmentId) conditions.push(eq(users.departmentId, query.departmentId));
  if (query.active !== undefined) conditions.push(eq(users.active, query.active));
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select(adminColumns)
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(where)
      .orderBy(users.username)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

export async function findAdminUser(db: DbOrTx, id: string) {
  const rows = await db
    .select(adminColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Row-locks the user so two concurrent edits of the same account serialise. */
export async function lockUserRow(db: DbOrTx, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

/**
 * Row-locks every active administrator and returns their ids: the "last active admin" check must see the
 * same set another transaction would change, or two admins could demote each other at once.
 */
export async function lockActiveAdmins(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(users.id)
    .for('update');
  return rows.map((r) => r.id);
}

export async function usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return rows.length > 0;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row!;
}

export async function updateUser(db: DbOrTx, id: string, values: Partial<typeof users.$inferInsert>) {
  await db.update(users).set(values).where(eq(users.id, id));
}

export async function clearLockout(db: DbOrTx, id: string) {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, id));
}

/** True when the database reports a unique violation (two creates of the same username racing). */
export function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return (error as { code?: string } | null)?.code === '23505' || cause?.code === '23505';
}
