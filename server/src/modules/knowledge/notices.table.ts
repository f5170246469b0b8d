import { pgTable, pgEnum, uuid, text, integer, jsonb, timestamp, index } from 'drizzle-orm/pg-core';
import type { OnceNotice } from '@hotline/shared/domain/notice-rendering';
import { DELIVERY_STATUSES } from '@hotline/shared/contracts/knowledge';
import { users } from '../auth/users.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { kbBundles, kbMatterVersions } from './knowledge.table.js';

export const noticeDeliveryStatus = pgEnum('notice_delivery_status', DELIVERY_STATUSES);

/**
 * 一次告知单 given on a ticket: the rendered notice exactly as the citizen received it, the matter version(s) it was
 * rendered from, the unguessable token of its public page, and the state of its SMS delivery.
 */
export const ticketNotices = pgTable(
  'ticket_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** The matter version of a single-matter notice; a bundle notice lists every version in `sourceVersions`. */
    matterVersionId: uuid('matter_version_id').references(() => kbMatterVersions.id),
    bundleId: uuid('bundle_id').references(() => kbBundles.id),
    /** [{matterId, versionId, versionNo}] of every part. */
    sourceVersions: jsonb('source_versions')
      .$type<{ matterId: string; versionId: string; versionNo: number }[]>()
      .notNull(),
    rendered: jsonb('rendered').$type<OnceNotice>().notNull(),
    smsSegments: jsonb('sms_segments').$type<string[]>().notNull(),
    /** 24 random bytes, base64url: the public page's address. Contains nothing about the citizen. */
    token: text('token').notNull().unique(),
    deliveryStatus: noticeDeliveryStatus('delivery_status').notNull().default('not_sent'),
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    deliveryError: text('delivery_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_notices_ticket_idx').on(t.ticketId),
    index('ticket_notices_matter_version_idx').on(t.matterVersionId),
    index('ticket_notices_bundle_idx').on(t.bundleId),
    index('ticket_notices_created_by_idx').on(t.createdBy),
  ],
);

export type TicketNoticeRow = typeof ticketNotices.$inferSelect;
