import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { OUTBOUND_OUTCOMES, type OutboundOutcome } from '@hotline/shared/domain/outbound-call';
import { users } from '../auth/users.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { contacts } from './calls.table.js';

/**
 * 外呼记录: every click-to-dial an agent makes, linked to the 漏接回拨 callback task it works or to the ticket whose
 * 回访 (return visit) it makes. The number itself is not copied here: it stays on the task or ticket (personal data
 * in one place) and goes only to the agent's softphone.
 */
export const outboundCalls = pgTable(
  'outbound_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    dialledAt: timestamp('dialled_at', { withTimezone: true }).notNull(),
    /**
     * The SIP Call-ID of the call the softphone placed for this dial: the softphone sends the dial's id in
     * `X-Hotline-Outbound`, the proxy (after checking the agent's credential) reports it with the Call-ID.
     */
    sipCallId: text('sip_call_id'),
    /**
     * How the call ended (shared/domain/outbound-call.ts): `answered` when its BYE came (`cleared`), otherwise what
     * the proxy's failure route reported (no_answer, busy, declined, failed) with the INVITE's final `sip_code`.
     * Null while it rings or talks, or when the softphone never placed it.
     */
    outcome: text('outcome').$type<OutboundOutcome>(),
    sipCode: integer('sip_code'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('outbound_calls_contact_id_idx').on(t.contactId),
    index('outbound_calls_ticket_id_idx').on(t.ticketId),
    // the recording of a 外呼 is found by its Call-ID when the call ends
    index('outbound_calls_sip_call_id_idx').on(t.sipCallId),
    check(
      'outbound_calls_outcome_ck',
      sql.raw(`outcome is null or outcome in (${OUTBOUND_OUTCOMES.map((o) => `'${o}'`).join(', ')})`),
    ),
    check('outbound_calls_target_ck', sql`${t.contactId} is not null or ${t.ticketId} is not null`),
  ],
);
