import type { FastifyInstance } from 'fastify';
import {
  CalendarCoverage,
  CalendarSaveResult,
  CalendarYear,
  CalendarYearBody,
  CalendarYearQuery,
} from '@hotline/shared/contracts/calendar';
import { errorResponses } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { CalendarDayRow } from './calendar.repository.js';
import type { CalendarService } from './calendar.service.js';

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
        querystring: CalendarYearQuery,
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
        querystring: CalendarYearQuery,
        body: CalendarYearBody,
        response: { 200: CalendarSaveResult, ...errorResponses },
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
        response: { 200: CalendarCoverage, ...errorResponses },
      },
    },
    async () => calendar.coverage(),
  );
}
