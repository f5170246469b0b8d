import { DEFAULT_CLOCK_POLICY, type ClockPolicyRow } from '@hotline/shared/domain/clock-policy';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import {
  DEFAULT_CLOCK_SETTINGS,
  loadClockPolicyRows,
  loadClockSettings,
  type ClockSettings,
} from './clock-policy.repository.js';

export interface ClockPolicySnapshot {
  rows: readonly ClockPolicyRow[];
  settings: ClockSettings;
}

/**
 * The clock policy held in memory like the calendar: re-read at most every `recheckMs` (edits in another process),
 * at once after an edit in this one. An empty table (a database not seeded yet) falls back to the DOMAIN defaults
 * rather than leaving tickets without deadlines.
 */
export interface ClockPolicyStore {
  get(db: DbOrTx): Promise<ClockPolicySnapshot>;
  invalidate(): void;
}

const RECHECK_MS = 30_000;

export function createClockPolicyStore(clock: Clock, recheckMs = RECHECK_MS): ClockPolicyStore {
  let cached: { snapshot: ClockPolicySnapshot; loadedAt: number } | null = null;
  return {
    async get(db) {
      const now = clock.now().getTime();
      if (cached && Math.abs(now - cached.loadedAt) < recheckMs) return cached.snapshot;
      const [rows, settings] = await Promise.all([loadClockPolicyRows(db), loadClockSettings(db)]);
      const snapshot = {
        rows: rows.length ? rows : DEFAULT_CLOCK_POLICY,
        settings: settings ?? DEFAULT_CLOCK_SETTINGS,
      };
      cached = { snapshot, loadedAt: now };
      return snapshot;
    },
    invalidate() {
      cached = null;
    },
  };
}

const stores = new WeakMap<object, ClockPolicyStore>();

export function clockPolicyStoreFor(db: object, clock: Clock): ClockPolicyStore {
  let store = stores.get(db);
  if (!store) {
    store = createClockPolicyStore(clock);
    stores.set(db, store);
  }
  return store;
}
