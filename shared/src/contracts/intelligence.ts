import { Type, type Static } from 'typebox';
import { Nullable, StringEnum, Uuid } from './common.js';
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
  /** The upload as a whole (a CSV of 1 M short rows is ~200 MB; bigger histories are imported in parts). */
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
});
export type DispatchSuggestionResult = Static<typeof DispatchSuggestionResult>;

/** What the agent did with the suggestions: recorded so the 采纳率 can be measured. */
export const SuggestionChoiceBody = Type.Object({
  ticketId: Uuid,
  modelVersion: Nullable(Type.Integer()),
  suggestedDepartmentIds: Type.Array(Uuid, { maxItems: 5 }),
  chosenDepartmentId: Uuid,
});
export type SuggestionChoiceBody = Static<typeof SuggestionChoiceBody>;

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
