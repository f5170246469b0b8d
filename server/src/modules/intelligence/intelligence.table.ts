import {
  pgTable,
  pgSequence,
  uuid,
  text,
  integer,
  boolean,
  timestamp,
  jsonb,
  index,
  serial,
  customType,
  real,
  smallint,
} from 'drizzle-orm/pg-core';
import { MODEL_STATES, type IntelligenceSettings, type ModelEvaluation } from '@hotline/shared/contracts/intelligence';
import { tickets } from '../tickets/tickets.table.js';
import { users } from '../auth/users.table.js';
import { departments } from '../departments/departments.table.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** 历史工单导入: one row per uploaded file. */
export const historyImports = pgTable(
  'history_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileKind: text('file_kind', { enum: ['csv', 'xlsx'] }).notNull(),
    imported: integer('imported').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** Data rows read so far (progress while the upload streams in; polled by the console). */
    rowsRead: integer('rows_read').notNull().default(0),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('history_imports_started_by_idx').on(t.startedBy)],
);

/** Marks a ticket as imported history (archived, no clocks, no notifications) and where it came from. */
export const importedTickets = pgTable(
  'imported_tickets',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    importId: uuid('import_id')
      .notNull()
      .references(() => historyImports.id),
    /** Line (CSV) or row (XLSX) of the source file, for tracing back. */
    line: integer('line').notNull(),
  },
  (t) => [index('imported_tickets_import_idx').on(t.importId)],
);

/** Numbers of imported tickets: `H` + received day + this counter, never colliding with live numbers. */
export const historyTicketSeq = pgSequence('history_ticket_seq', { startWith: 1, cache: 100 });

/** 智能派单 model versions. The serving model is the newest `ready` row; `rejected` = evaluated worse, not promoted. */
export const dispatchModels = pgTable('dispatch_models', {
  version: serial('version').primaryKey(),
  state: text('state', { enum: MODEL_STATES }).notNull(),
  algorithm: text('algorithm'),
  samples: integer('samples').notNull().default(0),
  evaluation: jsonb('evaluation').$type<ModelEvaluation>(),
  /** The serialised model (see model-codec.ts); null until trained. */
  model: bytea('model'),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  trainedAt: timestamp('trained_at', { withTimezone: true }),
});

/** What the agent dispatched to, against what was suggested: the measure of the suggestions (采纳率). */
export const dispatchSuggestionChoices = pgTable(
  'dispatch_suggestion_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    userId: uuid('user_id').references(() => users.id),
    modelVersion: integer('model_version'),
    suggestedDepartmentIds: uuid('suggested_department_ids').array().notNull(),
    chosenDepartmentId: uuid('chosen_department_id')
      .notNull()
      .references(() => departments.id),
    tookTop1: boolean('took_top1').notNull(),
    tookAny: boolean('took_any').notNull(),
    /** 直派: dispatched by the model's top suggestion in one click (confidence above the configured threshold). */
    direct: boolean('direct').notNull().default(false),
    /** The confidence of the chosen unit when it was suggested (null: overridden, not in the list). */
    confidence: real('confidence'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('dispatch_suggestion_choices_ticket_idx').on(t.ticketId),
    index('dispatch_suggestion_choices_user_idx').on(t.userId),
    index('dispatch_suggestion_choices_chosen_idx').on(t.chosenDepartmentId),
  ],
);

/** 智能辅助 settings (one row, id 1): 直派 switch, threshold and the units that accept it. */
export const intelligenceSettings = pgTable('intelligence_settings', {
  id: smallint('id').primaryKey(),
  settings: jsonb('settings').$type<IntelligenceSettings>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
