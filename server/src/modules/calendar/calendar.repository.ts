import { and, asc, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { workingCalendarDays, type CalendarSource } from './calendar.table.js';

export interface CalendarDayRow {
  date: string;
  isWorkingDay: boolean;
  name: string | null;
  source: CalendarSource;
  updatedBy: string | null;
  updatedAt: Date;
}

export async function loadAllCalendarDays(db: DbOrTx): Promise<{ date: string; isWorkingDay: boolean }[]> {
  return db
    .select({ date: workingCalendarDays.date, isWorkingDay: workingCalendarDays.isWorkingDay })
    .from(workingCalendarDays);
}

/** A cheap fingerprint of the table: any insert, edit or delete changes it (edits move updated_at). */
export async function calendarFingerprint(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      latest: sql<string | null>`max(${workingCalendarDays.updatedAt})::text`,
    })
    .from(workingCalendarDays);
  return `${row?.count ?? 0}|${row?.latest ?? ''}`;
}

export async function listCalendarYear(db: DbOrTx, year: number): Promise<CalendarDayRow[]> {
  return db
    .select()
    .from(workingCalendarDays)
    .where(and(gte(workingCalendarDays.date, `${year}-01-01`), lte(workingCalendarDays.date, `${year}-12-31`)))
    .orderBy(asc(workingCalendarDays.date));
}

export async function coveredCalendarYears(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .select({ year: sql<number>`extract(year from ${workingCalendarDays.date})::int` })
    .from(workingCalendarDays)
    .groupBy(sql`1`);
  return rows.map((r) => r.year).sort((a, b) => a - b);
}

/** A row as written: the same columns as read. */
export type CalendarDayWrite = CalendarDayRow;

export async function upsertCalendarDays(db: DbOrTx, rows: readonly CalendarDayWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(workingCalendarDays)
    .values([...rows])
    .onConflictDoUpdate({
      target: workingCalendarDays.date,
      set: {
        isWorkingDay: sql`excluded.is_working_day`,
        name: sql`excluded.name`,
        source: sql`excluded.source`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Inserts rows that are not there yet; never overwrites what an administrator changed. */
export async function insertMissingCalendarDays(db: DbOrTx, rows: readonly CalendarDayWrite[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(workingCalendarDays)
    .values([...rows])
    .onConflictDoNothing({ target: workingCalendarDays.date })
    .returning({ date: workingCalendarDays.date });
  return inserted.length;
}

export async function deleteCalendarDays(db: DbOrTx, dates: readonly string[]): Promise<void> {
  if (dates.length === 0) return;
  await db.delete(workingCalendarDays).where(inArray(workingCalendarDays.date, [...dates]));
}
