import { pgTable, pgEnum, uuid, text, boolean, timestamp, index, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** 市级部门 · 区县 · 街道/乡镇 · 公共服务企业 (水务/供电/燃气). Mirrors DEPARTMENT_KINDS in shared/contracts. */
export const departmentKind = pgEnum('department_kind', ['city_department', 'district', 'street', 'public_enterprise']);

/** The department tree: units that receive dispatched tickets (承办单位). */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short stable code used by integrations and seed data, e.g. SCJG for 市场监管. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: departmentKind('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    /** 联络电话: the unit's liaison line the hotline calls for urgent cases. */
    liaisonPhone: text('liaison_phone'),
    /** 单位负责人: copied on every 催办/通报 by SMS (DOMAIN: "with the unit's leader copied"). */
    leaderName: text('leader_name'),
    leaderPhone: text('leader_phone'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('departments_parent_id_idx').on(t.parentId)],
);
