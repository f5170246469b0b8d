/**
 * The clock scheduler (armDueClocks) and the stage handler (fireClockStage).
 *
 * Postgres holds every clock with the instant of its next unfired stage. Every `periodMs` the scheduler selects the
 * clocks whose next stage falls within the next `windowMs` and adds one delayed BullMQ job per (clock, stage) with a
 * fixed id — Redis only ever holds the next few minutes. If Redis loses everything, the next pass re-arms from
 * Postgres, and stages already past are enqueued without delay. Firing is idempotent: the (clock, stage) primary key
 * of clock_stage_firings decides, so a job delivered twice or armed twice fires once.
 */
import { eq } from 'drizzle-orm';
import type { ClockStagePayload } from '@hotline/shared/realtime/ticket-events';
import { rooms } from '@hotline/shared/realtime/rooms';
import type { ClockStage } from '@hotline/shared/domain/ticket-types';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { AppError } from '../../platform/http/errors.js';
import type { Queues } from '../../platform/queue/queues.js';
import { assertValidPayload } from '../../platform/queue/job-registry.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.js';
import { tickets } from '../tickets/tickets.table.js';
import type { CalendarStore } from '../calendar/calendar.store.js';
import type { ClockPolicyStore } from './clock-policy.store.js';
import { nextUnfiredStage, stageIsPushed, stagesToFire } from './clock-stages.js';
import { fireClockStageJob, stageJobId } from './clocks.job-definitions.js';
import {
  firedStagesOf,
  lockClock,
  recordStageFiring,
  selectClocksToArm,
  updateClock,
  type ClockToArm,
} from './clocks.repository.js';
import { ticketClocks, type TicketClockRow } from './clocks.table.js';

export interface ClockSchedulingOptions {
  /** How often the scheduler runs (the repeatable job's period). */
  periodMs: number;
  /** How far ahead it arms stage jobs; longer than the period so no stage falls between two passes. */
  windowMs: number;
  /** Rows per query and per addBulk. */
  batchSize: number;
  /** Upper bound of one pass (after a long outage the rest is armed by the next passes). */
  maxPerPass: number;
}

export const DEFAULT_CLOCK_SCHEDULING: ClockSchedulingOptions = {
  periodMs: 60_000,
  windowMs: 5 * 60_000,
  batchSize: 2_000,
  maxPerPass: 100_000,
};

/** A job may run a little before its instant (clock skew between nodes); within this, the stage counts as reached. */
const EARLY_TOLERANCE_MS = 5_000;

/**
 * 自动签收 hook: signs the round of a sign-for clock that ran out (the tickets domain provides it), inside the stage's
 * own transaction (a savepoint), so the 到期 stage and the auto-sign commit together (issue 10.3). `at` is the
 * sign-for due instant: the handling clock starts there, not when the job happens to run (issue 9.3). A refusal
 * (AppError 4xx: already signed, round ended) is final; any other error rolls the stage back so it is retried.
 * Returns what to do after the commit (publishing the ticket change).
 */
export type AutoSignTicket = (
  tx: Tx,
  input: { ticketId: string; roundId: string | null; departmentId: string | null; at: Date },
) => Promise<(() => void) | void>;

export interface ClockLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ClockStageRunnerDeps {
  db: Db;
  clock: Clock;
  calendar: CalendarStore;
  policy: ClockPolicyStore;
  queues: Queues | null;
  realtime: Realtime | null;
  log?: ClockLogger;
  autoSignTicket?: AutoSignTicket;
  scheduling?: Partial<ClockSchedulingOptions>;
}

export interface StageFiringResult {
  fired: ClockStage[];
  next: { stage: ClockStage; at: Date } | null;
}

export interface ClockStageRunner {
  readonly scheduling: ClockSchedulingOptions;
  /** One scheduler pass; returns how many stage jobs were added (or found already queued). */
  armDueClocks(executor?: DbOrTx): Promise<{ armed: number }>;
  /** The handler of `fireClockStage` jobs. */
  fireClockStage(clockId: string, stage: ClockStage): Promise<StageFiringResult>;
  /** Replaced by the app once the tickets domain provides its sign-for action. */
  setAutoSignTicket(hook: AutoSignTicket | undefined): void;
}

