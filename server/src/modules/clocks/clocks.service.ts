import { computeDueAt, extendDue, type StagePolicy } from '@hotline/shared/domain/deadlines';
import { resolveClockRule, MAX_TOTAL_EXTENSION_WORKING_DAYS } from '@hotline/shared/domain/clock-policy';
import type { WorkingCalendar } from '@hotline/shared/domain/working-calendar';
import type { ClockView } from '@hotline/shared/contracts/tickets';
import type { ClockKind, ClockStage } from '@hotline/shared/domain/ticket-types';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, unprocessable } from '../../platform/http/errors.js';
import { calendarStoreFor, type CalendarStore } from '../calendar/calendar.store.js';
import type { ClockService, ClockSubject, ResumedClock, StartedClock } from './clocks.contract.js';
import { clockPolicyStoreFor, type ClockPolicyStore } from './clock-policy.store.js';
import { nextUnfiredStage, STAGES_BY_KIND, type ClockTiming } from './clock-stages.js';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { executeRaw, insertStatement } from '../../platform/db/raw-statement.js';
import {
  listClocksOfTicket,
  lockOpenHandlingClockForExtension,
  lockPausedClocksWithFirings,
  pauseRoundClocksStatement,
  stopOpenClocksStatement,
  sumExtensionDays,
} from './clocks.repository.js';
import { ticketClocks } from './clocks.table.js';
import { createClockStageRunner, type ClockStageRunnerDeps, type ClockStageRunner } from './clock-stage-runner.js';

export interface ClockServiceDeps extends Partial<Omit<ClockStageRunnerDeps, 'db' | 'clock' | 'calendar' | 'policy'>> {
  db: Db;
  clock: Clock;
  /** Shared per database pool by default, so every service in a process sees an admin edit at once. */
  calendar?: CalendarStore;
  policy?: ClockPolicyStore;
}

/** The contract the ticket and dispatch services use, plus what the clocks domain itself and the ticket detail need. */
export interface ClockServiceApi extends ClockService {
  /** The clocks of a ticket with their fired stages (ticket detail: GET /api/tickets/:id). */
  listTicketClocks(db: DbOrTx, ticketId: string): Promise<ClockView[]>;
  /** The working calendar in force (cached). */
  workingCalendar(db?: DbOrTx): Promise<WorkingCalendar>;
  /** The due instant a clock of this kind would get if started at `startAt` (for previews and checks). */
  previewDue(
    db: DbOrTx,
    subject: Omit<ClockSubject, 'ticketId' | 'roundId' | 'departmentId'>,
    kind: ClockKind,
    startAt: Date,
  ): Promise<Date>;
  /** The cap on total extension days for this subject (policy row `extension`, 20 by default). */
  maxExtensionDays(db: DbOrTx, subject: Omit<ClockSubject, 'ticketId' | 'roundId' | 'departmentId'>): Promise<number>;
  /** Scheduler and stage firing (the worker's jobs); only usable when `queues` and `realtime` were given. */
  readonly stages: ClockStageRunner;
}

