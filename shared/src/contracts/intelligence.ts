import { Type, type Static } from 'typebox';
import { Nullable, NullableInteger, StringEnum, Uuid } from './common.js';
import { CATEGORY_FLAGS, TICKET_TYPES, URGENCIES } from '../domain/ticket-types.js';

/**
 * 智能派单 / 并单 / 智能填单 and the import of historical tickets (历史工单导入): one contract for server and console.
 */

/** Columns of an import file, in the order a template lists them. The first six are required. */
export const HISTORY_IMPORT_COLUMNS = [
  'received_at',
  'type',
  'urgency',
  'address',
  'content',
  'unit',
  'caller_name',
  'caller_phone',
  'confidential',
] as const;
export const HISTORY_IMPORT_REQUIRED = HISTORY_IMPORT_COLUMNS.slice(0, 6);
/** Chinese header names an export of the previous system may carry instead of the English ones. */
export const HISTORY_IMPORT_COLUMN_LABELS: Record<(typeof HISTORY_IMPORT_COLUMNS)[number], string> = {
  received_at: '受理时间',
  type: '诉求类型',
  urgency: '紧急程度',
  address: '地址',
  content: '诉求内容',
  unit: '承办单位',
  caller_name: '诉求人',
  caller_phone: '联系电话',
  confidential: '保密',
};
/** Limits of one imported row (the intake form's limits, so an imported ticket is a valid ticket). */
export const HISTORY_IMPORT_LIMITS = {
  contentMax: 4000,
  addressMax: 200,
  callerNameMax: 50,
  callerPhoneMax: 20,
  /**
   * The upload as a whole (a CSV of 1 M short rows is ~200 MB; bigger histories are imported in parts). Over it the
   * server answers 413 and the console refuses the file before sending it.
   */
  fileMaxBytes: 512 * 1024 * 1024,
  /** Refused rows listed in the answer; beyond it only the count grows. */
  rejectedListMax: 1000,
} as const;

export const HistoryImportResult = Type.Object({
  imported: Type.Integer(),
  rejectedCount: Type.Integer(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
});
export type HistoryImportResult = Static<typeof HistoryImportResult>;

/** 导入进度: polled by the console while the upload streams in (`importId` chosen by the console, a UUID). */
export const HistoryImportQuery = Type.Object({ importId: Type.Optional(Uuid) });
export const HistoryImportProgress = Type.Object({
  importId: Uuid,
  rowsRead: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Integer(),
  finished: Type.Boolean(),
});
export type HistoryImportProgress = Static<typeof HistoryImportProgress>;

/** The upload cap in the unit a person reads (「512 MB」). */
export function formatUploadCap(bytes: number = HISTORY_IMPORT_LIMITS.fileMaxBytes): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export const DispatchSuggestionBody = Type.Object({
  content: Type.String({ minLength: 1, maxLength: 4000 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(StringEnum(TICKET_TYPES)),
  matterId: Type.Optional(Uuid),
});
export type DispatchSuggestionBody = Static<typeof DispatchSuggestionBody>;

export const SuggestedDepartment = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });

export const ModelSuggestion = Type.Object({
  department: SuggestedDepartment,
  /** 0–1, the model's probability after the 属地 rule. */
  confidence: Type.Number(),
  /** Why, in Chinese: the words that weighed most, the catalogue entry, the address rule. */
  reasons: Type.Array(Type.String()),
});
export type ModelSuggestion = Static<typeof ModelSuggestion>;

export const DispatchSuggestionResult = Type.Object({
  /** Null while no model has been trained yet (the items then come from the address rule and catalogue only). */
  modelVersion: Nullable(Type.Integer()),
  items: Type.Array(ModelSuggestion, { maxItems: 5 }),
  /** 直派 may be offered: 直派 is on, a model is serving, the top unit accepts 直派 and its confidence is above the threshold. */
  directDispatch: Type.Optional(
    Nullable(Type.Object({ departmentId: Uuid, confidence: Type.Number(), threshold: Type.Number() })),
  ),
});
export type DispatchSuggestionResult = Static<typeof DispatchSuggestionResult>;

/**
 * The 智能派单 suggestions the agent saw when choosing the unit: sent with a dispatch (the intake form's dispatch, the
 * dispatch dialog) so the server records what was chosen against them in the dispatch's own transaction.
 */
export const SuggestionsShown = Type.Object(
  {
    modelVersion: NullableInteger({ minimum: 1 }),
    suggestedDepartmentIds: Type.Array(Uuid, { maxItems: 5 }),
    /** The confidences shown beside them, same order (optional). */
    suggestedConfidences: Type.Optional(Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { maxItems: 5 })),
  },
  { additionalProperties: false },
);
export type SuggestionsShown = Static<typeof SuggestionsShown>;

