import { and, eq } from 'drizzle-orm';
import type { TicketState, TicketType } from '@hotline/shared/domain/ticket-types';
import type { DbOrTx } from '../../platform/db/client.js';
import { unprocessable } from '../../platform/http/errors.js';
import { kbGaps } from './knowledge.table.js';
import { ticketNotices } from './notices.table.js';

/** What the guard needs to know of the ticket being closed. */
export interface TicketClosing {
  id: string;
  type: TicketType;
  /** The state the ticket is in before the close (or answer) action. */
  status: TicketState;
  /**
   * True when the close is the 直接答复 of the request (intake → answered). When absent it is inferred from the
   * status: a consultation closed from intake, or already marked answered, was answered on the spot.
   */
  answeredOnTheSpot?: boolean;
}

const ON_THE_SPOT_STATES: readonly TicketState[] = ['intake', 'answered'];

/**
 * 一次告知 enforcement: a consultation (咨询) answered on the spot may be closed only when a notice was given on it
 * (ticket_notices) or the agent marked it "no matching matter" (which put the question on the gap list).
 * Call it inside the transaction of the close/answer action, after locking the ticket. Throws a 422 in Chinese.
 */
export async function assertOnceNoticeBeforeClose(tx: DbOrTx, ticket: TicketClosing): Promise<void> {
  if (ticket.type !== 'consultation') return;
  const onTheSpot = ticket.answeredOnTheSpot ?? ON_THE_SPOT_STATES.includes(ticket.status);
  if (!onTheSpot) return;
  const [notice] = await tx
    .select({ id: ticketNotices.id })
    .from(ticketNotices)
    .where(eq(ticketNotices.ticketId, ticket.id))
    .limit(1);
  if (notice) return;
  const [mark] = await tx
    .select({ id: kbGaps.id })
    .from(kbGaps)
    .where(and(eq(kbGaps.ticketId, ticket.id), eq(kbGaps.source, 'no_matching_matter')))
    .limit(1);
  if (mark) return;
  throw unprocessable(
    '咨询件直接答复办结前，须先向诉求人发送一次告知单；如知识库中没有对应事项，请标记“无匹配事项”',
    'once_notice_required',
  );
}
