import { sql, type SQL } from 'drizzle-orm';

const NEEDS_ESCAPE = /["\\]/;

/**
 * A JS array as ONE bound Postgres array parameter (drizzle would expand a raw array into a list of parameters):
 * the array literal text, every element quoted, nulls as NULL, cast to `type[]`. Built in one pass, escaping only
 * the elements that need it: a burst's refresh sends ~1.3 million elements, and two regex replaces per element
 * were most of its JavaScript time.
 */
export function pgArray(values: readonly (string | number | null)[], type: string): SQL {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (i > 0) literal += ',';
    if (v === null || v === undefined) literal += 'NULL';
    else {
      const s = String(v);
      literal += NEEDS_ESCAPE.test(s) ? `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${s}"`;
    }
  }
  literal += '}';
  return sql`${literal}::${sql.raw(type)}[]`;
}
