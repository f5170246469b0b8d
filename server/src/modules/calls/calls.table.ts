import {
  pgTable,
  pgEnum,
  uuid,
  text,
  boolean,
  integer,
  smallint,
  bigserial,
  jsonb,
  timestamp,
  index,
  primaryKey,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { AGENT_STATES, BREAK_REASONS } from '@hotline/shared/domain/agent-states';
import {
  CONTACT_CHANNELS,
  CONTACT_STATES,
  PRIORITY_CLASSES,
  SKILL_GROUPS,
  type RoutingPolicy,
} from '@hotline/shared/domain/routing-policy';
import { users } from '../auth/users.table.js';

export const contactChannel = pgEnum('contact_channel', CONTACT_CHANNELS);
export const contactState = pgEnum('contact_state', CONTACT_STATES);
export const contactPriority = pgEnum('contact_priority', PRIORITY_CLASSES);
export const skillGroup = pgEnum('skill_group', SKILL_GROUPS);
export const agentState = pgEnum('agent_state', AGENT_STATES);
export const agentBreakReason = pgEnum('agent_break_reason', BREAK_REASONS);

/**
 * Every contact the ACD routes (a call, a web enquiry, a letter, a callback task). The source of truth: the Redis
 * waiting lists are rebuilt from the rows in state queued/offered after a Redis loss.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: contactChannel('channel').notNull(),
    /** The phone system's call id; unique so a repeated `delivered` cannot queue a call twice. */
    callId: text('call_id'),
    /** Personal data: shown masked; never sent to department users. */
    callerNumber: text('caller_number'),
    priority: contactPriority('priority').notNull(),
    greenChannel: boolean('green_channel').notNull().default(false),
    skillGroup: skillGroup('skill_group').notNull(),
    state: contactState('state').notNull(),
    /** The web enquiry or letter the work item is about. */
    reference: text('reference'),
    /** A callback task (漏接回拨) points at the abandoned contact it calls back. */
    parentContactId: uuid('parent_contact_id').references((): AnyPgColumn => contacts.id),
    /** Queue order within a priority; kept when an unanswered offer returns the contact to its queue. */
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    agentId: uuid('agent_id').references(() => users.id),
    /** How many times it was offered (ring-no-answer and rejects make it more than one). */
    offerCount: integer('offer_count').notNull().default(0),
    /** Seconds from enqueue to answer (or to abandon). */
    waitSeconds: integer('wait_seconds'),
    talkSeconds: integer('talk_seconds'),
    /** When the caller was offered a callback for waiting long (回拨提示). */
    callbackOfferedAt: timestamp('callback_offered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_call_id_uq').on(t.callId),
    index('contacts_state_group_idx').on(t.state, t.skillGroup),
    index('contacts_enqueued_at_idx').on(t.enqueuedAt),
    index('contacts_agent_id_idx').on(t.agentId),
    index('contacts_caller_number_idx').on(t.callerNumber),
    index('contacts_parent_contact_id_idx').on(t.parentContactId),
  ],
);

/** 坐席技能: one row per agent and skill, level 1 (can help) to 5 (specialist). */
export const agentSkills = pgTable(
  'agent_skills',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skill: skillGroup('skill').notNull(),
    level: smallint('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.skill] })],
);

/** Every agent state change, for reports and for rebuilding presence after a Redis loss. Append-only. */
export const agentStateLog = pgTable(
  'agent_state_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    state: agentState('state').notNull(),
    reason: agentBreakReason('reason'),
    contactId: uuid('contact_id').references(() => contacts.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('agent_state_log_agent_at_idx').on(t.agentId, t.at),
    index('agent_state_log_contact_idx').on(t.contactId),
  ],
);

/** Telephony events already applied: the primary key makes a retried event a no-op. */
export const telephonyEvents = pgTable(
  'telephony_events',
  {
    eventId: text('event_id').primaryKey(),
    type: text('type').notNull(),
    callId: text('call_id').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('telephony_events_call_id_idx').on(t.callId), index('telephony_events_contact_idx').on(t.contactId)],
);

/** The routing policy (one row, id 1) so every server node routes by the same rules. */
export const acdSettings = pgTable('acd_settings', {
  id: smallint('id').primaryKey(),
  policy: jsonb('policy').$type<RoutingPolicy>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
