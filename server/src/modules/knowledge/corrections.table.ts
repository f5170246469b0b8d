import { sql } from 'drizzle-orm';
import { pgTable, pgEnum, uuid, text, timestamp, index } from 'drizzle-orm/pg-core';
import { CORRECTION_STATUSES } from '@hotline/shared/contracts/knowledge';
import { departments } from '../departments/departments.table.js';
import { users } from '../auth/users.table.js';
import { kbMatters, kbMatterVersions } from './knowledge.table.js';
import { ticketNotices } from './notices.table.js';

export const kbCorrectionStatus = pgEnum('kb_correction_status', CORRECTION_STATUSES);

/**
 * 纠错 requests against a matter: who asked, why, and how a 知识库采编 resolved it. `department_id` is the owning unit
 * when the request was made (the 考核 counts it against that unit even if the matter later changes hands);
 * `matter_version_id` the published version the requester saw.
 */
export const kbCorrections = pgTable(
  'kb_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id')
      .notNull()
      .references(() => kbMatters.id),
    matterVersionId: uuid('matter_version_id').references(() => kbMatterVersions.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    noticeId: uuid('notice_id').references(() => ticketNotices.id),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    status: kbCorrectionStatus('status').notNull().default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    index('kb_corrections_open_idx')
      .on(t.requestedAt)
      .where(sql`${t.status} = 'open'`),
    index('kb_corrections_department_idx').on(t.departmentId, t.requestedAt),
    index('kb_corrections_matter_idx').on(t.matterId),
    index('kb_corrections_matter_version_idx').on(t.matterVersionId),
    index('kb_corrections_notice_idx').on(t.noticeId),
    index('kb_corrections_requested_by_idx').on(t.requestedBy),
    index('kb_corrections_resolved_by_idx').on(t.resolvedBy),
  ],
);

export type KbCorrectionRow = typeof kbCorrections.$inferSelect;
