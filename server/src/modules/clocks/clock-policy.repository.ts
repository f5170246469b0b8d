import { asc, eq } from 'drizzle-orm';
import { DEFAULT_STAGE_POLICY, type StagePolicy } from '@hotline/shared/domain/deadlines';
import { DEFAULT_CLOCK_POLICY, type ClockPolicyRow } from '@hotline/shared/domain/clock-policy';
import type { DbOrTx } from '../../platform/db/client.js';
import { clockPolicyRules, clockSettings } from './clocks.table.js';

/** The stage ladder plus the auto-sign switch: the editable part of the clock policy besides the duration rows. */
export interface ClockSettings extends StagePolicy {
  autoSignOnSignForDue: boolean;
  /** Review time (退单审核, 反馈审核) is added to the unit's due when its clock resumes (default true). */
  reviewPausesClock: boolean;
  /** Minimum time left to a unit whose return was rejected, in minutes (default 60). */
  resumeMinimumMinutes: number;
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = {
  ...DEFAULT_STAGE_POLICY,
  autoSignOnSignForDue: true,
  reviewPausesClock: true,
  resumeMinimumMinutes: 60,
};

export async function loadClockPolicyRows(db: DbOrTx): Promise<ClockPolicyRow[]> {
  const rows = await db
    .select()
    .from(clockPolicyRules)
    .orderBy(asc(clockPolicyRules.position), asc(clockPolicyRules.id));
  return rows.map((r) => ({
    kind: r.kind,
    type: r.ticketType ?? null,
    urgency: r.urgency ?? null,
    category: r.category ?? null,
    duration: { amount: r.amount, unit: r.unit },
    priority: r.priority,
    ...(r.note ? { note: r.note } : {}),
  }));
}

export async function loadClockSettings(db: DbOrTx): Promise<ClockSettings | null> {
  const [row] = await db.select().from(clockSettings).where(eq(clockSettings.id, 1));
  if (!row) return null;
  return {
    warningFraction: row.warningFraction,
    warningWorkingDaysBefore: row.warningWorkingDaysBefore,
    chaseWorkingDaysAfterDue: row.chaseWorkingDaysAfterDue,
    publicNoticeWorkingDaysAfterChase: row.publicNoticeWorkingDaysAfterChase,
    chaseMinutesAfterDue: row.chaseMinutesAfterDue,
    publicNoticeMinutesAfterChase: row.publicNoticeMinutesAfterChase,
    autoSignOnSignForDue: row.autoSignOnSignForDue,
    reviewPausesClock: row.reviewPausesClock,
    resumeMinimumMinutes: row.resumeMinimumMinutes,
  };
}

export async function replaceClockPolicyRows(
  db: DbOrTx,
  rows: readonly ClockPolicyRow[],
  updatedBy: string | null,
  at: Date,
): Promise<void> {
  await db.delete(clockPolicyRules);
  if (rows.length === 0) return;
  await db.insert(clockPolicyRules).values(
    rows.map((r, position) => ({
      position,
      kind: r.kind,
      ticketType: r.type,
      urgency: r.urgency,
      category: r.category,
      amount: r.duration.amount,
      unit: r.duration.unit,
      priority: r.priority,
      note: r.note ?? null,
      updatedBy,
      updatedAt: at,
    })),
  );
}

export async function saveClockSettings(
  db: DbOrTx,
  settings: ClockSettings,
  updatedBy: string | null,
  at: Date,
): Promise<void> {
  const values = { ...settings, updatedBy, updatedAt: at };
  await db
    .insert(clockSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: clockSettings.id, set: values });
}

/** Idempotent: writes the DOMAIN §5 defaults only into an empty table, never over an administrator's edits. */
export async function seedDefaultClockPolicy(db: DbOrTx, at: Date): Promise<void> {
  const existing = await db.select({ id: clockPolicyRules.id }).from(clockPolicyRules).limit(1);
  if (existing.length === 0) await replaceClockPolicyRows(db, DEFAULT_CLOCK_POLICY, null, at);
  await db
    .insert(clockSettings)
    .values({ id: 1, ...DEFAULT_CLOCK_SETTINGS, updatedBy: null, updatedAt: at })
    .onConflictDoNothing({ target: clockSettings.id });
}