/** What the agent did with the suggestions: recorded so the 采纳率 can be measured. */
export const SuggestionChoiceBody = Type.Object({
  ticketId: Uuid,
  modelVersion: SuggestionsShown.properties.modelVersion,
  suggestedDepartmentIds: SuggestionsShown.properties.suggestedDepartmentIds,
  suggestedConfidences: SuggestionsShown.properties.suggestedConfidences,
  chosenDepartmentId: Uuid,
});
export type SuggestionChoiceBody = Static<typeof SuggestionChoiceBody>;

/**
 * 直派 (direct dispatch) policy, set by an admin: off by default; when on, a ticket whose top suggestion is above the
 * threshold and goes to a unit that accepts 直派 can be dispatched in one click, audited with the model's version
 * and confidence.
 */
export const DIRECT_DISPATCH_THRESHOLD = { min: 0.5, max: 0.999, default: 0.9 } as const;
export const IntelligenceSettings = Type.Object({
  directDispatch: Type.Object({
    enabled: Type.Boolean(),
    threshold: Type.Number({ minimum: DIRECT_DISPATCH_THRESHOLD.min, maximum: DIRECT_DISPATCH_THRESHOLD.max }),
    /** Units that accept 直派 (an empty list: none). */
    departmentIds: Type.Array(Uuid, { maxItems: 1000, uniqueItems: true }),
  }),
});
export type IntelligenceSettings = Static<typeof IntelligenceSettings>;
export const DEFAULT_INTELLIGENCE_SETTINGS: IntelligenceSettings = {
  directDispatch: { enabled: false, threshold: DIRECT_DISPATCH_THRESHOLD.default, departmentIds: [] },
};

/**
 * 直派 of one ticket: the console sends the model version whose suggestion it showed (409 `model_changed` when another
 * version now answers); the server re-computes the suggestion and re-checks the 直派 policy itself.
 */
export const DirectDispatchBody = Type.Object({ modelVersion: NullableInteger({ minimum: 1 }) });
export const DirectDispatchResult = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: Type.String(),
  department: SuggestedDepartment,
  confidence: Type.Number(),
  modelVersion: Type.Integer(),
});
export type DirectDispatchResult = Static<typeof DirectDispatchResult>;

/** 采纳率 report: what agents did with the suggestions, by rank taken, and the 退单 rate of 直派 against manual. */
export const SuggestionAcceptanceReport = Type.Object({
  choices: Type.Integer(),
  /** byRank[0] = took the 1st suggestion, … byRank[4] = the 5th. */
  byRank: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  /** Dispatched to a unit not in the suggestions (改派/人工选择). */
  overridden: Type.Integer(),
  top1Rate: Type.Number(),
  top3Rate: Type.Number(),
  direct: Type.Object({ dispatched: Type.Integer(), returned: Type.Integer() }),
  manual: Type.Object({ dispatched: Type.Integer(), returned: Type.Integer() }),
  byModelVersion: Type.Array(
    Type.Object({ modelVersion: Nullable(Type.Integer()), choices: Type.Integer(), tookTop1: Type.Integer() }),
  ),
});
export type SuggestionAcceptanceReport = Static<typeof SuggestionAcceptanceReport>;

