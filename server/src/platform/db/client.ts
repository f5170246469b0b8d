import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from '../../schema.js';

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
/** The open transaction handed to repository functions; same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool or an open transaction: repository functions take this first. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/**
 * drizzle sends every query through `sql.unsafe` with `prepare: false` unless the query is given a name: an unnamed
 * statement with parameters costs postgres.js TWO round trips (Parse+Describe, wait for the parameter types, then
 * Bind+Execute). This view of the client makes those statements named and cached per connection instead, so a query
 * costs one round trip from its second use on a connection (issue 12: a dispatch went from 22 writes to Postgres to
 * about half). Transactions and savepoints hand drizzle the same view of their connection.
 */
function preparedByDefault(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args[args.length - 1] as (tx: postgres.Sql) => unknown;
          const wrapped = (tx: postgres.Sql) => callback(preparedByDefault(tx));
          const method = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[property]!;
          return method.apply(target, [...args.slice(0, -1), wrapped]);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function connectDatabase(url: string, options: { max?: number; prepare?: boolean } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 20,
    idle_timeout: 30,
    connect_timeout: 5,
    onnotice: () => {},
    // timestamptz comes back as Date; bigint as string (ids of audit rows can exceed 2^53 in theory).
  });
  // Embedded mode (PGlite behind one shared session) keeps unnamed statements: names would collide there.
  const db = drizzle(options.prepare === false ? sql : preparedByDefault(sql), { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
