import { pgTable, pgEnum, uuid, text, boolean, integer, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { DISPATCH_ROLES, RETURN_REASONS, SATISFACTIONS, TICKET_TYPES } from '@hotline/shared/domain/ticket-types';
import { SUPERVISION_LEVELS } from '@hotline/shared/contracts/tickets';
import { CALLBACK_VERDICTS } from '@hotline/shared/domain/callback-verdict';
import { departments } from '../departments/departments.table.js';
import { users } from '../auth/users.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { outboundCalls } from '../calls/outbound-calls.table.js';

export const dispatchRole = pgEnum('dispatch_role', DISPATCH_ROLES);
export const returnReason = pgEnum('return_reason', RETURN_REASONS);
export const reviewStatus = pgEnum('review_status', ['pending', 'approved', 'rejected']);
export const satisfaction = pgEnum('satisfaction', SATISFACTIONS);
export const supervisionLevel = pgEnum('supervision_level', SUPERVISION_LEVELS);
/** 判定 of a dissatisfied callback by a lead: the unit's fault (→ 重办) or not (→ 办结). */
export const callbackVerdict = pgEnum('callback_verdict', CALLBACK_VERDICTS);

/** 派单轮次: one row per unit per round (主办 lead or 协办 co), kept as its own record for the league tables. */
export const dispatchRounds = pgTable(
  'dispatch_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    round: integer('round').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    role: dispatchRole('role').notNull(),
    /** False once the round ended (return approved, ticket closed or reopened as a new round). */
    active: boolean('active').notNull().default(true),
    /** 指定承办: set after three failed dispatches; a designated unit may not return the ticket. */
    designated: boolean('designated').notNull().default(false),
    /** 重办 round under supervision (callback found the unit at fault, or a lead reopened it). */
    reopened: boolean('reopened').notNull().default(false),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }).notNull(),
    dispatchedBy: uuid('dispatched_by').references(() => users.id),
    signDueAt: timestamp('sign_due_at', { withTimezone: true }),
    returnDueAt: timestamp('return_due_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** Null when signed automatically by policy (the clocks domain). */
    signedBy: uuid('signed_by').references(() => users.id),
    handlingDueAt: timestamp('handling_due_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: uuid('returned_by').references(() => users.id),
    returnReason: returnReason('return_reason'),
    /** Legal basis of the return (法律依据 / 三定方案). */
    returnBasis: text('return_basis'),
    /** State the ticket was in when returned; a rejected return sends it back there. */
    returnedFrom: text('returned_from'),
    returnReview: reviewStatus('return_review'),
    returnReviewedAt: timestamp('return_reviewed_at', { withTimezone: true }),
    returnReviewedBy: uuid('return_reviewed_by').references(() => users.id),
    returnReviewComment: text('return_review_comment'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
  },
  (t) => [
    index('dispatch_rounds_ticket_idx').on(t.ticketId, t.round),
    index('dispatch_rounds_department_active_idx').on(t.departmentId, t.active),
    uniqueIndex('dispatch_rounds_unit_per_round_uq').on(t.ticketId, t.round, t.departmentId),
    index('dispatch_rounds_dispatched_by_idx').on(t.dispatchedBy),
    index('dispatch_rounds_signed_by_idx').on(t.signedBy),
    index('dispatch_rounds_returned_by_idx').on(t.returnedBy),
    index('dispatch_rounds_return_reviewed_by_idx').on(t.returnReviewedBy),
  ],
);

/** 延期申请: requested by the lead unit before the deadline, approved or refused by a lead. */
export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    roundId: uuid('round_id')
      .notNull()
      .references(() => dispatchRounds.id),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    /** 法律依据 / 政策依据 of the request (required since issue 9; null on older rows). */
    legalBasis: text('legal_basis'),
    status: reviewStatus('status').notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    /** The handling clock's due instant after an approved extension. */
    newDueAt: timestamp('new_due_at', { withTimezone: true }),
  },
  (t) => [
    index('extension_requests_ticket_idx').on(t.ticketId),
    index('extension_requests_round_idx').on(t.roundId),
    index('extension_requests_pending_idx').on(t.status),
    index('extension_requests_requested_by_idx').on(t.requestedBy),
    index('extension_requests_reviewed_by_idx').on(t.reviewedBy),
  ],
);

