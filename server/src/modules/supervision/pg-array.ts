import { sql, type SQL } from 'drizzle-orm';

/**
 * A JS array as ONE bound Postgres array parameter (drizzle would expand a raw array into a list of parameters):
 * the array literal text, every element quoted, nulls as NULL, cast to `type[]`.
 */
export function pgArray(values: readonly (string | number | null)[], type: string): SQL {
  const literal = `{${values
    .map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`))
    .join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}
