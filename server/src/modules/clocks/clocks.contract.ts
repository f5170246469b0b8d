import type { CategoryFlag, ClockKind, TicketType, Urgency } from '@hotline/shared/domain/ticket-types';
import type { SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/**
 * What the ticket and dispatch services need from the clocks domain (时限). Every call takes the open
 * transaction of the ticket change it belongs to, so a clock starts or stops exactly when the change commits.
 */
export interface ClockSubject {
  ticketId: string;
  /** The dispatch round (派单轮次) the clock belongs to; null for ticket-level clocks (callback). */
  roundId: string | null;
  /** The unit the clock runs against (for chase notices and league tables); null for hotline clocks. */
  departmentId: string | null;
  type: TicketType;
  urgency: Urgency;
  categories: readonly CategoryFlag[];
}

export interface StartedClock {
  id: string;
  dueAt: Date;
}

/** A clock resumed after a review, with its new due instant. */
export interface ResumedClock {
  id: string;
  kind: ClockKind;
  dueAt: Date;
  roundId?: string | null;
}

/**
 * The same changes as `start`/`stop`/`pause`/`resume`/`extend`, handed back as statements NOT yet executed, for a
 * ticket action to send in one statement with its state and audit row (issue 12: `ActionOutcome.writes`). What they
 * need to read is read when they are built; the statements themselves touch each clock row once.
 */
export interface ClockStatements {
  startStatement(
    tx: DbOrTx,
    subject: ClockSubject,
    kind: ClockKind,
    startAt: Date,
  ): Promise<StartedClock & { statement: SQLWrapper }>;
  stopStatement(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options?: { kinds?: readonly ClockKind[]; roundId?: string; roundIds?: readonly string[] },
  ): SQLWrapper | null;
  pauseStatement(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options: { roundIds: readonly string[]; kinds?: readonly ClockKind[] },
  ): SQLWrapper | null;
  resumeStatements(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options: { roundIds: readonly string[]; kinds?: readonly ClockKind[]; minimumRemaining?: boolean },
  ): Promise<{ resumed: ResumedClock[]; statements: SQLWrapper[] }>;
  extendStatement(
    tx: DbOrTx,
    ticketId: string,
    roundId: string,
    days: number,
  ): Promise<{ dueAt: Date; statement: SQLWrapper }>;
}

export interface ClockService extends ClockStatements {
  /** Starts a clock of this kind for the subject; the duration comes from the policy table (type × urgency × category). */
  start(tx: DbOrTx, subject: ClockSubject, kind: ClockKind, startAt: Date): Promise<StartedClock>;
  /** Stops the running clocks of these kinds (all kinds when omitted): met if before due, breached otherwise. */
  stop(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options?: { kinds?: readonly ClockKind[]; roundId?: string },
  ): Promise<void>;
  /**
   * Pauses the open clocks of a round (退单审核 / 反馈审核: the hotline holds the ticket, not the unit). Nothing fires
   * while paused — not the due, not the one-shot auto-sign. A clock already past its due stays breached.
   */
  pause(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options: { roundId: string; kinds?: readonly ClockKind[] },
  ): Promise<void>;
  /**
   * Resumes the paused clocks of a round (a rejected return or reply): the same clock goes on with its due moved by
   * the time spent paused (policy `reviewPausesClock`), and with `minimumRemaining` at least the policy's minimum
   * left. A breached clock keeps its due: the breach stays a breach. Returns the resumed clocks.
   */
  resume(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options: { roundId: string; kinds?: readonly ClockKind[]; minimumRemaining?: boolean },
  ): Promise<ResumedClock[]>;
  /** Moves the due instant of the running handling clock by N working days (approved 延期); returns the new due. */
  extend(tx: DbOrTx, ticketId: string, roundId: string, days: number): Promise<Date>;
  /** Working days of extension already granted on this round (the ≤ 20-day cap is checked against it). */
  extendedDays(tx: DbOrTx, ticketId: string, roundId: string): Promise<number>;
}
