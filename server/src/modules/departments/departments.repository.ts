import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';
import { departments } from './departments.table.js';

export async function listDepartments(db: DbOrTx) {
  return db.select().from(departments).orderBy(asc(departments.kind), asc(departments.code));
}

/** Id → `{ id, name }` of the named units (nulls and repeats ignored): what ticket views and exports show. */
export async function departmentRefs(
  db: DbOrTx,
  ids: readonly (string | null)[],
): Promise<Map<string, { id: string; name: string }>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(inArray(departments.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
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

/** 承办单位管理: every unit (or the one `onlyId`) with its leader, parent's name, active staff and the tickets it holds now. */
export async function listAdminDepartments(db: DbOrTx, onlyId?: string) {
  const parent = alias(departments, 'parent');
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      kind: departments.kind,
      parentId: departments.parentId,
      parentName: parent.name,
      liaisonPhone: departments.liaisonPhone,
      leaderName: departments.leaderName,
      leaderPhone: departments.leaderPhone,
      active: departments.active,
      createdAt: departments.createdAt,
      activeMembers: sql<number>`(select count(*)::int from ${users} u where u.department_id = ${departments.id} and u.active)`,
      openTickets: sql<number>`(select count(distinct r.ticket_id)::int from ${dispatchRounds} r where r.department_id = ${departments.id} and r.active)`,
    })
    .from(departments)
    .leftJoin(parent, eq(parent.id, departments.parentId))
    .where(onlyId ? eq(departments.id, onlyId) : undefined)
    .orderBy(asc(departments.kind), asc(departments.code));
}

export async function lockDepartment(db: DbOrTx, id: string) {
  const rows = await db.select().from(departments).where(eq(departments.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

/** The unit's ancestors, nearest first (to refuse a parent that would make the tree a loop). */
export async function ancestorIds(db: DbOrTx, id: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from ${departments} where id = ${id}
      union all
      select d.id, d.parent_id, up.depth + 1 from ${departments} d join up on d.id = up.parent_id where up.depth < 64
    )
    select id from up where depth > 0 order by depth`);
  return rows.map((row) => row.id);
}

export async function departmentHoldings(db: DbOrTx, id: string) {
  const [row] = await db.execute<{ members: number; tickets: number }>(sql`
    select (select count(*)::int from ${users} u where u.department_id = ${id} and u.active) as members,
           (select count(distinct r.ticket_id)::int from ${dispatchRounds} r where r.department_id = ${id} and r.active) as tickets`);
  return row ?? { members: 0, tickets: 0 };
}

export type DepartmentInsert = typeof departments.$inferInsert;

export async function insertDepartment(db: DbOrTx, values: DepartmentInsert): Promise<string> {
  const [row] = await db.insert(departments).values(values).returning({ id: departments.id });
  return row!.id;
}

export async function updateDepartment(db: DbOrTx, id: string, values: Partial<DepartmentInsert>): Promise<void> {
  await db.update(departments).set(values).where(eq(departments.id, id));
}
