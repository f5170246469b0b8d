import { sql } from 'drizzle-orm';
import {
  pgTable,
  pgEnum,
  uuid,
  text,
  boolean,
  integer,
  date,
  jsonb,
  timestamp,
  index,
  uniqueIndex,
  customType,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { MATERIAL_FORMS, VISIT_CLASSES } from '@hotline/shared/domain/notice-rendering';
import { GAP_SOURCES, VERSION_STATUSES } from '@hotline/shared/contracts/knowledge';
import { departments } from '../departments/departments.table.js';
import { users } from '../auth/users.table.js';

export const kbVisitClass = pgEnum('kb_visit_class', VISIT_CLASSES);
export const kbVersionStatus = pgEnum('kb_version_status', VERSION_STATUSES);
export const kbMaterialForm = pgEnum('kb_material_form', MATERIAL_FORMS);
export const kbGapSource = pgEnum('kb_gap_source', GAP_SOURCES);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * 事项: the stable identity of a government service matter. Its content lives in versions; the published one is what
 * agents see and notices are rendered from.
 */
export const kbMatters = pgTable(
  'kb_matters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Government service catalogue code (事项编码), e.g. 330100-XK-001. */
    code: text('code').notNull().unique(),
    /** The owning department edits the matter; kb_editor reviews and publishes. */
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    /** 复核日期: after it the matter is listed as stale until someone reviews it. */
    reviewDueOn: date('review_due_on').notNull(),
    publishedVersionId: uuid('published_version_id').references((): AnyPgColumn => kbMatterVersions.id),
    /** Seeded demo data, not an official catalogue entry. */
    demo: boolean('demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kb_matters_department_idx').on(t.departmentId),
    index('kb_matters_review_due_idx').on(t.reviewDueOn),
    index('kb_matters_published_version_idx').on(t.publishedVersionId),
  ],
);

/**
 * One version of a matter's content. draft → review → published (→ superseded when a newer one is published).
 * A published version is never changed: editing starts a new draft, and notices keep the version they came from.
 */
export const kbMatterVersions = pgTable(
  'kb_matter_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id')
      .notNull()
      .references(() => kbMatters.id),
    versionNo: integer('version_no').notNull(),
    status: kbVersionStatus('status').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    visitClass: kbVisitClass('visit_class').notNull(),
    legalBasis: text('legal_basis')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fees: text('fees').notNull(),
    /** Working days; null when the law sets none. */
    legalTimeLimitDays: integer('legal_time_limit_days'),
    /** Working days promised by the city; 0 = 即办. */
    promisedTimeLimitDays: integer('promised_time_limit_days'),
    place: text('place').notNull(),
    hours: text('hours').notNull(),
    phone: text('phone').notNull(),
    onlineUrl: text('online_url'),
    /** Colloquial phrasings citizens use (开饭店, 二手房过户): weighted above the body in search. */
    keywords: text('keywords')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    changeNote: text('change_note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
  },
  (t) => [
    uniqueIndex('kb_matter_versions_matter_no_idx').on(t.matterId, t.versionNo),
    // At most one version in the works (draft or review) per matter.
    uniqueIndex('kb_matter_versions_one_working_idx')
      .on(t.matterId)
      .where(sql`${t.status} in ('draft', 'review')`),
    index('kb_matter_versions_created_by_idx').on(t.createdBy),
    index('kb_matter_versions_submitted_by_idx').on(t.submittedBy),
    index('kb_matter_versions_reviewed_by_idx').on(t.reviewedBy),
  ],
);

