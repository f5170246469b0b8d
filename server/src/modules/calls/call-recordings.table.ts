import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './calls.table.js';
import { outboundCalls } from './outbound-calls.table.js';

/**
 * 通话录音: one row per answered call, written when the call ends: an inbound call (its contact) or a 外呼 (its
 * outbound_calls row: the 漏接回拨 task or the ticket whose 回访 it was), exactly one of the two. The file itself stays where rtpengine wrote it
 * (RECORDING_DIR, a pcap with both parties); `sha256` is the file's hash at that moment, checked again before every
 * playback, so a changed or swapped file shows. `purgedAt` is set when retention deleted the file.
 */
export const callRecordings = pgTable(
  'call_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id').references(() => contacts.id),
    outboundCallId: uuid('outbound_call_id').references(() => outboundCalls.id),
    callId: text('call_id').notNull(),
    /** Path relative to RECORDING_DIR (e.g. `pcaps/<call id>-<hex>.pcap`). */
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    /** Length of the recorded audio (first to last packet). */
    durationMs: integer('duration_ms').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('call_recordings_contact_uq').on(t.contactId),
    uniqueIndex('call_recordings_outbound_call_uq').on(t.outboundCallId),
    check('call_recordings_subject_ck', sql`(${t.contactId} is null) <> (${t.outboundCallId} is null)`),
    index('call_recordings_expires_idx').on(t.expiresAt),
    // an unanswered call's files are deleted only when no stored recording names its Call-ID
    index('call_recordings_call_id_idx').on(t.callId),
  ],
);
