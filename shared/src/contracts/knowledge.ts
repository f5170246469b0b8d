import { Type, type Static } from 'typebox';
import { MATERIAL_FORMS, VISIT_CLASSES, type OnceNotice } from '../domain/notice-rendering.js';
import { Nullable, NullableInteger, StringEnum, Uuid } from './common.js';

/**
 * The matter knowledge base (事项知识库) and the 一次告知 notice API. Matters are versioned: draft → review → published;
 * a published version never changes, editing makes a new draft.
 */

export const VERSION_STATUSES = ['draft', 'review', 'published', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

const ShortText = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const MaterialInput = Type.Object(
  {
    name: ShortText(200),
    form: StringEnum(MATERIAL_FORMS),
    copies: Type.Integer({ minimum: 1, maximum: 20 }),
    required: Type.Boolean(),
    /** 容缺受理: may be supplied after acceptance. */
    deferrable: Type.Boolean(),
    source: ShortText(200),
    sharedElectronically: Type.Boolean(),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type MaterialInput = Static<typeof MaterialInput>;

export const SituationInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' }),
    name: ShortText(100),
    conditions: Type.Array(ShortText(500), { maxItems: 30 }),
    materials: Type.Array(MaterialInput, { maxItems: 60 }),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type SituationInput = Static<typeof SituationInput>;

/** The editable content of a matter version (草稿). */
export const MatterContent = Type.Object(
  {
    name: ShortText(200),
    category: ShortText(50),
    visitClass: StringEnum(VISIT_CLASSES),
    legalBasis: Type.Array(ShortText(500), { maxItems: 30 }),
    fees: Type.String({ maxLength: 500 }),
    legalTimeLimitDays: NullableInteger({ minimum: 0, maximum: 365 }),
    promisedTimeLimitDays: NullableInteger({ minimum: 0, maximum: 365 }),
    place: Type.String({ maxLength: 300 }),
    hours: Type.String({ maxLength: 200 }),
    phone: Type.String({ maxLength: 40 }),
    onlineUrl: Nullable(Type.String({ maxLength: 500, pattern: '^https?://' })),
    keywords: Type.Array(ShortText(50), { maxItems: 40 }),
    situations: Type.Array(SituationInput, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type MatterContent = Static<typeof MatterContent>;

export const CreateMatterBody = Type.Object(
  {
    code: Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' }),
    departmentId: Uuid,
    reviewDueOn: Type.String({ format: 'date', maxLength: 10 }),
    content: MatterContent,
  },
  { additionalProperties: false },
);
export type CreateMatterBody = Static<typeof CreateMatterBody>;

export const UpdateDraftBody = Type.Object(
  { content: MatterContent, changeNote: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type UpdateDraftBody = Static<typeof UpdateDraftBody>;

export const ReviewDecisionBody = Type.Object(
  { approve: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type ReviewDecisionBody = Static<typeof ReviewDecisionBody>;

export const ReviewDueBody = Type.Object(
  { reviewDueOn: Type.String({ format: 'date', maxLength: 10 }) },
  { additionalProperties: false },
);

export const DepartmentRefView = Type.Object({ id: Type.String(), name: Type.String() });

export const MatterVersionView = Type.Object({
  id: Type.String(),
  versionNo: Type.Integer(),
  status: StringEnum(VERSION_STATUSES),
  content: MatterContent,
  changeNote: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  submittedBy: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewComment: Nullable(Type.String()),
});
export type MatterVersionView = Static<typeof MatterVersionView>;

export const MatterSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  visitClass: StringEnum(VISIT_CLASSES),
  department: DepartmentRefView,
  publishedVersionNo: Nullable(Type.Integer()),
  /** Status of the newest version (draft/review while someone works on it). */
  latestStatus: StringEnum(VERSION_STATUSES),
  reviewDueOn: Type.String(),
  stale: Type.Boolean(),
  demo: Type.Boolean(),
});
export type MatterSummary = Static<typeof MatterSummary>;

export const MatterListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  departmentId: Type.Optional(Uuid),
  status: Type.Optional(StringEnum(VERSION_STATUSES)),
  stale: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});
export type MatterListQuery = Static<typeof MatterListQuery>;

export const MatterList = Type.Object({ items: Type.Array(MatterSummary), total: Type.Integer() });
export type MatterList = Static<typeof MatterList>;

export const MatterDetail = Type.Object({
  summary: MatterSummary,
  published: Nullable(MatterVersionView),
  /** The version being edited or reviewed, if any. */
  working: Nullable(MatterVersionView),
  /** Whether the viewer may edit (owning department or editor) and publish (editor). */
  mayEdit: Type.Boolean(),
  mayPublish: Type.Boolean(),
});
export type MatterDetail = Static<typeof MatterDetail>;

export const VersionHistory = Type.Object({
  items: Type.Array(Type.Omit(MatterVersionView, ['content'])),
});
export type VersionHistory = Static<typeof VersionHistory>;

// —— search ——
export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/**
 * Where a search term matched: [start, end) in UTF-16 code units of the text it belongs to (JavaScript string
 * indices). The texts are plain; the console marks the ranges itself (no HTML crosses the API).
 */
export const TextMatch = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });
export type TextMatch = Static<typeof TextMatch>;

export const SearchHit = Type.Object({
  matterId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  /** Matches in `name`, in order, not overlapping. */
  nameMatches: Type.Array(TextMatch),
  /** Plain text around the first match of the body (with … where it was cut). */
  snippet: Type.String(),
  /** Matches in `snippet`, in order, not overlapping. */
  snippetMatches: Type.Array(TextMatch),
  departmentName: Type.String(),
  visitClass: StringEnum(VISIT_CLASSES),
  rank: Type.Number(),
  situations: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});
export type SearchHit = Static<typeof SearchHit>;

export const BundleHit = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameMatches: Type.Array(TextMatch),
  description: Type.String(),
});
export type BundleHit = Static<typeof BundleHit>;

export const SearchResponse = Type.Object({
  /** The terms searched for after segmentation and synonym expansion. */
  terms: Type.Array(Type.String()),
  items: Type.Array(SearchHit),
  bundles: Type.Array(BundleHit),
});
export type SearchResponse = Static<typeof SearchResponse>;

// —— bundles (一件事) ——
export const BundleSituationView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  matterId: Nullable(Type.String()),
  matterName: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
});
export const BundleView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  situations: Type.Array(BundleSituationView),
  demo: Type.Boolean(),
});
export type BundleView = Static<typeof BundleView>;
export const BundleList = Type.Object({ items: Type.Array(BundleView) });
export type BundleList = Static<typeof BundleList>;

