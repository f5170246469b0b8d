import { and, eq, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { departments } from '../departments/departments.table.js';
import { users } from './users.table.js';

export async function findUserForLogin(db: DbOrTx, username: string) {
  const rows = await db
    .select({ user: users, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.username, username))
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const rows = await db
    .select({ user: users, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Reserves one password check before it is made (issue 10.8): the attempt counts as a failure until it succeeds, so a
 * parallel burst cannot check more passwords than the limit. Returns the attempt's number (1..max), or null when the
 * account is locked or the limit is used up by attempts still in flight.
 */
export async function reserveLoginAttempt(db: DbOrTx, userId: string, maxFailures: number, now: Date) {
  const rows = await db
    .update(users)
    .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
    .where(
      and(
        eq(users.id, userId),
        lt(users.failedLoginCount, maxFailures),
        or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
      ),
    )
    .returning({ attempt: users.failedLoginCount });
  return rows[0]?.attempt ?? null;
}

/**
 * Locks the account until `lockUntil` and starts the count afresh. `onlyWhenExhausted`: only if the limit is used up
 * and no lock is running (the attempts that used it up may have died before they could lock). Returns the lock's end.
 */
export async function lockAccount(
  db: DbOrTx,
  userId: string,
  lockUntil: Date,
  options: { onlyWhenExhausted?: { maxFailures: number; now: Date } } = {},
): Promise<Date | null> {
  const exhausted = options.onlyWhenExhausted;
  const rows = await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: lockUntil })
    .where(
      exhausted
        ? and(
            eq(users.id, userId),
            gte(users.failedLoginCount, exhausted.maxFailures),
            or(isNull(users.lockedUntil), lte(users.lockedUntil, exhausted.now)),
          )
        : eq(users.id, userId),
    )
    .returning({ lockedUntil: users.lockedUntil });
  return rows[0]?.lockedUntil ?? null;
}

export async function updatePasswordHash(db: DbOrTx, userId: string, passwordHash: string, at: Date) {
  await db.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, userId));
}
