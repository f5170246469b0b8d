import { sql } from 'drizzle-orm';
import {
  pgSequence,
  pgTable,
  pgEnum,
  uuid,
  text,
  boolean,
  integer,
  bigint,
  date,
  timestamp,
  index,
  customType,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CHANNELS, CLOCK_KINDS, TICKET_STATES, TICKET_TYPES, URGENCIES } from '@hotline/shared/domain/ticket-types';
import { departments } from '../departments/departments.table.js';
import { users } from '../auth/users.table.js';

export const ticketState = pgEnum('ticket_state', TICKET_STATES);
export const ticketChannel = pgEnum('ticket_channel', CHANNELS);
export const ticketType = pgEnum('ticket_type', TICKET_TYPES);
export const ticketUrgency = pgEnum('ticket_urgency', URGENCIES);
export const clockKindEnum = pgEnum('ticket_due_kind', CLOCK_KINDS);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** 工单: one request, one ticket. Caller fields are personal data: read them only through the view rules. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable number, `YYYYMMDD` (Asia/Shanghai) + 6-digit daily counter: unique and sortable by day. */
    number: text('number').notNull().unique(),
    status: ticketState('status').notNull(),
    channel: ticketChannel('channel').notNull(),
    type: ticketType('type').notNull(),
    urgency: ticketUrgency('urgency').notNull(),
    /** Category flags (水电气热, 重件 …) from CATEGORY_FLAGS. */
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    title: text('title').notNull(),
    content: text('content').notNull(),
    address: text('address').notNull(),
    callerName: text('caller_name').notNull(),
    callerPhone: text('caller_phone').notNull(),
    greenChannel: boolean('green_channel').notNull().default(false),
    /** 保密工单: caller hidden from department users (always true for 举报). */
    confidential: boolean('confidential').notNull().default(false),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    /** 事项 of the knowledge base; no foreign key so tickets do not depend on the KB module's life cycle. */
    matterId: uuid('matter_id'),
    /** 并单: the ticket this duplicate was merged into. */
    parentTicketId: uuid('parent_ticket_id').references((): AnyPgColumn => tickets.id),
    answer: text('answer'),
    legalRoute: text('legal_route'),
    transferLine: text('transfer_line'),
    callId: text('call_id'),
    letterDate: date('letter_date'),
    /** The unit leading the current dispatch round (主办), null when not dispatched. */
    leadDepartmentId: uuid('lead_department_id').references(() => departments.id),
    /** Number of the current dispatch round (0 before the first dispatch). */
    currentRound: integer('current_round').notNull().default(0),
    /** Denormalised due instant of the clock that matters now, for list filters (overdue / due soon). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    dueKind: clockKindEnum('due_kind'),
    supervised: boolean('supervised').notNull().default(false),
    /** Unreachable callback attempts so far (3 → closed as unreachable). */
    callbackAttempts: integer('callback_attempts').notNull().default(0),
    /** SHA-256 of the public query code (web form); the code itself is never stored. */
    queryCodeHash: text('query_code_hash'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tickets_status_created_idx').on(t.status, t.createdAt),
    index('tickets_created_idx').on(t.createdAt),
    // The supervision feed pages the changed tickets by (updated_at, id) every sweep.
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_caller_phone_idx').on(t.callerPhone),
    index('tickets_address_idx').on(t.address),
    index('tickets_matter_idx').on(t.matterId),
    index('tickets_parent_idx').on(t.parentTicketId),
    index('tickets_lead_department_idx').on(t.leadDepartmentId),
    index('tickets_due_idx').on(t.dueAt),
    index('tickets_created_by_idx').on(t.createdBy),
  ],
);

/**
 * Feeds the daily ticket counter. A sequence hands out values without a lock held to commit, so concurrent intakes
 * never queue on a shared counter row.
 */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1, cache: 1 });

/**
 * Daily numbering: the first intake of a day records the value of `ticket_number_seq` as the day's base, so the
 * counter is `nextval - base` — no row lock shared by all intakes (a counter row would serialise every commit).
 * Numbers may skip (a rolled-back intake consumes its value); they never repeat.
 */
export const ticketNumberDays = pgTable('ticket_number_days', {
  day: date('day').primaryKey(),
  base: bigint('base', { mode: 'number' }).notNull(),
});

/** Idempotency-Key of an intake: the unique key makes concurrent retries wait for the first and return its ticket. */
export const ticketIdempotencyKeys = pgTable(
  'ticket_idempotency_keys',
  {
    key: text('key').primaryKey(),
    /** No foreign key: the key row is written first in the intake transaction, so retries queue on it. */
    ticketId: uuid('ticket_id').notNull(),
    /** SHA-256 of the request body: the same key with a different request is refused. */
    requestHash: text('request_hash').notNull(),
    userId: uuid('user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_idempotency_keys_ticket_idx').on(t.ticketId)],
);

/** Scanned letters (信件) and other attachments, kept in Postgres so a backup holds everything. */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    fileName: text('file_name').notNull(),
    /** Detected from the magic bytes, not taken from the client. */
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * A file of a unit's reply (办理反馈): the reply and the unit. Null for a letter's scans. No foreign key to the
     * reply (the dispatch tables depend on this one); the reply's transaction writes both.
     */
    replyId: uuid('reply_id'),
    departmentId: uuid('department_id').references(() => departments.id),
  },
  (t) => [
    index('ticket_attachments_ticket_idx').on(t.ticketId),
    index('ticket_attachments_reply_idx').on(t.replyId),
    index('ticket_attachments_department_idx').on(t.departmentId),
    index('ticket_attachments_uploaded_by_idx').on(t.uploadedBy),
  ],
);

export type TicketRow = typeof tickets.$inferSelect;
