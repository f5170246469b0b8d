import { createWorkingCalendar, type WorkingCalendar } from '@hotline/shared/domain/working-calendar';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { calendarFingerprint, loadAllCalendarDays } from './calendar.repository.js';

/**
 * The working calendar, loaded from `working_calendar_days` and kept in memory: deadlines are computed on every
 * sign-for and extension, the table changes a few times a year. An edit in this process invalidates at once; an
 * edit made by another process (HTTP node vs worker) is noticed by a cheap fingerprint check at most
 * `recheckMs` later.
 */
export interface CalendarStore {
  get(db: DbOrTx): Promise<WorkingCalendar>;
  invalidate(): void;
}

const RECHECK_MS = 30_000;

/** The calendar as the table holds it now, uncached (inside a transaction: as that transaction sees it). */
export async function loadWorkingCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const rows = await loadAllCalendarDays(db);
  const years = new Set(rows.map((r) => Number(r.date.slice(0, 4))));
  return createWorkingCalendar({ exceptions: rows, coveredYears: [...years] });
}

export function createCalendarStore(clock: Clock, recheckMs = RECHECK_MS): CalendarStore {
  let cached: { calendar: WorkingCalendar; fingerprint: string; checkedAt: number } | null = null;
  let loading: Promise<WorkingCalendar> | null = null;

  async function load(db: DbOrTx): Promise<WorkingCalendar> {
    const fingerprint = await calendarFingerprint(db);
    if (cached && cached.fingerprint === fingerprint) {
      cached.checkedAt = clock.now().getTime();
      return cached.calendar;
    }
    const calendar = await loadWorkingCalendar(db);
    cached = { calendar, fingerprint, checkedAt: clock.now().getTime() };
    return calendar;
  }

  return {
    async get(db) {
      const now = clock.now().getTime();
      // |now - checkedAt| so that a test clock moved backwards also re-checks.
      if (cached && Math.abs(now - cached.checkedAt) < recheckMs) return cached.calendar;
      loading ??= load(db).finally(() => {
        loading = null;
      });
      return loading;
    },
    invalidate() {
      cached = null;
    },
  };
}

const stores = new WeakMap<object, CalendarStore>();

/** One store per database pool, so every service of a process shares one cache and one invalidation. */
export function calendarStoreFor(db: object, clock: Clock): CalendarStore {
  let store = stores.get(db);
  if (!store) {
    store = createCalendarStore(clock);
    stores.set(db, store);
  }
  return store;
}
