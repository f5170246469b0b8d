import { getTableColumns, SQL, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `insert into <table> (…) select … from <source>`: the row is written once per row of `source` (a CTE of the same
 * statement), so a write that depends on an earlier CTE (an UPDATE … RETURNING that matched nothing) writes nothing.
 * Values are bound as parameters with the column's encoder and an explicit cast (inside INSERT … SELECT the server
 * cannot infer a parameter's type); an `SQL` value is used as it is (e.g. sql`w0.id`).
 */
export function insertSelectFrom<T extends PgTable>(
  table: T,
  values: Partial<{ [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL }>,
  source: string,
): SQL {
  const columns = getTableColumns(table) as Record<string, Column>;
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  const names = entries.map(([key]) => sql.identifier(columns[key]!.name));
  const exprs = entries.map(([key, value]) => {
    if (value instanceof SQL) return value;
    const column = columns[key]!;
    if (value === null) return sql`null::${sql.raw(column.getSQLType())}`;
    return sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`;
  });
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(exprs, sql`, `)} from ${sql.raw(source)}`;
}

const columnsOf = new WeakMap<PgTable, [string, Column][]>();

/** A raw row of `table` (column names, driver values — from `execute`) as drizzle's select would return it. */
export function rowOf<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  let columns = columnsOf.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table) as Record<string, Column>);
    columnsOf.set(table, columns);
  }
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}
