import { Type, type Static } from 'typebox';
import { Nullable, StringEnum } from './common.js';

/** Where a calendar row came from: the `chinese-days` package (seed) or an administrator's edit. */
export const CALENDAR_SOURCES = ['chinese-days', 'admin'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

export const CalendarYearQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年份，例如 2026' }),
});
export type CalendarYearQuery = Static<typeof CalendarYearQuery>;

/** 工作日历: one exception day (a weekday holiday, or a weekend make-up working day, 调休上班). */
export const CalendarDay = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD（北京时间）' }),
  isWorkingDay: Type.Boolean({ description: 'true：调休上班日；false：放假' }),
  name: Nullable(Type.String()),
  source: StringEnum(CALENDAR_SOURCES),
  updatedAt: Type.String(),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  /** Whether the year's official arrangement has been entered. */
  covered: Type.Boolean(),
  days: Type.Array(CalendarDay),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const CalendarDayInput = Type.Object({
  date: Type.String({ minLength: 10, maxLength: 10, description: 'YYYY-MM-DD' }),
  isWorkingDay: Type.Boolean(),
  name: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
});
export type CalendarDayInput = Static<typeof CalendarDayInput>;

export const CalendarYearBody = Type.Object({ days: Type.Array(CalendarDayInput, { minItems: 1, maxItems: 366 }) });
export type CalendarYearBody = Static<typeof CalendarYearBody>;

export const CalendarSaveResult = Type.Object({
  ...CalendarYear.properties,
  added: Type.Array(Type.String()),
  changed: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
  recomputedClocks: Type.Integer({ description: '按新日历重新计算的正在计时的工作日时限数' }),
});
export type CalendarSaveResult = Static<typeof CalendarSaveResult>;

export const CalendarCoverage = Type.Object({
  coveredYears: Type.Array(Type.Integer()),
  missingYear: Nullable(Type.Integer()),
  warning: Nullable(Type.String()),
});
export type CalendarCoverage = Static<typeof CalendarCoverage>;
