import { pgTable, pgEnum, uuid, text, integer, jsonb, timestamp, index } from 'drizzle-orm/pg-core';

export const smsStatus = pgEnum('sms_status', ['queued', 'sending', 'sent', 'failed']);

/**
 * 短信发件箱: every SMS the system sends, whatever the provider. The development provider only records here, so the
 * outbox is what a developer (and the console) reads instead of a phone.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The 一次告知单 this message delivers (no foreign key: notifications do not depend on the KB module). */
    noticeId: uuid('notice_id'),
    /** Personal data: shown masked except to roles entitled to it. */
    phone: text('phone').notNull(),
    body: text('body').notNull(),
    /** Numbered segments of at most 70 characters, as sent. */
    segments: jsonb('segments').$type<string[]>().notNull(),
    /** `development` or `http`: the provider configured when it was queued. */
    provider: text('provider').notNull(),
    status: smsStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('sms_outbox_notice_idx').on(t.noticeId), index('sms_outbox_created_idx').on(t.createdAt)],
);

export type SmsOutboxRow = typeof smsOutbox.$inferSelect;