/** 办事情形: the smallest granularity under a matter version (新办 / 变更 / 注销), with its 受理条件. */
export const kbSituations = pgTable(
  'kb_situations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => kbMatterVersions.id, { onDelete: 'cascade' }),
    /** Stable across versions (matter code + suffix): bundles refer to situations by it. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    conditions: text('conditions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    notes: text('notes'),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    uniqueIndex('kb_situations_version_code_idx').on(t.versionId, t.code),
    index('kb_situations_code_idx').on(t.code),
  ],
);

/** 申请材料 of a situation. */
export const kbMaterials = pgTable(
  'kb_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    situationId: uuid('situation_id')
      .notNull()
      .references(() => kbSituations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    form: kbMaterialForm('form').notNull(),
    copies: integer('copies').notNull().default(1),
    required: boolean('required').notNull(),
    /** 容缺受理: may be supplied after acceptance. */
    deferrable: boolean('deferrable').notNull().default(false),
    /** Where the citizen obtains it (申请人自备, 公安机关核发 …). */
    source: text('source').notNull(),
    /** Obtained through the electronic licence library / data sharing: the citizen need not bring it. */
    sharedElectronically: boolean('shared_electronically').notNull().default(false),
    note: text('note'),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('kb_materials_situation_idx').on(t.situationId)],
);

/** 一件事: situations across departments that a citizen needs together, told in one notice. */
export const kbBundles = pgTable(
  'kb_bundles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    /** Situation codes in notice order; resolved against each matter's published version when rendering. */
    situationCodes: text('situation_codes').array().notNull(),
    demo: boolean('demo').notNull().default(false),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_bundles_updated_by_idx').on(t.updatedBy)],
);

/** 同义词: a group of phrasings that mean the same (开饭店 = 开餐馆 = 开饭馆); search expands a query with its group. */
export const kbSynonyms = pgTable(
  'kb_synonyms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    terms: text('terms').array().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_synonyms_updated_by_idx').on(t.updatedBy)],
);

/** 知识缺口: questions that found no matter (search misses flagged by agents, "no matching matter" on a ticket). */
export const kbGaps = pgTable(
  'kb_gaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    question: text('question').notNull(),
    source: kbGapSource('source').notNull(),
    /** The consultation it came from; no foreign key so the gap list outlives ticket archiving. */
    ticketId: uuid('ticket_id'),
    reportedBy: uuid('reported_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedMatterId: uuid('resolved_matter_id').references(() => kbMatters.id),
  },
  (t) => [
    index('kb_gaps_ticket_idx').on(t.ticketId),
    index('kb_gaps_open_idx')
      .on(t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
    index('kb_gaps_reported_by_idx').on(t.reportedBy),
    index('kb_gaps_resolved_by_idx').on(t.resolvedBy),
    index('kb_gaps_resolved_matter_idx').on(t.resolvedMatterId),
  ],
);

/**
 * The search index: one row per published matter and per bundle. Postgres has no Chinese parser, so the text is
 * segmented by jieba (plus CJK bigrams for two-character words jieba joins into longer ones) and stored space-separated;
 * the `simple` configuration then only splits on spaces. Names weigh A, keywords B, the rest D.
 */
export const kbSearchDocuments = pgTable(
  'kb_search_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id').references(() => kbMatters.id, { onDelete: 'cascade' }),
    bundleId: uuid('bundle_id').references(() => kbBundles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** Unsegmented text the snippet is cut from. */
    bodyText: text('body_text').notNull(),
    departmentName: text('department_name').notNull().default(''),
    visitClass: kbVisitClass('visit_class'),
    code: text('code').notNull(),
    /** [{code, name}] of the published situations, shown in results without a join. */
    situations: jsonb('situations').$type<{ code: string; name: string }[]>().notNull().default([]),
    nameTokens: text('name_tokens').notNull(),
    keywordTokens: text('keyword_tokens').notNull(),
    bodyTokens: text('body_tokens').notNull(),
    /** Names and keywords only: most questions name the matter, and ranking these few rows first is cheap. */
    titleDocument: tsvector('title_document')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple'::regconfig, name_tokens), 'A') || setweight(to_tsvector('simple'::regconfig, keyword_tokens), 'B')`,
      ),
    document: tsvector('document')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple'::regconfig, name_tokens), 'A') || setweight(to_tsvector('simple'::regconfig, keyword_tokens), 'B') || setweight(to_tsvector('simple'::regconfig, body_tokens), 'D')`,
      ),
  },
  (t) => [
    uniqueIndex('kb_search_documents_matter_idx').on(t.matterId),
    uniqueIndex('kb_search_documents_bundle_idx').on(t.bundleId),
    index('kb_search_documents_document_idx').using('gin', t.document),
    index('kb_search_documents_title_document_idx').using('gin', t.titleDocument),
  ],
);

export type MatterRow = typeof kbMatters.$inferSelect;
export type MatterVersionRow = typeof kbMatterVersions.$inferSelect;
export type SituationRow = typeof kbSituations.$inferSelect;
export type MaterialRow = typeof kbMaterials.$inferSelect;
export type BundleRow = typeof kbBundles.$inferSelect;
