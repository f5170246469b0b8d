import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.js';
import { ticketCallbacks } from '../dispatch/dispatch.table.js';
import { callRatings } from '../calls/call-ratings.table.js';
import type { SpikeRules } from '@hotline/shared/domain/hotspots';

/**
 * 指标事实: every fact behind a figure, one row per (record, counter). A drill-down lists these rows, so the list's
 * length is the figure. Rewritten per source (a ticket or a call) by the refresh; no foreign keys, so the metrics
 * never block a change to the records they describe.
 */
export const metricFacts = pgTable(
  'metric_facts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'ticket' or 'contact': the record whose rows produced the fact. */
    sourceKind: text('source_kind').notNull(),
    sourceId: uuid('source_id').notNull(),
    counter: text('counter').notNull(),
    day: date('day').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    ticketId: uuid('ticket_id'),
    contactId: uuid('contact_id'),
    /** The round, reply, callback or rating behind the fact. */
    refId: uuid('ref_id'),
    departmentId: uuid('department_id'),
    /** Department with streets rolled up to their district. */
    unitId: uuid('unit_id'),
    agentId: uuid('agent_id'),
    channel: text('channel'),
    type: text('type'),
    matterId: uuid('matter_id'),
    area: text('area'),
  },
  (t) => [
    index('metric_facts_source_idx').on(t.sourceKind, t.sourceId),
    index('metric_facts_counter_day_idx').on(t.counter, t.day),
    index('metric_facts_counter_unit_day_idx').on(t.counter, t.unitId, t.day),
    index('metric_facts_counter_dept_day_idx').on(t.counter, t.departmentId, t.day),
  ],
);

/**
 * 指标汇总: per day, counter and dimension value, how many facts and the sum of their values. Kept current by the
 * refresh (deltas) and rebuilt from raw by `npm run supervision:rebuild`; reports read only this.
 */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    day: date('day').notNull(),
    counter: text('counter').notNull(),
    /** all · department · unit · agent · channel · type · matter · area */
    dim: text('dim').notNull(),
    /** The dimension's value ('' for dim all). */
    key: text('key').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dim, t.key, t.counter, t.day] }),
    index('metric_rollups_day_idx').on(t.day, t.dim),
    // A trend reads one cut's every counter over a range of days: (dim, key, day) with the values in the index is an
    // index-only scan of contiguous pages (a year: ~70 pages) instead of ~4,000 scattered heap pages (issue 14).
    index('metric_rollups_trend_idx').on(t.dim, t.key, t.day, t.counter, t.total),
  ],
);

/**
 * The same cells summed per month (day = the month's first day): a year's league or department table reads twelve
 * rows per cell instead of 365. Moved by the same deltas in the same transaction as `metric_rollups`.
 */
export const metricRollupsMonthly = pgTable(
  'metric_rollups_monthly',
  {
    day: date('day').notNull(),
    counter: text('counter').notNull(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.dim, t.key, t.counter, t.day] })],
);

/** Which version of each source the facts were derived from: a refresh of an unchanged source is skipped. */
export const metricSources = pgTable(
  'metric_sources',
  {
    sourceKind: text('source_kind').notNull(),
    sourceId: uuid('source_id').notNull(),
    version: text('version').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceKind, t.sourceId] })],
);

/** Where the change feed (the sweep job) got to: one row per feed. */
export const metricFeedState = pgTable('metric_feed_state', {
  feed: text('feed').primaryKey(),
  watermark: timestamp('watermark', { withTimezone: true }).notNull(),
});

/**
 * 不合理评价认定: a lead's ruling on a dissatisfied rating (per case from a callback, or per call). An unreasonable
 * rating leaves the 满意率's denominator; the ruling stays on record, and changing it is audited.
 */
export const ratingRulings = pgTable(
  'rating_rulings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callbackId: uuid('callback_id').references(() => ticketCallbacks.id),
    callRatingId: uuid('call_rating_id').references(() => callRatings.id),
    unreasonable: boolean('unreasonable').notNull(),
    reason: text('reason').notNull(),
    ruledBy: uuid('ruled_by').references(() => users.id),
    ruledAt: timestamp('ruled_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('rating_rulings_callback_uq').on(t.callbackId),
    uniqueIndex('rating_rulings_call_rating_uq').on(t.callRatingId),
    index('rating_rulings_ruled_by_idx').on(t.ruledBy),
    check('rating_rulings_one_target_ck', sql`(${t.callbackId} is null) <> (${t.callRatingId} is null)`),
  ],
);

/**
 * 报表: a generated daily/weekly/monthly report (Excel), kept for download. The file lives in HOTLINE_DATA_DIR/reports
 * (it is regenerated from the records if lost); the row is the record of what was made, when and by whom.
 */
export const supervisionReports = pgTable(
  'supervision_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** daily · weekly · monthly */
    kind: text('kind').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** queued · ready · failed */
    status: text('status').notNull(),
    rows: bigint('rows', { mode: 'number' }),
    bytes: bigint('bytes', { mode: 'number' }),
    error: text('error'),
    /** Null when the job scheduler made it. */
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('supervision_reports_period_uq').on(t.kind, t.periodFrom),
    index('supervision_reports_requested_by_idx').on(t.requestedBy),
  ],
);

/**
 * 突增预警: a matter or area whose tickets in the last 15 minutes reached `factor` × its baseline (mean per 15 minutes
 * over the 7 days before). One row per (dimension, key, 15-minute bucket): the detector runs every minute on every
 * worker, the unique key makes the alert (and its socket event) happen once.
 */
export const hotspotAlerts = pgTable(
  'hotspot_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    /** The 15-minute bucket (aligned) the alert belongs to. */
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    /** Mean tickets per 15 minutes over the baseline days. */
    baseline: doublePrecision('baseline').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('hotspot_alerts_dim_key_bucket_uq').on(t.dim, t.key, t.bucket),
    index('hotspot_alerts_created_idx').on(t.createdAt),
  ],
);

/** 突增预警阈值: one row (id 1) holding the admin-edited spike rules; absent = the shared defaults (SPIKE_RULES). */
export const hotspotSettings = pgTable(
  'hotspot_settings',
  {
    id: smallint('id').primaryKey().default(1),
    rules: jsonb('rules').$type<SpikeRules>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [index('hotspot_settings_updated_by_idx').on(t.updatedBy)],
);

/**
 * 每月一题: the problem a lead picked for the month from the ranked candidates (a matter — or a ticket type — in an
 * area), with the evidence as it stood when picked. Several may be picked; each pick and un-pick is audited.
 */
export const monthlyTopics = pgTable(
  'monthly_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'YYYY-MM' (Shanghai). */
    month: text('month').notNull(),
    /** The candidate's key: `<matter id | type:<ticket type>>@<area>`. */
    topicKey: text('topic_key').notNull(),
    label: text('label').notNull(),
    note: text('note'),
    evidence: jsonb('evidence').notNull(),
    pickedBy: uuid('picked_by').references(() => users.id),
    pickedAt: timestamp('picked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('monthly_topics_month_key_uq').on(t.month, t.topicKey),
    index('monthly_topics_picked_by_idx').on(t.pickedBy),
  ],
);