export const BundleBody = Type.Object(
  {
    code: Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' }),
    name: ShortText(100),
    description: Type.String({ maxLength: 2000 }),
    situationCodes: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      minItems: 2,
      maxItems: 20,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);
export type BundleBody = Static<typeof BundleBody>;

// —— synonyms and gaps ——
export const SynonymGroup = Type.Object({
  id: Type.String(),
  terms: Type.Array(Type.String()),
  updatedAt: Type.String(),
});
export type SynonymGroup = Static<typeof SynonymGroup>;
export const SynonymList = Type.Object({ items: Type.Array(SynonymGroup) });
export type SynonymList = Static<typeof SynonymList>;
export const SynonymBody = Type.Object(
  { terms: Type.Array(Type.String({ minLength: 2, maxLength: 30 }), { minItems: 2, maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
);
export type SynonymBody = Static<typeof SynonymBody>;

export const GAP_SOURCES = ['search_miss', 'no_matching_matter'] as const;
export type GapSource = (typeof GAP_SOURCES)[number];
export const GapView = Type.Object({
  id: Type.String(),
  question: Type.String(),
  source: StringEnum(GAP_SOURCES),
  ticketId: Nullable(Type.String()),
  reportedByName: Nullable(Type.String()),
  createdAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  resolvedMatterId: Nullable(Type.String()),
});
export type GapView = Static<typeof GapView>;
export const GapList = Type.Object({ items: Type.Array(GapView) });
export type GapList = Static<typeof GapList>;
export const GapListQuery = Type.Object({ open: Type.Optional(Type.Boolean({ default: true })) });
export const SearchMissBody = Type.Object({ question: ShortText(500) }, { additionalProperties: false });
export const NoMatchingMatterBody = Type.Object({ question: ShortText(500) }, { additionalProperties: false });
export const ResolveGapBody = Type.Object({ matterId: Type.Optional(Uuid) }, { additionalProperties: false });

// —— 纠错 (correction requests) ——
/**
 * 纠错: an agent or a department flags a matter (or the 一次告知单 rendered from it) as wrong or out of date; a
 * 知识库采编 resolves it — `made` (the matter was corrected) or `rejected` (with the reason). Counted per owning unit
 * in the 考核's 知识库维护 (requested vs made, time to fix).
 */
export const CORRECTION_STATUSES = ['open', 'made', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_REASON_MAX = 1000;
export const CorrectionRequestBody = Type.Object(
  {
    reason: ShortText(CORRECTION_REASON_MAX),
    /** The 一次告知单 that showed the mistake, when the request comes from one. */
    noticeId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CorrectionRequestBody = Static<typeof CorrectionRequestBody>;
export const ResolveCorrectionBody = Type.Object(
  {
    outcome: StringEnum(['made', 'rejected'] as const),
    /** Required when rejected (the reason is shown to the requester); optional note when made. */
    note: Type.Optional(Type.String({ maxLength: CORRECTION_REASON_MAX })),
  },
  { additionalProperties: false },
);
export type ResolveCorrectionBody = Static<typeof ResolveCorrectionBody>;
export const CorrectionView = Type.Object({
  id: Type.String(),
  matterId: Type.String(),
  matterCode: Type.String(),
  matterName: Nullable(Type.String()),
  departmentId: Type.String(),
  departmentName: Nullable(Type.String()),
  noticeId: Nullable(Type.String()),
  reason: Type.String(),
  requestedByName: Nullable(Type.String()),
  requestedAt: Type.String(),
  status: StringEnum(CORRECTION_STATUSES),
  resolvedAt: Nullable(Type.String()),
  resolvedByName: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
});
export type CorrectionView = Static<typeof CorrectionView>;
export const CorrectionList = Type.Object({ items: Type.Array(CorrectionView) });
export type CorrectionList = Static<typeof CorrectionList>;
export const CorrectionListQuery = Type.Object({ status: Type.Optional(StringEnum(CORRECTION_STATUSES)) });

// —— 一次告知 notice ——
/** Either a matter with the chosen situations, or a bundle. */
export const NoticeSelection = Type.Object(
  {
    matterId: Type.Optional(Uuid),
    situationCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
    bundleId: Type.Optional(Uuid),
    /** The agent may add remarks; required content cannot be removed. */
    remarks: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type NoticeSelection = Static<typeof NoticeSelection>;

export const AttachNoticeBody = Type.Object(
  {
    matterId: Type.Optional(Uuid),
    situationCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
    bundleId: Type.Optional(Uuid),
    remarks: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Send the SMS now to the caller's mobile number (from the ticket). */
    send: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AttachNoticeBody = Static<typeof AttachNoticeBody>;

/** The rendered notice (see shared/domain/notice-rendering.ts); passed through as is. */
export const OnceNoticeSchema = Type.Unsafe<OnceNotice>({ type: 'object', additionalProperties: true });

export const NoticePreview = Type.Object({
  notice: OnceNoticeSchema,
  smsSegments: Type.Array(Type.String()),
});
export type NoticePreview = Static<typeof NoticePreview>;

export const DELIVERY_STATUSES = ['not_sent', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const NoticeDelivery = Type.Object({
  status: StringEnum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  /** Masked (138****1234). */
  phone: Nullable(Type.String()),
});

export const NoticeView = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  token: Type.String(),
  /** Path of the public page, e.g. /notice/<token>. */
  publicPath: Type.String(),
  notice: OnceNoticeSchema,
  smsSegments: Type.Array(Type.String()),
  delivery: NoticeDelivery,
  createdAt: Type.String(),
});
export type NoticeView = Static<typeof NoticeView>;
export const NoticeList = Type.Object({ items: Type.Array(NoticeView) });
export type NoticeList = Static<typeof NoticeList>;
/** 无匹配事项: the knowledge gap the mark opened. */
export const NoMatchingMatterResponse = Type.Object({ gapId: Type.String() });
export type NoMatchingMatterResponse = Static<typeof NoMatchingMatterResponse>;

export const PublicNotice = Type.Object({ notice: OnceNoticeSchema, createdAt: Type.String() });
export type PublicNotice = Static<typeof PublicNotice>;

export const TokenParams = Type.Object({
  token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

// —— SMS outbox ——
export const OutboxMessage = Type.Object({
  id: Type.String(),
  noticeId: Nullable(Type.String()),
  phone: Type.String(),
  body: Type.String(),
  segments: Type.Array(Type.String()),
  provider: Type.String(),
  status: StringEnum(['queued', 'sending', 'sent', 'failed'] as const),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});
export type OutboxMessage = Static<typeof OutboxMessage>;
export const OutboxList = Type.Object({ items: Type.Array(OutboxMessage) });
export type OutboxList = Static<typeof OutboxList>;

export const OutboxQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type OutboxQuery = Static<typeof OutboxQuery>;
