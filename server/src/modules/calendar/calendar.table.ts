import { pgTable, pgEnum, date, boolean, text, uuid, timestamp, index } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.js';

import { CALENDAR_SOURCES } from '@hotline/shared/contracts/calendar';

/** Where a calendar row came from (see the contract): the `chinese-days` package (seed) or an administrator's edit. */
export { CALENDAR_SOURCES, type CalendarSource } from '@hotline/shared/contracts/calendar';
export const calendarSource = pgEnum('calendar_source', CALENDAR_SOURCES);

/**
 * 工作日历: only the days that differ from plain Monday–Friday — holidays on weekdays (放假) and weekend make-up
 * working days (调休上班). A year counts as covered once it has at least one row: every real year has some
 * (春节 alone always takes weekdays off), so a year with none is a year nobody has entered yet.
 */
export const workingCalendarDays = pgTable(
  'working_calendar_days',
  {
    /** An Asia/Shanghai calendar date. */
    date: date('date', { mode: 'string' }).primaryKey(),
    isWorkingDay: boolean('is_working_day').notNull(),
    /** The holiday the day belongs to (春节, 国庆节 …). */
    name: text('name'),
    source: calendarSource('source').notNull(),
    /** Null for seeded rows. */
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('working_calendar_days_updated_by_idx').on(t.updatedBy)],
);
