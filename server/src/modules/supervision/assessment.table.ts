import { index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AssessmentScheme } from '@hotline/shared/domain/assessment';
import { users } from '../auth/users.table.js';
import { departments } from '../departments/departments.table.js';

/** 考核方案: every saved scheme is a new version; a month is scored with the version current when it is scored. */
export const assessmentSchemes = pgTable('assessment_schemes', {
  version: serial('version').primaryKey(),
  scheme: jsonb('scheme').$type<AssessmentScheme>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * 考核月度: a closed month keeps its league tables frozen (snapshot) so they read the same later, whatever happens to
 * the records; only an admin reopens it. Both steps are audited.
 */
export const assessmentMonths = pgTable('assessment_months', {
  /** 'YYYY-MM' (Shanghai). */
  month: text('month').primaryKey(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  schemeVersion: integer('scheme_version'),
  snapshot: jsonb('snapshot'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by').references(() => users.id),
  reopenedAt: timestamp('reopened_at', { withTimezone: true }),
  reopenedBy: uuid('reopened_by').references(() => users.id),
});

/**
 * 申诉: a unit contests a dissatisfied rating or a deduction of a month with its evidence; a lead rules. An upheld
 * rating dispute rules the rating unreasonable; an upheld deduction dispute removes that occurrence from the score.
 */
export const assessmentDisputes = pgTable(
  'assessment_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    month: text('month').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    /** 'rating' (a callback) or a deduction item: overdue · improper_return · reopened. */
    kind: text('kind').notNull(),
    /** The callback (rating) or the dispatch round (deduction) contested. */
    refId: uuid('ref_id').notNull(),
    ticketId: uuid('ticket_id'),
    evidence: text('evidence').notNull(),
    status: text('status', { enum: ['pending', 'upheld', 'rejected'] }).notNull(),
    filedBy: uuid('filed_by').references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    ruledBy: uuid('ruled_by').references(() => users.id),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
    rulingNote: text('ruling_note'),
  },
  (t) => [
    index('assessment_disputes_month_dept_idx').on(t.month, t.departmentId),
    index('assessment_disputes_ref_idx').on(t.refId),
    index('assessment_disputes_filed_by_idx').on(t.filedBy),
    index('assessment_disputes_ruled_by_idx').on(t.ruledBy),
  ],
);
