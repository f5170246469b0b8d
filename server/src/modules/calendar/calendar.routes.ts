import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses, Nullable, StringEnum } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { CalendarDayRow } from './calendar.repository.js';
import type { CalendarService } from './calendar.service.js';
import { CALENDAR_SOURCES } from './calendar.table.js';

const YearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年份，例如 2026' }) });

const CalendarDay = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD（北京时间）' }),
  isWorkingDay: Type.Boolean({ description: 'true：调休上班日；false：放假' }),
  name: Nullable(Type.String()),
  source: StringEnum(CALENDAR_SOURCES),
  updatedAt: Type.String(),
});

const CalendarYear = Type.Object({
  year: Type.Integer(),
  /** Whether the year's official arrangement has been entered. */
  covered: Type.Boolean(),
  days: Type.Array(CalendarDay),
});

const CalendarDayInput = Type.Object({
  date: Type.String({ minLength: 10, maxLength: 10, description: 'YYYY-MM-DD' }),
  isWorkingDay: Type.Boolean(),
  name: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
});

function toView(year: { year: number; covered: boolean; days: CalendarDayRow[] }) {
  return {
    year: year.year,
    covered: year.covered,
    days: year.days.map((d) => ({
      date: d.date,
      isWorkingDay: d.isWorkingDay,
      name: d.name,
      source: d.source,
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}

/** 工作日历: the days that differ from Monday–Friday, per year; admins edit, leads read. */
export async function calendarAdminRoutes(app: FastifyInstance, { calendar }: { calendar: CalendarService }) {
  const r = typed(app);
  r.get(
    '/api/admin/calendar',
    {
      config: { roles: ['admin', 'lead'] },
      schema: {
        tags: ['calendar'],
        summary: '工作日历：某年的节假日与调休上班日',
        querystring: YearQuery,
        response: { 200: CalendarYear, ...errorResponses },
      },
    },
    async (request) => toView(await calendar.listYear(request.query.year)),
  );

  r.put(
    '/api/admin/calendar',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['calendar'],
        summary: '工作日历：保存某年的节假日与调休上班日（整年替换）',
        querystring: YearQuery,
        body: Type.Object({ days: Type.Array(CalendarDayInput, { minItems: 1, maxItems: 366 }) }),
        response: {
          200: Type.Object({
            ...CalendarYear.properties,
            added: Type.Array(Type.String()),
            changed: Type.Array(Type.String()),
            removed: Type.Array(Type.String()),
            recomputedClocks: Type.Integer({ description: '按新日历重新计算的正在计时的工作日时限数' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await calendar.replaceYear(actorFromRequest(request), request.query.year, request.body.days);
      return {
        ...toView(result),
        added: result.added,
        changed: result.changed,
        removed: result.removed,
        recomputedClocks: result.recomputedClocks,
      };
    },
  );

  r.get(
    '/api/admin/calendar/coverage',
    {
      config: { roles: ['admin', 'lead'] },
      schema: {
        tags: ['calendar'],
        summary: '工作日历：数据覆盖情况（自12月1日起提示缺少下一年数据）',
        response: {
          200: Type.Object({
            coveredYears: Type.Array(Type.Integer()),
            missingYear: Nullable(Type.Integer()),
            warning: Nullable(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async () => calendar.coverage(),
  );
}
