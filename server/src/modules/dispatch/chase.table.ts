import { pgTable, pgEnum, uuid, text, jsonb, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { CHASE_KINDS } from '@hotline/shared/domain/chase-ladder';
import { departments } from '../departments/departments.table.js';
import { users } from '../auth/users.table.js';
import { tickets } from '../tickets/tickets.table.js';

export const chaseKind = pgEnum('chase_kind', CHASE_KINDS);

/** One person told of a 催办/通报: the unit's liaison line or its leader (phones are personal data: masked on screen). */
export interface ChaseRecipient {
  role: 'liaison' | 'leader' | 'console';
  name: string | null;
  phone: string | null;
  /** The SMS outbox row, when one was queued. */
  smsOutboxId: string | null;
}

/**
 * 催办单 / 通报: the formal acts of the chase ladder (催办 → 督办 → 通报), each with its own number, text, recipients
 * and time. Issued automatically when a clock's 催办/通报 stage fires (`issued_by` null, `clock_id` set: one per clock
 * and kind) or by a lead by hand. The supervision board (issue 14) reads exactly these columns.
 */
export const chaseNotices = pgTable(
  'chase_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** CB-YYYYMMDD-NNNN (催办) or TB-YYYYMMDD-NNNN (通报), Asia/Shanghai day. */
    number: text('number').notNull().unique(),
    kind: chaseKind('kind').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    text: text('text').notNull(),
    recipients: jsonb('recipients').$type<ChaseRecipient[]>().notNull(),
    /** Null = issued automatically by the chase ladder. */
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** The overdue clock an automatic notice was issued for. */
    clockId: uuid('clock_id'),
  },
  (t) => [
    index('chase_notices_ticket_idx').on(t.ticketId, t.issuedAt),
    index('chase_notices_department_idx').on(t.departmentId, t.issuedAt),
    index('chase_notices_issued_by_idx').on(t.issuedBy),
    uniqueIndex('chase_notices_clock_kind_uq').on(t.clockId, t.kind),
  ],
);
export type ChaseNoticeRow = typeof chaseNotices.$inferSelect;
