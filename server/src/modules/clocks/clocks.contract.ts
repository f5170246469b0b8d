import type { CategoryFlag, ClockKind, TicketType, Urgency } from '@hotline/shared/domain/ticket-types';
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

export interface ClockService {
  /** Starts a clock of this kind for the subject; the duration comes from the policy table (type × urgency × category). */
  start(tx: DbOrTx, subject: ClockSubject, kind: ClockKind, startAt: Date): Promise<StartedClock>;
  /** Stops the running clocks of these kinds (all kinds when omitted): met if before due, breached otherwise. */
  stop(
    tx: DbOrTx,
    ticketId: string,
    at: Date,
    options?: { kinds?: readonly ClockKind[]; roundId?: string },
  ): Promise<void>;
  /** Moves the due instant of the running handling clock by N working days (approved 延期); returns the new due. */
  extend(tx: DbOrTx, ticketId: string, roundId: string, days: number): Promise<Date>;
  /** Working days of extension already granted on this round (the ≤ 20-day cap is checked against it). */
  extendedDays(tx: DbOrTx, ticketId: string, roundId: string): Promise<number>;
}
