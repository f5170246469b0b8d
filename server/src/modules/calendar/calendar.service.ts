import { randomUUID } from 'node:crypto';
import { calendarCoverageWarning, type WorkingCalendar } from '@hotline/shared/domain/working-calendar';
import { dayOfWeek, isIsoDate, isWeekend, toShanghaiDate, yearOf } from '@hotline/shared/domain/shanghai-time';
import { rooms } from '@hotline/shared/realtime/rooms';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest } from '../../platform/http/errors.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { clockPolicyStoreFor } from '../clocks/clock-policy.store.js';
import { lockCalendarForEdit, recomputeClocksAfterCalendarEdit, unarmMovedStages } from '../clocks/clock-recompute.js';
import { calendarExceptionsFromChineseDays, chineseDaysCoversYear } from './chinese-days-seed.js';
import {
  coveredCalendarYears,
  deleteCalendarDays,
  insertMissingCalendarDays,
  listCalendarYear,
  upsertCalendarDays,
  type CalendarDayRow,
} from './calendar.repository.js';
import { calendarStoreFor, loadWorkingCalendar, type CalendarStore } from './calendar.store.js';

/** Years the bundled `chinese-days` data can hold; the package's own first year is 2004. */
const FIRST_SEED_YEAR = 2004;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * Seeds every year `chinese-days` covers and the table does not have yet. Idempotent, and it never re-adds a day an
 * administrator deleted: a year with any row is the administrator's from then on. Run by the seed and at worker
 * start, so a newer package release fills in its new year without touching edited ones.
 */
export async function seedWorkingCalendar(db: DbOrTx, at: Date): Promise<{ seededYears: number[] }> {
  const present = new Set(await coveredCalendarYears(db));
  const lastYear = yearOf(toShanghaiDate(at)) + 2;
  const years: number[] = [];
  for (let year = FIRST_SEED_YEAR; year <= lastYear; year++) {
    if (!present.has(year) && chineseDaysCoversYear(year)) years.push(year);
  }
  const rows = calendarExceptionsFromChineseDays(years).map((d) => ({
    ...d,
    source: 'chinese-days' as const,
    updatedBy: null,
    updatedAt: at,
  }));
  await insertMissingCalendarDays(db, rows);
  return { seededYears: years };
}

export interface CalendarDayInput {
  date: string;
  isWorkingDay: boolean;
  name?: string | null;
}

export interface CoverageStatus {
  coveredYears: number[];
  missingYear: number | null;
  warning: string | null;
}

export function coverageWarningText(year: number): string {
  return `工作日历尚未录入${year}年的节假日安排（法定节假日和调休上班日），${year}年的时限将按周一至周五计算。请在“系统管理 → 工作日历”中录入。`;
}

/**
 * 工作日历 administration and the coverage warning. `queues` (optional, given by the app) lets an edit drop stage jobs
 * armed at instants the edit moved; without it those jobs fire at most one scheduler window late.
 */
