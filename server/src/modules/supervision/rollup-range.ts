import { sql, type SQL } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '@hotline/shared/domain/shanghai-time';

const monthStart = (d: IsoDate) => `${d.slice(0, 7)}-01`;
const nextMonthStart = (d: IsoDate) => {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * Splits [from, to] into whole months (read from `metric_rollups_monthly`) and the days at either edge (read from
 * `metric_rollups`), so a year costs twelve rows per cell, not 365.
 */
export function splitRange(
  from: IsoDate,
  to: IsoDate,
): { days: [IsoDate, IsoDate][]; months: [IsoDate, IsoDate] | null } {
  const firstFull = from === monthStart(from) ? from : nextMonthStart(from);
  const afterTo = addCalendarDays(to, 1);
  const lastFullStart =
    afterTo === monthStart(afterTo) ? monthStart(to) : addCalendarDays(monthStart(to), -1).slice(0, 7) + '-01';
  if (firstFull > lastFullStart) return { days: [[from, to]], months: null };
  const days: [IsoDate, IsoDate][] = [];
  if (from < firstFull) days.push([from, addCalendarDays(firstFull, -1)]);
  const lastFullEnd = addCalendarDays(nextMonthStart(lastFullStart), -1);
  if (lastFullEnd < to) days.push([addCalendarDays(lastFullEnd, 1), to]);
  return { days, months: [firstFull, lastFullStart] };
}

/** `(dim, key, counter, day, total)` rows covering [from, to] for one dimension, optionally one key. */
export function rollupRows(dim: string, from: IsoDate, to: IsoDate, key?: string, useMonths = true): SQL {
  const keyFilter = key !== undefined ? sql`AND key = ${key}` : sql``;
  const parts: SQL[] = [];
  const { days, months } = useMonths
    ? splitRange(from, to)
    : { days: [[from, to]] as [IsoDate, IsoDate][], months: null };
  for (const [a, b] of days)
    parts.push(sql`SELECT key, counter, day, total FROM metric_rollups
      WHERE dim = ${dim} AND day BETWEEN ${a}::date AND ${b}::date ${keyFilter}`);
  if (months)
    parts.push(sql`SELECT key, counter, day, total FROM metric_rollups_monthly
      WHERE dim = ${dim} AND day BETWEEN ${months[0]}::date AND ${months[1]}::date ${keyFilter}`);
  return sql.join(parts, sql` UNION ALL `);
}
