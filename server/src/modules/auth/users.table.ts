import { pgTable, pgEnum, uuid, text, boolean, integer, timestamp, index } from 'drizzle-orm/pg-core';
import { departments } from '../departments/departments.table.js';

/** Mirrors ROLES in shared/domain/roles.ts. */
export const userRole = pgEnum('user_role', ['agent', 'lead', 'handler', 'dept_head', 'kb_editor', 'admin']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** argon2id hash (PHC string). */
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    /** Set for handler and dept_head (scoped to one unit); also allowed for kb_editor of a department. */
    departmentId: uuid('department_id').references(() => departments.id),
    active: boolean('active').notNull().default(true),
    /** Consecutive failed sign-ins since the last success or lock. */
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_department_id_idx').on(t.departmentId)],
);