export const MODEL_STATES = ['training', 'ready', 'failed', 'rejected'] as const;
export type ModelState = (typeof MODEL_STATES)[number];
export const MODEL_STATE_LABELS: Record<ModelState, string> = {
  training: '训练中',
  ready: '已启用',
  failed: '训练失败',
  rejected: '未启用（评估不如现用模型）',
};

export const ModelEvaluation = Type.Object({
  top1: Type.Number(),
  top3: Type.Number(),
  /** Number of held-out tickets (the newest 20% by received time). */
  heldOut: Type.Integer(),
  /** Which learner won on the held-out part: 'logreg' (hashed softmax regression) or 'nb' (naive Bayes). */
  algorithm: Type.Optional(Type.String()),
  /** Softmax temperature fitted on the held-out part (confidence calibration). */
  temperature: Type.Optional(Type.Number()),
  /** Expected calibration error of the top suggestion's confidence on the held-out part (0–1, lower is better). */
  calibrationError: Type.Optional(Type.Number()),
  /** Per unit: held-out count, top-1 hits and the unit most often suggested instead. */
  confusion: Type.Optional(
    Type.Array(
      Type.Object({
        department: SuggestedDepartment,
        heldOut: Type.Integer(),
        top1: Type.Integer(),
        mostConfusedWith: Nullable(SuggestedDepartment),
        confusedCount: Type.Integer(),
      }),
    ),
  ),
});
export type ModelEvaluation = Static<typeof ModelEvaluation>;

export const DispatchModelStatus = Type.Object({
  version: Nullable(Type.Integer()),
  state: Nullable(StringEnum(MODEL_STATES)),
  trainedAt: Nullable(Type.String({ format: 'date-time' })),
  samples: Type.Integer(),
  evaluation: Nullable(ModelEvaluation),
  /** The newest run, when it is not the model in use (training now, failed, or not promoted). */
  latestRun: Nullable(
    Type.Object({
      version: Type.Integer(),
      state: StringEnum(MODEL_STATES),
      startedAt: Type.String({ format: 'date-time' }),
      samples: Type.Integer(),
      evaluation: Nullable(ModelEvaluation),
      error: Nullable(Type.String()),
    }),
  ),
  /** 采纳率: share of recorded choices where the agent took the top suggestion. */
  acceptance: Type.Object({ choices: Type.Integer(), tookTop1: Type.Integer(), tookAny: Type.Integer() }),
});
export type DispatchModelStatus = Static<typeof DispatchModelStatus>;

export const TrainAccepted = Type.Object({ jobId: Type.String() });

export const DuplicateCandidate = Type.Object({
  ticketId: Uuid,
  number: Type.String(),
  title: Type.String(),
  address: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  score: Type.Number(),
  likelyDuplicate: Type.Boolean(),
  reasons: Type.Array(Type.String()),
});
export type DuplicateCandidate = Static<typeof DuplicateCandidate>;

export const DuplicateCandidateList = Type.Object({ items: Type.Array(DuplicateCandidate) });
export type DuplicateCandidateList = Static<typeof DuplicateCandidateList>;

/** Duplicates while the agent is still typing (no ticket yet). */
export const DuplicateProbeBody = Type.Object({
  content: Type.String({ minLength: 1, maxLength: 4000 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
});

export const MatterSuggestionBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) });
export const MatterSuggestionList = Type.Object({
  items: Type.Array(
    Type.Object({
      matterId: Uuid,
      name: Type.String(),
      situation: Nullable(Type.String()),
      score: Type.Number(),
    }),
    { maxItems: 3 },
  ),
});
export type MatterSuggestionList = Static<typeof MatterSuggestionList>;

export const PrefillBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) });
/** 智能填单: every field is a suggestion for the agent to confirm, never filled silently. */
export const PrefillResult = Type.Object({
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  type: Nullable(StringEnum(TICKET_TYPES)),
  urgency: Nullable(StringEnum(URGENCIES)),
  categories: Type.Array(StringEnum(CATEGORY_FLAGS)),
  callerName: Nullable(Type.String()),
});
export type PrefillResult = Static<typeof PrefillResult>;
