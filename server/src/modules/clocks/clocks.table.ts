import { sql } from 'drizzle-orm';
import {
  pgTable,
  pgEnum,
  uuid,
  text,
  integer,
  smallint,
  boolean,
  doublePrecision,
  serial,
  timestamp,
  index,
  primaryKey,
  check,
} from 'drizzle-orm/pg-core';
import {
  CLOCK_KINDS,
  CLOCK_STAGES,
  CLOCK_STATES,
  CLOCK_UNITS,
  type CategoryFlag,
  type TicketType,
  type Urgency,
} from '@hotline/shared/domain/ticket-types';
import { users } from '../auth/users.table.js';
import { departments } from '../departments/departments.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';

export const clockKind = pgEnum('clock_kind', CLOCK_KINDS);
export const clockUnit = pgEnum('clock_unit', CLOCK_UNITS);
export const clockState = pgEnum('clock_state', CLOCK_STATES);
export const clockStage = pgEnum('clock_stage', CLOCK_STAGES);

/**
 * 时限: one row per clock a ticket runs. Postgres holds every clock; Redis only holds delayed jobs for the stages due
 * in the next few minutes, armed from `next_stage_at` by the scheduler (armDueClocks).
 */
export const ticketClocks = pgTable(
  'ticket_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** 派单轮次; null for ticket-level clocks (callback). */
    roundId: uuid('round_id').references(() => dispatchRounds.id),
    /** The unit the clock runs against; null for the hotline's own clocks. */
    departmentId: uuid('department_id').references(() => departments.id),
    kind: clockKind('kind').notNull(),
    unit: clockUnit('unit').notNull(),
    /** Snapshot of what chose the duration, so a later policy edit can be explained. */
    ticketType: text('ticket_type').$type<TicketType>().notNull(),
    urgency: text('urgency').$type<Urgency>().notNull(),
    categories: text('categories')
      .array()
      .$type<CategoryFlag[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    state: clockState('state').notNull().default('running'),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    /**
     * Set while the clock is paused (退单审核 / 反馈审核: the hotline, not the unit, holds the ticket). A running clock
     * pauses as `paused`; a breached one keeps `breached` (the breach stays) with only its ladder held.
     */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    /** Working days of approved 延期 added to due_at (≤ the policy cap, 20 by default). */
    totalExtensionDays: integer('total_extension_days').notNull().default(0),
    /**
     * The earliest stage not yet fired and when it falls; null once the clock stops or has no stage left.
     * Kept up to date by start/extend/stop and by each firing, so the scheduler never computes calendars in SQL.
     */
    nextStage: clockStage('next_stage'),
    nextStageAt: timestamp('next_stage_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_clocks_ticket_idx').on(t.ticketId),
    index('ticket_clocks_round_idx').on(t.roundId),
    index('ticket_clocks_department_idx').on(t.departmentId),
    // Running clocks by due instant: overdue / due-soon lists.
    index('ticket_clocks_running_due_idx')
      .on(t.state, t.dueAt)
      .where(sql`${t.state} = 'running'`),
    // The scheduler's query: open clocks whose next stage falls before the end of the arming window.
    index('ticket_clocks_next_stage_idx')
      .on(t.nextStageAt)
      .where(sql`${t.nextStageAt} IS NOT NULL`),
  ],
);

/** A stage that fired. The primary key makes firing idempotent per (clock, stage) whatever BullMQ redelivers. */
export const clockStageFirings = pgTable(
  'clock_stage_firings',
  {
    clockId: uuid('clock_id')
      .notNull()
      .references(() => ticketClocks.id, { onDelete: 'cascade' }),
    stage: clockStage('stage').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clockId, t.stage] })],
);

/** 时限规则: the rows of DEFAULT_CLOCK_POLICY, edited by an administrator (the whole set is replaced on save). */
export const clockPolicyRules = pgTable(
  'clock_policy_rules',
  {
    id: serial('id').primaryKey(),
    /** The administrator's order; ties between equal rows go to the earlier one. */
    position: integer('position').notNull(),
    kind: clockKind('kind').notNull(),
    ticketType: text('ticket_type').$type<TicketType>(),
    urgency: text('urgency').$type<Urgency>(),
    category: text('category').$type<CategoryFlag>(),
    amount: doublePrecision('amount').notNull(),
    unit: clockUnit('unit').notNull(),
    priority: integer('priority').notNull(),
    note: text('note'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clock_policy_rules_updated_by_idx').on(t.updatedBy)],
);

/** The stage ladder settings (one row, id = 1): when to warn, chase and publish, and auto-sign on sign-for due. */
export const clockSettings = pgTable(
  'clock_settings',
  {
    id: smallint('id').primaryKey().default(1),
    warningFraction: doublePrecision('warning_fraction').notNull(),
    warningWorkingDaysBefore: integer('warning_working_days_before').notNull(),
    chaseWorkingDaysAfterDue: integer('chase_working_days_after_due').notNull(),
    publicNoticeWorkingDaysAfterChase: integer('public_notice_working_days_after_chase').notNull(),
    /** Minute/hour clocks: 催办 so many minutes after due, 通报 so many minutes after the chase. */
    chaseMinutesAfterDue: doublePrecision('chase_minutes_after_due').notNull().default(30),
    publicNoticeMinutesAfterChase: doublePrecision('public_notice_minutes_after_chase').notNull().default(120),
    /** The time a ticket spends in the hotline's review (退单审核, 反馈审核) is added to the unit's due on resume. */
    reviewPausesClock: boolean('review_pauses_clock').notNull().default(true),
    /** A unit whose return was rejected gets at least this many minutes back on its clock. */
    resumeMinimumMinutes: doublePrecision('resume_minimum_minutes').notNull().default(60),
    /** 自动签收: a unit that lets the sign-for clock run out is signed automatically (DOMAIN §4). */
    autoSignOnSignForDue: boolean('auto_sign_on_sign_for_due').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('clock_settings_single_row', sql`${t.id} = 1`), index('clock_settings_updated_by_idx').on(t.updatedBy)],
);

export type TicketClockRow = typeof ticketClocks.$inferSelect;