export function createCalendarService(deps: { db: Db; clock: Clock; store?: CalendarStore; queues?: Queues | null }) {
  const { db, clock } = deps;
  const store = deps.store ?? calendarStoreFor(db, clock);

  function validateYearDays(year: number, days: readonly CalendarDayInput[]): void {
    const seen = new Set<string>();
    for (const day of days) {
      if (!isIsoDate(day.date)) throw badRequest(`「${day.date}」不是有效日期，格式应为 YYYY-MM-DD`, 'invalid_date');
      if (yearOf(day.date) !== year) throw badRequest(`${day.date} 不在${year}年内`, 'date_outside_year');
      if (seen.has(day.date)) throw badRequest(`${day.date} 重复出现`, 'duplicate_date');
      seen.add(day.date);
      const weekday = WEEKDAY_NAMES[dayOfWeek(day.date)];
      if (day.isWorkingDay && !isWeekend(day.date)) {
        throw badRequest(`${day.date} 是${weekday}，本就是工作日，无需设为调休上班日`, 'not_an_exception');
      }
      if (!day.isWorkingDay && isWeekend(day.date)) {
        throw badRequest(`${day.date} 是${weekday}，本就是休息日，无需设为节假日`, 'not_an_exception');
      }
    }
  }

  return {
    async listYear(year: number): Promise<{ year: number; covered: boolean; days: CalendarDayRow[] }> {
      const days = await listCalendarYear(db, year);
      return { year, covered: days.length > 0, days };
    },

    /**
     * Replaces the exceptions of one year with `days`: new ones added, changed ones updated (source 'admin'),
     * missing ones deleted, unchanged ones kept with their source. One audit row with the difference. Open
     * working-day clocks whose stages touch a date that changed status are recomputed in the same transaction
     * (clocks/clock-recompute.ts, rule in clocks/README.md).
     */
    async replaceYear(actor: AuditActor, year: number, days: readonly CalendarDayInput[]) {
      validateYearDays(year, days);
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        await lockCalendarForEdit(tx);
        const calendarBefore = await loadWorkingCalendar(tx);
        const before = new Map((await listCalendarYear(tx, year)).map((d) => [d.date, d]));
        const wanted = new Map(days.map((d) => [d.date, d]));
        const removed = [...before.keys()].filter((date) => !wanted.has(date));
        const changed = days.filter((d) => {
          const old = before.get(d.date);
          return !old || old.isWorkingDay !== d.isWorkingDay || (old.name ?? null) !== (d.name ?? null);
        });
        await deleteCalendarDays(tx, removed);
        await upsertCalendarDays(
          tx,
          changed.map((d) => ({
            date: d.date,
            isWorkingDay: d.isWorkingDay,
            name: d.name ?? null,
            source: 'admin' as const,
            updatedBy: actor.userId,
            updatedAt: now,
          })),
        );
        const summary = {
          year,
          added: changed.filter((d) => !before.has(d.date)).map((d) => d.date),
          changed: changed.filter((d) => before.has(d.date)).map((d) => d.date),
          removed,
        };
        await recordAudit(tx, actor, {
          action: 'calendar.update',
          entityType: 'working_calendar',
          entityId: String(year),
          detail: summary,
        });
        const calendarAfter = await loadWorkingCalendar(tx);
        const touched = new Set([...before.keys(), ...wanted.keys()]);
        const changedDates = [...touched].filter(
          (d) => calendarBefore.isWorkingDay(d) !== calendarAfter.isWorkingDay(d),
        );
        const { settings } = await clockPolicyStoreFor(db, clock).get(tx);
        const clocks = await recomputeClocksAfterCalendarEdit(tx, actor, {
          year,
          at: now,
          before: calendarBefore,
          after: calendarAfter,
          changedDates,
          settings,
        });
        return { ...summary, clocks };
      });
      store.invalidate();
      if (deps.queues) await unarmMovedStages(deps.queues, result.clocks.movedArmedStages);
      const { clocks, ...summary } = result;
      return { ...summary, recomputedClocks: clocks.recomputed, ...(await this.listYear(year)) };
    },

    async coverage(): Promise<CoverageStatus> {
      const calendar: WorkingCalendar = await store.get(db);
      const missingYear = calendarCoverageWarning(calendar, toShanghaiDate(clock.now()));
      return {
        coveredYears: [...calendar.coveredYears],
        missingYear,
        warning: missingYear === null ? null : coverageWarningText(missingYear),
      };
    },

    /** The daily check (and at worker start): log and tell the administrators when a year is missing. */
    async checkCoverageAndNotify(realtime: Realtime | null, log?: { warn(obj: object, msg?: string): void }) {
      const status = await this.coverage();
      if (status.missingYear === null || !status.warning) return status;
      log?.warn({ missingYear: status.missingYear }, 'working calendar: next year has no holiday arrangement');
      realtime?.emitTo(rooms.role('admin'), 'notification', {
        id: randomUUID(),
        kind: 'calendar.coverage',
        title: `工作日历缺少${status.missingYear}年数据`,
        body: status.warning,
        at: clock.now().toISOString(),
      });
      return status;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
