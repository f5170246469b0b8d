import { integer, jsonb, pgTable, real, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CallMediaReport } from '@hotline/shared/contracts/calls';
import type { SurveyOutcome } from '@hotline/shared/contracts/telephony';
import { contacts } from './calls.table.js';

/** One transfer (转接) of a call: where the agent sent it (a department's number, 110/119/120/122, an agent). */
export interface CallTransfer {
  target: string | null;
  at: string;
}

/**
 * 话单 fields the phone system reports beyond the contact's own timestamps: hold (保持) time, transfers (转接), who
 * hung up, the survey offer, and the media quality rtpengine reports at the end of the call (packets per leg, MOS
 * when RTCP gave one, else an estimate). One row per phone call, written by the telephony events.
 */
export const callRecords = pgTable('call_records', {
  contactId: uuid('contact_id')
    .primaryKey()
    .references(() => contacts.id),
  holdSeconds: integer('hold_seconds').notNull().default(0),
  holdCount: integer('hold_count').notNull().default(0),
  /** Set while the call is on hold; cleared (and added to hold_seconds) when it is retrieved or ends. */
  heldSince: timestamp('held_since', { withTimezone: true }),
  transferCount: integer('transfer_count').notNull().default(0),
  transfers: jsonb('transfers').$type<CallTransfer[]>().notNull().default([]),
  hungUpBy: text('hung_up_by'),
  surveyOfferedAt: timestamp('survey_offered_at', { withTimezone: true }),
  /** The agent transferred the caller to the survey (转满意度): surveyed on the agent's hang-up even when not automatic. */
  surveyRequestedAt: timestamp('survey_requested_at', { withTimezone: true }),
  /** How the survey ended (SURVEY_OUTCOMES): rated, or no_answer when the caller pressed nothing in time. */
  surveyOutcome: text('survey_outcome').$type<SurveyOutcome>(),
  media: jsonb('media').$type<CallMediaReport>(),
  /** MOS ×10 (10–50): rtpengine's from RTCP, else estimated from the packet loss (E-model); null when unknown. */
  mosX10: smallint('mos_x10'),
  /** 'rtcp' (rtpengine measured it) or 'estimate' (E-model from the packets rtpengine counted). */
  mosSource: text('mos_source'),
  lossPercent: real('loss_percent'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