/** 办理反馈: the unit's reply; 重件 need the unit head's sign-off before the hotline reviews it. */
export const ticketReplies = pgTable(
  'ticket_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    roundId: uuid('round_id')
      .notNull()
      .references(() => dispatchRounds.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    content: text('content').notNull(),
    /** 办理结果 (REPLY_RESULTS); null on replies recorded before it was asked for. */
    result: text('result'),
    /** 响应: how the unit contacted the citizen (CONTACT_METHODS, `none` = 未联系). */
    contactMethod: text('contact_method'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    headSignedOffAt: timestamp('head_signed_off_at', { withTimezone: true }),
    headSignedOffBy: uuid('head_signed_off_by').references(() => users.id),
    review: reviewStatus('review').notNull().default('pending'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
  },
  (t) => [
    index('ticket_replies_ticket_idx').on(t.ticketId),
    index('ticket_replies_round_idx').on(t.roundId),
    index('ticket_replies_department_idx').on(t.departmentId),
    index('ticket_replies_created_by_idx').on(t.createdBy),
    index('ticket_replies_head_idx').on(t.headSignedOffBy),
    index('ticket_replies_reviewed_by_idx').on(t.reviewedBy),
  ],
);

/** 回访: one row per attempt (unreachable attempts count towards closing as unreachable). */
export const ticketCallbacks = pgTable(
  'ticket_callbacks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    agentId: uuid('agent_id').references(() => users.id),
    reached: boolean('reached').notNull(),
    satisfaction: satisfaction('satisfaction'),
    solved: boolean('solved'),
    /** Mirrors the verdict (true = unit_at_fault) for older readers; null until a lead judged a dissatisfied call. */
    unitAtFault: boolean('unit_at_fault'),
    /** The citizen's words as the agent recorded them (required on a dissatisfied call). */
    comment: text('comment'),
    /** The 外呼 (click-to-dial from the ticket) this callback result was made on, when the agent dialled from here. */
    outboundCallId: uuid('outbound_call_id').references(() => outboundCalls.id),
    /** 判定 of a dissatisfied callback; null = not judged yet (the lead's review queue) or not needed. */
    verdict: callbackVerdict('verdict'),
    verdictReason: text('verdict_reason'),
    verdictBy: uuid('verdict_by').references(() => users.id),
    verdictAt: timestamp('verdict_at', { withTimezone: true }),
  },
  (t) => [
    index('ticket_callbacks_ticket_idx').on(t.ticketId),
    index('ticket_callbacks_agent_idx').on(t.agentId),
    index('ticket_callbacks_verdict_by_idx').on(t.verdictBy),
  ],
);

/** 督办单: a supervision order by a lead, visible to the unit and its head. */
export const supervisionOrders = pgTable(
  'supervision_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 督办单号 DB-YYYYMMDD-NNNN (null on orders issued before issue 9). */
    number: text('number').unique(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** Issued by the system: still overdue past the policy threshold, or 重办 after a callback. */
    automatic: boolean('automatic').notNull().default(false),
    /** The overdue handling clock an automatic order was issued for (one order per clock). */
    clockId: uuid('clock_id'),
    level: supervisionLevel('level').notNull(),
    instruction: text('instruction').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Null when the system issued it (重办 after a callback). */
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    index('supervision_orders_ticket_idx').on(t.ticketId),
    index('supervision_orders_created_by_idx').on(t.createdBy),
    uniqueIndex('supervision_orders_clock_uq').on(t.clockId),
  ],
);

/**
 * 派单目录: matter (事项) or request type + an area keyword → the suggested unit. The most specific matching row wins
 * (matter over type, with area over without), then the lower `priority` number.
 */
export const dispatchCatalogue = pgTable(
  'dispatch_catalogue',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id'),
    /** Free-text matter code of the government service catalogue, for integrations. */
    matterCode: text('matter_code'),
    /** Category flag (水电气热 …) or request type the row applies to; null = any. */
    category: text('category'),
    ticketType: text('ticket_type', { enum: TICKET_TYPES }),
    /** A keyword found in the address (e.g. 西湖区); null = anywhere. */
    areaKeyword: text('area_keyword'),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    priority: integer('priority').notNull().default(100),
    note: text('note'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dispatch_catalogue_matter_idx').on(t.matterId),
    index('dispatch_catalogue_department_idx').on(t.departmentId),
  ],
);
