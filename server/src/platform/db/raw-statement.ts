import type postgres from 'postgres';
import { getTableColumns, SQL, sql, type Column, type SQLWrapper } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { Db, DbOrTx, Tx } from './client.js';

/**
 * A statement as SQL text with `$1`… placeholders and its parameters as driver values, written without drizzle's
 * query builder (issue 12: rendering the ticket actions' nested write statements through drizzle — an `is()` check
 * per chunk, an object per column — was the largest JavaScript cost of a state change). It is still a drizzle
 * `SQLWrapper`, so anything that takes a drizzle statement can take it (at drizzle's rendering cost); the ticket
 * action runner joins such statements as text (`composeStatements`) and sends them through the driver directly.
 */
export class RawStatement implements SQLWrapper {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}

  getSQL(): SQL {
    const chunks: SQL[] = [];
    const param = (value: unknown) => sql`${sql.param(value)}`;
    let last = 0;
    for (const match of this.text.matchAll(/\$(\d+)/g)) {
      chunks.push(sql.raw(this.text.slice(last, match.index)), param(this.params[Number(match[1]) - 1]));
      last = match.index + match[0].length;
    }
    chunks.push(sql.raw(this.text.slice(last)));
    return sql.join(chunks);
  }
}

interface ColumnInfo {
  key: string;
  name: string;
  /** `::type` cast of a parameter bound to the column (the server cannot always infer it, e.g. in CTEs). */
  cast: string;
  column: Column;
}

const columnCache = new WeakMap<PgTable, Map<string, ColumnInfo>>();

function castOf(column: Column): string {
  const type = column.getSQLType();
  const serial = /^(small|big)?serial$/.exec(type);
  if (serial) return serial[1] === 'big' ? 'bigint' : serial[1] === 'small' ? 'smallint' : 'integer';
  return type;
}

function columnsOf(table: PgTable): Map<string, ColumnInfo> {
  let columns = columnCache.get(table);
  if (!columns) {
    columns = new Map(
      Object.entries(getTableColumns(table) as Record<string, Column>).map(([key, column]) => [
        key,
        { key, name: `"${column.name}"`, cast: castOf(column), column },
      ]),
    );
    columnCache.set(table, columns);
  }
  return columns;
}

const tableNames = new WeakMap<PgTable, string>();
/** The table's quoted name (as drizzle renders it: schema-less tables only). */
export function tableName(table: PgTable): string {
  let name = tableNames.get(table);
  if (!name) {
    name = `"${(table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]}"`;
    tableNames.set(table, name);
  }
  return name;
}

/** Appends a parameter; returns its placeholder with the column's cast. */
function bind(params: unknown[], info: ColumnInfo, value: unknown): string {
  if (value === null) return `null::${info.cast}`;
  params.push(info.column.mapToDriverValue(value));
  return `$${params.length}::${info.cast}`;
}

type Values<T extends PgTable> = Partial<T['$inferInsert']>;

/**
 * `insert into <table> (…) values (…), (…)` of plain values (no SQL expressions), with the columns' JS-side defaults
 * (`$defaultFn`, `$onUpdateFn`) applied as drizzle's insert applies them; other omitted columns take the table's
 * default. Every row must name the same columns.
 */
export function insertStatement<T extends PgTable>(table: T, rows: readonly Values<T>[]): RawStatement {
  const columns = columnsOf(table);
  const used: ColumnInfo[] = [];
  for (const info of columns.values()) {
    const given = rows.some((row) => (row as Record<string, unknown>)[info.key] !== undefined);
    if (given || info.column.defaultFn || info.column.onUpdateFn) used.push(info);
  }
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = used.map((info) => {
      let value = (row as Record<string, unknown>)[info.key];
      if (value === undefined) {
        if (info.column.defaultFn) value = info.column.defaultFn();
        else if (info.column.onUpdateFn) value = info.column.onUpdateFn();
        else return 'default';
      }
      if (value instanceof SQL) throw new Error('insertStatement takes plain values only');
      return bind(params, info, value);
    });
    return `(${values.join(', ')})`;
  });
  return new RawStatement(
    `insert into ${tableName(table)} (${used.map((c) => c.name).join(', ')}) values ${tuples.join(', ')}`,
    params,
  );
}

/**
 * `update <table> set … where "id" = $n` of plain values, with the columns' `$onUpdateFn` applied to columns not set
 * (as drizzle's update does).
 */
export function updateByIdStatement<T extends PgTable>(table: T, id: string, patch: Values<T>): RawStatement {
  const columns = columnsOf(table);
  const params: unknown[] = [];
  const sets: string[] = [];
  for (const info of columns.values()) {
    let value = (patch as Record<string, unknown>)[info.key];
    if (value === undefined) {
      if (!info.column.onUpdateFn) continue;
      value = info.column.onUpdateFn();
    }
    if (value instanceof SQL) throw new Error('updateByIdStatement takes plain values only');
    sets.push(`${info.name} = ${bind(params, info, value)}`);
  }
  if (sets.length === 0) throw new Error('updateByIdStatement needs at least one column');
  const id$ = bind(params, columns.get('id')!, id);
  return new RawStatement(`update ${tableName(table)} set ${sets.join(', ')} where "id" = ${id$}`, params);
}

/** A Postgres array literal of text values (each quoted), for a `$n::uuid[]` / `$n::text[]` parameter. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const dialect = new PgDialect();

/** Text and parameters of any statement: a `RawStatement` as it is, a drizzle one rendered. */
export function toRaw(statement: SQLWrapper): RawStatement {
  if (statement instanceof RawStatement) return statement;
  const query = dialect.sqlToQuery(statement.getSQL());
  return new RawStatement(query.sql, query.params);
}

/** `text` with its placeholders moved up by `offset` (to follow another statement's parameters). */
export function shiftPlaceholders(text: string, offset: number): string {
  return offset === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/** The driver connection behind a drizzle database or open transaction (same connection, same transaction). */
function driverOf(db: DbOrTx): postgres.Sql {
  return (db as unknown as { session: { client: postgres.Sql } }).session.client;
}

/** Runs a statement on the connection of `db` (inside its transaction, if it is one); returns the rows. */
export async function executeRaw<Row extends Record<string, unknown>>(
  db: DbOrTx,
  statement: SQLWrapper,
): Promise<Row[]> {
  const raw = toRaw(statement);
  const rows = await driverOf(db).unsafe(raw.text, raw.params as postgres.ParameterOrJSON<never>[]);
  return rows as unknown as Row[];
}

interface DrizzleSessionInternals {
  client: postgres.Sql;
  dialect: PgDialect;
  options: ConstructorParameters<typeof PostgresJsSession>[3];
}

/**
 * `db.transaction(fn)` without drizzle's relational query API on the transaction: drizzle builds one relational
 * query builder per table of the schema for every transaction it opens (~1.5 % of a ticket action's CPU, issue 12).
 * The transaction is the same postgres.js BEGIN … COMMIT (ROLLBACK when `fn` throws) on the same prepared-statement
 * view of the connection; only `tx.query.*` is missing, which the callers of this do not use.
 */
export function transactionWithoutRelations<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = (db as unknown as { session: DrizzleSessionInternals }).session;
  return session.client.begin(async (client) => {
    const txSession = new PostgresJsSession(
      client as unknown as postgres.Sql,
      session.dialect,
      undefined,
      session.options,
    );
    const tx = new PostgresJsTransaction(
      session.dialect,
      txSession as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1],
      undefined,
    );
    return fn(tx as unknown as Tx);
  }) as Promise<T>;
}