/** 时限 service: clocks are rows; every call runs inside the caller's transaction. */
export function createClockService(deps: ClockServiceDeps): ClockServiceApi {
  const { db, clock } = deps;
  const calendarStore = deps.calendar ?? calendarStoreFor(db, clock);
  const policyStore = deps.policy ?? clockPolicyStoreFor(db, clock);
  const stages = createClockStageRunner({
    db,
    clock,
    calendar: calendarStore,
    policy: policyStore,
    queues: deps.queues ?? null,
    realtime: deps.realtime ?? null,
    log: deps.log,
    autoSignTicket: deps.autoSignTicket,
    scheduling: deps.scheduling,
  });

  async function durationFor(
    tx: DbOrTx,
    subject: Omit<ClockSubject, 'ticketId' | 'roundId' | 'departmentId'>,
    kind: ClockKind,
  ) {
    const { rows } = await policyStore.get(tx);
    const rule = resolveClockRule(rows, {
      kind,
      type: subject.type,
      urgency: subject.urgency,
      categories: subject.categories,
    });
    // validateClockPolicy refuses a policy without a fallback row per kind, so this is a corrupted table.
    if (!rule) throw new Error(`clock policy has no rule for ${kind}`);
    return rule.duration;
  }

  /** The next-stage pointer the scheduler reads, recomputed whenever the clock's span changes. */
  function pointerAfterChange(
    timing: ClockTiming,
    fired: ReadonlySet<ClockStage>,
    calendar: WorkingCalendar,
    policy: StagePolicy,
  ) {
    const next = nextUnfiredStage(timing, fired, calendar, policy);
    return { nextStage: next?.stage ?? null, nextStageAt: next?.at ?? null };
  }

  const service: ClockServiceApi = {
    async startStatement(tx, subject, kind, startAt) {
      if (STAGES_BY_KIND[kind].length === 0) throw new Error(`${kind} is a cap, not a running clock`);
      const duration = await durationFor(tx, subject, kind);
      const calendar = await calendarStore.get(tx);
      const { settings } = await policyStore.get(tx);
      const dueAt = computeDueAt(startAt, duration, calendar);
      const timing = { kind, unit: duration.unit, startedAt: startAt, dueAt };
      const pointer = pointerAfterChange(timing, new Set(), calendar, settings);
      // The id is chosen here so the caller knows it without a RETURNING round trip.
      const id = randomUUID();
      // SQL text, not drizzle's insert builder (issue 12: on every dispatch and sign-for).
      const statement = insertStatement(ticketClocks, [
        {
          id,
          ticketId: subject.ticketId,
          roundId: subject.roundId,
          departmentId: subject.departmentId,
          kind,
          unit: duration.unit,
          ticketType: subject.type,
          urgency: subject.urgency,
          categories: [...subject.categories],
          startedAt: startAt,
          dueAt,
          ...pointer,
        },
      ]);
      return { id, dueAt, statement };
    },

    async start(tx, subject, kind, startAt): Promise<StartedClock> {
      const { id, dueAt, statement } = await service.startStatement(tx, subject, kind, startAt);
      await executeRaw(tx, statement);
      return { id, dueAt };
    },

    stopStatement: (tx, ticketId, at, options = {}) => stopOpenClocksStatement(tx, ticketId, at, options),

    async stop(tx, ticketId, at, options = {}) {
      const statement = stopOpenClocksStatement(tx, ticketId, at, options);
      if (statement) await executeRaw(tx, statement);
    },

    pauseStatement: (tx, ticketId, at, options) => pauseRoundClocksStatement(tx, ticketId, at, options),

    async pause(tx, ticketId, at, options) {
      // Past its due (its due stage not fired yet): it is breached; the due stage fires when it resumes.
      const statement = pauseRoundClocksStatement(tx, ticketId, at, {
        roundIds: [options.roundId],
        kinds: options.kinds,
      });
      if (statement) await executeRaw(tx, statement);
    },

    async resumeStatements(tx, ticketId, at, options) {
      const rows = await lockPausedClocksWithFirings(tx, ticketId, options);
      if (rows.length === 0) return { resumed: [], statements: [] };
      const calendar = await calendarStore.get(tx);
      const { settings } = await policyStore.get(tx);
      const resumed: ResumedClock[] = [];
      const statements = [];
      for (const { clock: row, fired } of rows) {
        let dueAt = row.dueAt;
        if (row.state === 'paused') {
          const pausedMs = Math.max(0, at.getTime() - row.pausedAt!.getTime());
          if (settings.reviewPausesClock) dueAt = new Date(dueAt.getTime() + pausedMs);
          if (options.minimumRemaining) {
            const minimum = at.getTime() + Math.round(settings.resumeMinimumMinutes * 60_000);
            if (dueAt.getTime() < minimum) dueAt = new Date(minimum);
          }
        }
        const state = row.state === 'paused' ? 'running' : row.state;
        const pointer = pointerAfterChange({ ...row, dueAt }, fired, calendar, settings);
        statements.push(
          tx
            .update(ticketClocks)
            .set({ dueAt, state, pausedAt: null, ...pointer })
            .where(eq(ticketClocks.id, row.id)),
        );
        resumed.push({ id: row.id, kind: row.kind, dueAt, roundId: row.roundId });
      }
      return { resumed, statements };
    },

    async resume(tx, ticketId, at, options): Promise<ResumedClock[]> {
      const { resumed, statements } = await service.resumeStatements(tx, ticketId, at, {
        roundIds: [options.roundId],
        kinds: options.kinds,
        minimumRemaining: options.minimumRemaining,
      });
      for (const statement of statements) await tx.execute(statement.getSQL());
      return resumed;
    },

    async extendStatement(tx, ticketId, roundId, days) {
      if (!Number.isInteger(days) || days < 1) throw unprocessable('延期天数必须为正整数', 'invalid_extension');
      const found = await lockOpenHandlingClockForExtension(tx, ticketId, roundId);
      if (!found) throw conflict('该工单没有正在计时的办理时限，不能延期', 'no_running_handling_clock');
      const { clock: row, fired, granted } = found;
      const subject = { type: row.ticketType, urgency: row.urgency, categories: row.categories };
      const cap = await service.maxExtensionDays(tx, subject);
      if (granted + days > cap) {
        throw unprocessable(`延期累计不能超过${cap}个工作日（已延期${granted}个工作日）`, 'extension_limit_exceeded');
      }
      const calendar = await calendarStore.get(tx);
      const { settings } = await policyStore.get(tx);
      const dueAt = extendDue(row.dueAt, days, calendar);
      const pointer = pointerAfterChange({ ...row, dueAt }, fired, calendar, settings);
      const statement = tx
        .update(ticketClocks)
        .set({ dueAt, totalExtensionDays: row.totalExtensionDays + days, ...pointer })
        .where(eq(ticketClocks.id, row.id));
      return { dueAt, statement };
    },

    async extend(tx, ticketId, roundId, days) {
      const { dueAt, statement } = await service.extendStatement(tx, ticketId, roundId, days);
      await tx.execute(statement.getSQL());
      return dueAt;
    },

    extendedDays: (tx, ticketId, roundId) => sumExtensionDays(tx, ticketId, roundId),

    async listTicketClocks(tx, ticketId) {
      const rows = await listClocksOfTicket(tx, ticketId);
      return rows.map(({ clock: c, firings }) => ({
        id: c.id,
        kind: c.kind,
        roundId: c.roundId,
        departmentId: c.departmentId,
        unit: c.unit,
        startedAt: c.startedAt.toISOString(),
        dueAt: c.dueAt.toISOString(),
        state: c.state,
        firedStages: firings.map((f) => f.stage),
      }));
    },

    workingCalendar: (tx = db) => calendarStore.get(tx),

    async previewDue(tx, subject, kind, startAt) {
      const duration = await durationFor(tx, subject, kind);
      return computeDueAt(startAt, duration, await calendarStore.get(tx));
    },

    async maxExtensionDays(tx, subject) {
      const { rows } = await policyStore.get(tx);
      const rule = resolveClockRule(rows, { kind: 'extension', ...subject });
      return rule ? rule.duration.amount : MAX_TOTAL_EXTENSION_WORKING_DAYS;
    },

    stages,
  };
  return service;
}