export function createClockStageRunner(deps: ClockStageRunnerDeps): ClockStageRunner {
  const { db, clock } = deps;
  const scheduling: ClockSchedulingOptions = { ...DEFAULT_CLOCK_SCHEDULING, ...deps.scheduling };
  let autoSignTicket = deps.autoSignTicket;

  function requireQueues(): Queues {
    if (!deps.queues) throw new Error('clock stage jobs need the queues');
    return deps.queues;
  }

  async function enqueueStages(clocks: readonly ClockToArm[], now: Date): Promise<void> {
    if (clocks.length === 0) return;
    const jobs = clocks.map((c) => {
      const payload = { clockId: c.id, stage: c.nextStage };
      assertValidPayload(fireClockStageJob, payload);
      const delay = Math.max(0, c.nextStageAt.getTime() - now.getTime());
      return {
        name: fireClockStageJob.name,
        data: payload,
        opts: {
          jobId: stageJobId(c.id, c.nextStage),
          priority: c.nextStage === 'due' ? 1 : fireClockStageJob.priority,
          ...(delay > 0 ? { delay } : {}),
          attempts: 5,
          backoff: { type: 'exponential', delay: 2_000 },
          // Removed once done, so a stage that arrived early (its due moved) can be armed again by a later pass;
          // exactly-once is the firings table's job, not Redis's. Removed when it failed too: its clock still points
          // at the stage, so the next scheduler pass arms it again — a failing auto-sign is retried until done.
          removeOnComplete: true,
          removeOnFail: true,
        },
      };
    });
    await requireQueues().queue(fireClockStageJob.queue).addBulk(jobs);
  }

  /** `executor`: the tick's transaction (it holds the scheduler lock; an embedded database has one connection). */
  async function armDueClocks(executor: DbOrTx = db): Promise<{ armed: number }> {
    const now = clock.now();
    const until = new Date(now.getTime() + scheduling.windowMs);
    let armed = 0;
    let after: { at: Date; id: string } | null = null;
    while (armed < scheduling.maxPerPass) {
      const limit = Math.min(scheduling.batchSize, scheduling.maxPerPass - armed);
      const batch = await selectClocksToArm(executor, until, limit, after);
      await enqueueStages(batch, now);
      armed += batch.length;
      if (batch.length < limit) break;
      const last = batch[batch.length - 1]!;
      after = { at: last.nextStageAt, id: last.id };
    }
    return { armed };
  }

  async function fireClockStage(clockId: string, stage: ClockStage): Promise<StageFiringResult> {
    const now = clock.now();
    const reached = new Date(now.getTime() + EARLY_TOLERANCE_MS);
    const outcome = await db.transaction(async (tx) => {
      // The ticket first, then the clock: the order ticket actions use (an auto-sign here changes the ticket).
      const [owner] = await tx
        .select({ ticketId: ticketClocks.ticketId })
        .from(ticketClocks)
        .where(eq(ticketClocks.id, clockId));
      if (!owner) return null;
      await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, owner.ticketId)).for('update');
      const row = await lockClock(tx, clockId);
      // A paused clock (退单审核 / 反馈审核) fires nothing: a job armed before the pause is spent without effect.
      if (!row || row.stoppedAt || row.pausedAt) return null;
      const calendar = await deps.calendar.get(tx);
      const { settings } = await deps.policy.get(tx);
      const fired = await firedStagesOf(tx, row.id);
      const newlyFired: ClockStage[] = [];
      let state = row.state;
      let stoppedAt: Date | null = null;
      for (const s of stagesToFire(row, stage, fired, reached, calendar, settings)) {
        if (!(await recordStageFiring(tx, row.id, s, now))) continue;
        fired.add(s);
        newlyFired.push(s);
        const fromState = state;
        if (s === 'due' && state === 'running') state = 'breached';
        // The return window (退单时限) simply closes at its due instant.
        if (s === 'due' && row.kind === 'return_window') stoppedAt = row.dueAt;
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: `clock.${s}`,
          entityType: 'ticket',
          entityId: row.ticketId,
          fromState: fromState !== state ? fromState : null,
          toState: fromState !== state ? state : null,
          detail: {
            clockId: row.id,
            kind: row.kind,
            stage: s,
            roundId: row.roundId,
            departmentId: row.departmentId,
            dueAt: row.dueAt.toISOString(),
          },
        });
      }
      const next = stoppedAt ? null : nextUnfiredStage(row, fired, calendar, settings);
      await updateClock(tx, row.id, {
        state,
        ...(stoppedAt ? { stoppedAt } : {}),
        nextStage: next?.stage ?? null,
        nextStageAt: next?.at ?? null,
      });
      const number = newlyFired.length ? await ticketNumber(tx, row.ticketId) : '';
      const afterAutoSign =
        newlyFired.includes('due') && row.kind === 'sign_for' && settings.autoSignOnSignForDue
          ? await autoSignInTransaction(tx, row)
          : undefined;
      return { row, newlyFired, next, number, afterAutoSign };
    });
    if (!outcome) return { fired: [], next: null };

    const { row, newlyFired, next, number } = outcome;
    for (const s of newlyFired) if (stageIsPushed(row.kind)) pushStage(row, s, number, now);
    outcome.afterAutoSign?.();
    // Chain the next stage when it is already within the window: after an outage the ladder catches up in seconds
    // instead of one stage per scheduler pass.
    if (next && next.at.getTime() <= now.getTime() + scheduling.windowMs && deps.queues) {
      await enqueueStages([{ id: row.id, nextStage: next.stage, nextStageAt: next.at }], now);
    }
    return { fired: newlyFired, next };
  }

  async function ticketNumber(tx: Parameters<Parameters<Db['transaction']>[0]>[0], ticketId: string) {
    const [ticket] = await tx.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, ticketId));
    return ticket?.number ?? '';
  }

  function pushStage(row: TicketClockRow, stage: ClockStage, number: string, at: Date) {
    if (!deps.realtime) return;
    const payload: ClockStagePayload = {
      ticketId: row.ticketId,
      number,
      kind: row.kind,
      stage,
      dueAt: row.dueAt.toISOString(),
      departmentId: row.departmentId,
      at: at.toISOString(),
    };
    // Handlers and the unit head are both in the unit's room; leads in their role room.
    const targets = [rooms.role('lead'), ...(row.departmentId ? [rooms.department(row.departmentId)] : [])];
    deps.realtime.emitTo(targets, 'ticket:clock-stage', payload);
  }

  /** The auto-sign in a savepoint of the stage's transaction; a 4xx refusal is final, anything else rolls back. */
  async function autoSignInTransaction(tx: Tx, row: TicketClockRow): Promise<(() => void) | undefined> {
    const hook = autoSignTicket;
    if (!hook) {
      deps.log?.warn({ clockId: row.id, ticketId: row.ticketId }, 'sign-for clock ran out; no auto-sign hook wired');
      return undefined;
    }
    const input = { ticketId: row.ticketId, roundId: row.roundId, departmentId: row.departmentId, at: row.dueAt };
    try {
      return (await tx.transaction((savepoint) => hook(savepoint, input))) ?? undefined;
    } catch (error) {
      if (error instanceof AppError && error.statusCode < 500) {
        // Signed or returned meanwhile: nothing left to do.
        deps.log?.info({ clockId: row.id, ticketId: row.ticketId, code: error.code }, 'auto-sign refused');
        return undefined;
      }
      // The stage and its effect commit together or not at all: the job (or the next scheduler pass) retries both.
      throw error;
    }
  }

  return {
    scheduling,
    armDueClocks,
    fireClockStage,
    setAutoSignTicket(hook) {
      autoSignTicket = hook;
    },
  };
}
