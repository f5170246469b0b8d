import { Type, type Static } from 'typebox';
import {
  CATEGORY_FLAGS,
  CHANNELS,
  CLOCK_KINDS,
  CLOCK_STAGES,
  CLOCK_STATES,
  CLOCK_UNITS,
  DISPATCH_ROLES,
  EMERGENCY_LINES,
  RETURN_REASONS,
  SATISFACTIONS,
  TICKET_STATES,
  TICKET_TYPES,
  URGENCIES,
} from '../domain/ticket-types.js';
import { PHONE_NUMBER_PATTERN } from '../domain/phone.js';
import { Nullable, StringEnum, Uuid } from './common.js';
import { CHASE_KINDS } from '../domain/chase-ladder.js';
import { AttachNoticeBody } from './knowledge.js';
import { SuggestionsShown } from './intelligence.js';
import { AttachmentBody, AttachmentView } from './attachments.js';
import { CONTACT_METHODS, MAX_REPLY_ATTACHMENTS, REPLY_RESULTS } from '../domain/reply-outcomes.js';

/**
 * The ticket (工单) API. Integrators (a PBX, the city's government service platform, SMS gateways) code against
 * these names: keep them, add freely.
 */

export const PhoneString = Type.String({ minLength: 3, maxLength: 20, pattern: PHONE_NUMBER_PATTERN });

export const Caller = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: PhoneString,
  /** 绿色通道: over 70, disabled, pregnant. */
  greenChannel: Type.Optional(Type.Boolean()),
});

/** What the agent decides at intake (受理). Default: send to dispatch (待派单). */
export const INTAKE_DECISIONS = ['dispatch', 'answered', 'rejected', 'transferred', 'merged'] as const;

export const IntakeBody = Type.Object(
  {
    channel: StringEnum(CHANNELS),
    type: StringEnum(TICKET_TYPES),
    urgency: StringEnum(URGENCIES),
    categories: Type.Optional(Type.Array(StringEnum(CATEGORY_FLAGS), { maxItems: 4, uniqueItems: true })),
    caller: Caller,
    /** 五要素: where. */
    address: Type.String({ minLength: 1, maxLength: 200 }),
    /** 五要素: what and how — the citizen's request in their words. */
    content: Type.String({ minLength: 1, maxLength: 4000 }),
    /** A one-line summary for lists; derived from content when absent. */
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** 五要素: when it happened. */
    occurredAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    matterId: Type.Optional(Uuid),
    confidential: Type.Optional(Type.Boolean()),
    decision: Type.Optional(StringEnum(INTAKE_DECISIONS)),
    /** 直接答复: the answer given on the spot. */
    answer: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    /**
     * 一次告知 given with a consultation answered on the spot (issue 9.13): the notice rendered from the published
     * KB (matter + situations, or a bundle) and stored on the ticket in the same transaction …
     */
    onceNotice: Type.Optional(AttachNoticeBody),
    /** … or the 无匹配事项 mark (the question goes on the KB gap list), which the agent can always choose. */
    noMatchingMatter: Type.Optional(Type.Boolean()),
    /** 不予受理: the legal route told to the citizen. */
    legalRoute: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    /** 一键转接 to an emergency line. */
    transferLine: Type.Optional(StringEnum(EMERGENCY_LINES)),
    /** 并单: the open ticket this request joins. */
    parentTicketId: Type.Optional(Uuid),
    /** Telephony call id, when the ticket comes from a call. */
    callId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** 信件: the date on the letter. */
    letterDate: Type.Optional(Type.String({ format: 'date', maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type IntakeBody = Static<typeof IntakeBody>;

export const IntakeResponse = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: StringEnum(TICKET_STATES),
});
export type IntakeResponse = Static<typeof IntakeResponse>;

export const DepartmentRef = Type.Object({ id: Type.String(), name: Type.String() });

export const ClockView = Type.Object({
  id: Type.String(),
  kind: StringEnum(CLOCK_KINDS),
  roundId: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  unit: StringEnum(CLOCK_UNITS),
  startedAt: Type.String(),
  dueAt: Type.String(),
  state: StringEnum(CLOCK_STATES),
  /** Stages already fired (预警, 到期, 催办, 通报). */
  firedStages: Type.Array(StringEnum(CLOCK_STAGES)),
});
export type ClockView = Static<typeof ClockView>;

/** One dispatch round (派单轮次) per unit: kept as its own record. */
export const DispatchRoundView = Type.Object({
  id: Type.String(),
  round: Type.Integer(),
  department: DepartmentRef,
  role: StringEnum(DISPATCH_ROLES),
  dispatchedAt: Type.String(),
  signedAt: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  returnReason: Nullable(StringEnum(RETURN_REASONS)),
  returnBasis: Nullable(Type.String()),
  returnReview: Nullable(Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('pending')])),
  repliedAt: Nullable(Type.String()),
});

export const TimelineEntry = Type.Object({
  at: Type.String(),
  action: Type.String(),
  actorName: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

/** A caller as the viewer may see it: masked (138****1234) or hidden (confidential, for department users). */
export const CallerView = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  greenChannel: Type.Boolean(),
  /** 'full' for the hotline with the right to see it (audited), 'masked' otherwise, 'hidden' for confidential tickets. */
  visibility: Type.Union([Type.Literal('full'), Type.Literal('masked'), Type.Literal('hidden')]),
});
export type CallerView = Static<typeof CallerView>;

export const TicketSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: StringEnum(TICKET_STATES),
  channel: StringEnum(CHANNELS),
  type: StringEnum(TICKET_TYPES),
  urgency: StringEnum(URGENCIES),
  categories: Type.Array(StringEnum(CATEGORY_FLAGS)),
  title: Type.String(),
  address: Type.String(),
  confidential: Type.Boolean(),
  caller: CallerView,
  leadDepartment: Nullable(DepartmentRef),
  createdAt: Type.String(),
  /** Due instant of the running clock that matters most now (sign-for, handling, callback). */
  dueAt: Nullable(Type.String()),
  dueKind: Nullable(StringEnum(CLOCK_KINDS)),
  overdue: Type.Boolean(),
  supervised: Type.Boolean(),
});
export type TicketSummary = Static<typeof TicketSummary>;

export const SupervisionView = Type.Object({
  id: Type.String(),
  level: Type.String(),
  instruction: Type.String(),
  dueAt: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
});

export const CallbackView = Type.Object({
  id: Type.String(),
  at: Type.String(),
  reached: Type.Boolean(),
  satisfaction: Nullable(StringEnum(SATISFACTIONS)),
  solved: Nullable(Type.Boolean()),
  unitAtFault: Nullable(Type.Boolean()),
  comment: Nullable(Type.String()),
  /** The 外呼 the result was made on: when it was dialled and whether the proxy saw the call (its SIP Call-ID). */
  call: Nullable(
    Type.Object({
      outboundCallId: Type.String(),
      dialledAt: Type.String(),
      /** The SIP Call-ID the proxy reported for the dial; null when the call never reached the proxy. */
      sipCallId: Nullable(Type.String()),
    }),
  ),
});

/** A unit's reply (办理反馈) with its result (办理结果), how the citizen was contacted (响应) and its files. */
export const ReplyView = Type.Object({
  id: Type.String(),
  at: Type.String(),
  departmentName: Type.String(),
  content: Type.String(),
  review: Nullable(Type.String()),
  /** Null on replies recorded before the result was asked for. */
  result: Nullable(StringEnum(REPLY_RESULTS)),
  contactMethod: Nullable(StringEnum(CONTACT_METHODS)),
  /** Files the unit attached to this reply (download: that unit and the hotline; every download audited). */
  attachments: Type.Array(AttachmentView),
});
export type ReplyView = Static<typeof ReplyView>;

export const PendingExtensionView = Type.Object({
  days: Type.Integer(),
  reason: Type.String(),
  legalBasis: Nullable(Type.String()),
  requestedAt: Type.String(),
  departmentName: Type.String(),
  /** The handling deadline now, and the one an approval would give (the days added in working days). */
  currentDueAt: Nullable(Type.String()),
  newDueAt: Nullable(Type.String()),
});
export type PendingExtensionView = Static<typeof PendingExtensionView>;

/**
 * 延期额度: the working days of extension the ticket may still be given — the cap in force for this ticket (the
 * workflow policy's, or the clock policy's for its kind when lower), the days approved so far across all its rounds,
 * and what remains. Given when the viewer may request or review an extension; the console bounds its days field by it.
 */
export const ExtensionAllowance = Type.Object({
  cap: Type.Integer({ minimum: 0 }),
  granted: Type.Integer({ minimum: 0 }),
  remaining: Type.Integer({ minimum: 0 }),
});
export type ExtensionAllowance = Static<typeof ExtensionAllowance>;

export const TicketDetail = Type.Intersect([
  TicketSummary,
  Type.Object({
    content: Type.String(),
    occurredAt: Nullable(Type.String()),
    matterId: Nullable(Type.String()),
    parentTicketId: Nullable(Type.String()),
    childTicketIds: Type.Array(Type.String()),
    answer: Nullable(Type.String()),
    legalRoute: Nullable(Type.String()),
    transferLine: Nullable(Type.String()),
    letterDate: Nullable(Type.String()),
    attachments: Type.Array(
      Type.Object({ id: Type.String(), fileName: Type.String(), mimeType: Type.String(), size: Type.Integer() }),
    ),
    rounds: Type.Array(DispatchRoundView),
    clocks: Type.Array(ClockView),
    supervisions: Type.Array(SupervisionView),
    callbacks: Type.Array(CallbackView),
    replies: Type.Array(ReplyView),
    /** The extension request awaiting a lead's review (延期审核): what is asked and the deadline it would give. */
    pendingExtension: Nullable(PendingExtensionView),
    /** Null unless the viewer may request (申请延期) or review (延期审核) an extension now. */
    extensionAllowance: Nullable(ExtensionAllowance),
    timeline: Type.Array(TimelineEntry),
    /** Actions the viewer may take now (the console shows exactly these buttons). */
    allowedActions: Type.Array(Type.String()),
  }),
]);
export type TicketDetail = Static<typeof TicketDetail>;

export const TicketListQuery = Type.Object({
  status: Type.Optional(StringEnum(TICKET_STATES)),
  departmentId: Type.Optional(Uuid),
  type: Type.Optional(StringEnum(TICKET_TYPES)),
  overdue: Type.Optional(Type.Boolean()),
  dueSoon: Type.Optional(Type.Boolean()),
  /** Work queues (shared/src/domain/work-queues): pending_dispatch, return_review, extension_review, reply_review … */
  queue: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  /** Opaque cursor from the previous page. */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type TicketListQuery = Static<typeof TicketListQuery>;

export const TicketList = Type.Object({
  items: Type.Array(TicketSummary),
  nextCursor: Nullable(Type.String()),
  /** Every ticket matching the filter (all pages), counted by the server: tab counts are exact. */
  total: Type.Integer({ minimum: 0 }),
});
export type TicketList = Static<typeof TicketList>;

// —— actions: POST /api/tickets/:id/<action> ——
export const DispatchBody = Type.Object(
  {
    leadDepartmentId: Uuid,
    coDepartmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    /** 指定承办 (leads only): the unit may not return the ticket. Forced after three failed dispatch rounds. */
    designate: Type.Optional(Type.Boolean()),
    /**
     * 智能派单 (issue 15): the suggestions the agent saw; the server records the chosen lead unit against them (rank
     * taken or overridden) with the dispatch, in its transaction. Ignored by 批量派单.
     */
    suggestions: Type.Optional(SuggestionsShown),
  },
  { additionalProperties: false },
);
export type DispatchBody = Static<typeof DispatchBody>;

export const ReturnBody = Type.Object(
  { reason: StringEnum(RETURN_REASONS), basis: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type ReturnBody = Static<typeof ReturnBody>;

export const ReviewBody = Type.Object(
  { approve: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const ExtensionBody = Type.Object(
  {
    /** Working days; the per-ticket total is capped by the workflow policy (20 by default). */
    days: Type.Integer({ minimum: 1, maximum: 60 }),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    /** 延期依据: the law, regulation or policy that allows the longer time. */
    legalBasis: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type ExtensionBody = Static<typeof ExtensionBody>;

export const ProgressBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type ProgressBody = Static<typeof ProgressBody>;

export const ReplyBody = Type.Object(
  {
    content: Type.String({ minLength: 1, maxLength: 4000 }),
    /** 办理结果 (the console requires it; optional for integrators that predate it). */
    result: Type.Optional(StringEnum(REPLY_RESULTS)),
    /** 响应: how the unit contacted the citizen, or `none`. */
    contactMethod: Type.Optional(StringEnum(CONTACT_METHODS)),
    /** Files of the reply (JPEG/PNG/PDF, each at most 5 MB), stored with the reply in its transaction. */
    attachments: Type.Optional(Type.Array(AttachmentBody, { maxItems: MAX_REPLY_ATTACHMENTS })),
  },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

export const CallbackBody = Type.Object(
  {
    reached: Type.Boolean(),
    satisfaction: Type.Optional(StringEnum(SATISFACTIONS)),
    /** 是否解决: required when the citizen was reached. */
    solved: Type.Optional(Type.Boolean()),
    /**
     * The citizen's words (required when dissatisfied). The agent records them, never a verdict: a dissatisfied
     * callback goes to a lead's 判定 (`callback-verdict`).
     */
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    /** The 外呼 this result was made on (`outboundCallId` of `POST /api/calls/desk/tickets/:id/dial`), when dialled. */
    outboundCallId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CallbackBody = Static<typeof CallbackBody>;

/** 回访不满意判定 by a lead: the unit's fault → 重办; not the unit's fault → 办结, with the reason either way. */
export const CallbackVerdictBody = Type.Object(
  {
    unitAtFault: Type.Boolean(),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type CallbackVerdictBody = Static<typeof CallbackVerdictBody>;

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type ReasonBody = Static<typeof ReasonBody>;

export const MergeBody = Type.Object({ parentTicketId: Uuid }, { additionalProperties: false });
export type MergeBody = Static<typeof MergeBody>;

export const CloseBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type CloseBody = Static<typeof CloseBody>;

/** 督办单: a supervision order by a lead, visible to the unit and its head. */
export const SUPERVISION_LEVELS = ['general', 'key', 'listed'] as const; // 一般督办 · 重点督办 · 挂牌督办
export const SuperviseBody = Type.Object(
  {
    level: StringEnum(SUPERVISION_LEVELS),
    instruction: Type.String({ minLength: 1, maxLength: 2000 }),
    dueAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type SuperviseBody = Static<typeof SuperviseBody>;

/** 催办 / 通报 by a lead's hand (the ladder issues them automatically from the clock stages too). */
export const ChaseBody = Type.Object(
  {
    kind: StringEnum(CHASE_KINDS),
    /** Another unit of the current round; the lead unit when absent. */
    departmentId: Type.Optional(Uuid),
    /** The notice's text; a standard text naming the ticket and its deadline when absent. */
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ChaseBody = Static<typeof ChaseBody>;

/** The chase ladder of one ticket (催办 → 督办 → 通报), oldest first; phones masked. */
export const ChaseLadderView = Type.Object({
  steps: Type.Array(
    Type.Object({
      kind: StringEnum([...CHASE_KINDS, 'supervision'] as const),
      number: Nullable(Type.String()),
      text: Type.String(),
      departmentId: Nullable(Type.String()),
      automatic: Type.Boolean(),
      at: Type.String(),
      recipients: Type.Array(
        Type.Object({
          role: StringEnum(['liaison', 'leader', 'console'] as const),
          name: Nullable(Type.String()),
          phone: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});
export type ChaseLadderView = Static<typeof ChaseLadderView>;

export const ActionResponse = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: StringEnum(TICKET_STATES),
});
export type ActionResponse = Static<typeof ActionResponse>;

// —— public web form (no sign-in) ——
export const PublicEnquiryBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: PhoneString,
    content: Type.String({ minLength: 5, maxLength: 2000 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    type: Type.Optional(StringEnum(TICKET_TYPES)),
    /** Honeypot: people leave it empty; bots fill it. */
    website: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PublicEnquiryBody = Static<typeof PublicEnquiryBody>;

export const PublicEnquiryResponse = Type.Object({ number: Type.String(), queryCode: Type.String() });
export type PublicEnquiryResponse = Static<typeof PublicEnquiryResponse>;

/** Progress without personal data or internal notes. */
export const PublicEnquiryStatus = Type.Object({
  number: Type.String(),
  statusLabel: Type.String(),
  createdAt: Type.String(),
  steps: Type.Array(Type.Object({ at: Type.String(), label: Type.String() })),
  reply: Nullable(Type.String()),
});
export type PublicEnquiryStatus = Static<typeof PublicEnquiryStatus>;

/** Duplicate suggestions while typing (重复件提示). */
export const DuplicateQuery = Type.Object({
  phone: Type.Optional(PhoneString),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  matterId: Type.Optional(Uuid),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 30 })),
});
export type DuplicateQuery = Static<typeof DuplicateQuery>;

/** 派单目录 suggestion: matter/category + area → department. */
export const DispatchSuggestion = Type.Object({
  department: DepartmentRef,
  reason: Type.String(),
});
export type DispatchSuggestion = Static<typeof DispatchSuggestion>;

/** 派单目录 (dispatch catalogue) entries as admins edit them; a row needs at least one matching condition. */
export const DispatchCatalogueEntryBody = Type.Object(
  {
    matterId: Type.Optional(Nullable(Uuid)),
    matterCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    category: Type.Optional(Nullable(StringEnum(CATEGORY_FLAGS))),
    ticketType: Type.Optional(Nullable(StringEnum(TICKET_TYPES))),
    areaKeyword: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    departmentId: Uuid,
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DispatchCatalogueEntryBody = Static<typeof DispatchCatalogueEntryBody>;

export const DispatchCatalogueEntry = Type.Object({
  id: Type.String(),
  matterId: Nullable(Type.String()),
  matterCode: Nullable(Type.String()),
  /** One of CATEGORY_FLAGS (the column is free text). */
  category: Nullable(Type.String()),
  ticketType: Nullable(StringEnum(TICKET_TYPES)),
  areaKeyword: Nullable(Type.String()),
  department: DepartmentRef,
  priority: Type.Integer(),
  note: Nullable(Type.String()),
  active: Type.Boolean(),
});
export type DispatchCatalogueEntry = Static<typeof DispatchCatalogueEntry>;
export const DispatchCatalogueList = Type.Object({ items: Type.Array(DispatchCatalogueEntry) });
export type DispatchCatalogueList = Static<typeof DispatchCatalogueList>;

export const DispatchSuggestQuery = Type.Object({
  matterId: Type.Optional(Uuid),
  category: Type.Optional(StringEnum(CATEGORY_FLAGS)),
  type: Type.Optional(StringEnum(TICKET_TYPES)),
  address: Type.Optional(Type.String({ maxLength: 200 })),
});
export type DispatchSuggestQuery = Static<typeof DispatchSuggestQuery>;
export const DispatchSuggestionList = Type.Object({ items: Type.Array(DispatchSuggestion) });
export type DispatchSuggestionList = Static<typeof DispatchSuggestionList>;

/** `Idempotency-Key` on intake: the same key always yields the same ticket (a retry never makes two). */
export const IntakeHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: '同一幂等键总是返回同一张工单（可安全重试）' }),
  ),
});

export const DuplicateList = Type.Object({ items: TicketList.properties.items });

// —— lists: bulk actions and export (班长 queues) ——

/** Queue actions that may run on several tickets at once: each item goes through the same service and audit. */
export const BULK_ACTIONS = ['dispatch', 'return-review', 'extension-review', 'reply-review'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_TICKETS = 50;

export const BulkActionBody = Type.Object(
  {
    action: StringEnum(BULK_ACTIONS),
    ticketIds: Type.Array(Uuid, { minItems: 1, maxItems: MAX_BULK_TICKETS, uniqueItems: true }),
    /** 批量派单: the units every selected ticket goes to. */
    dispatch: Type.Optional(DispatchBody),
    /** 批量审核: the same decision on every selected ticket. */
    review: Type.Optional(ReviewBody),
  },
  { additionalProperties: false },
);
export type BulkActionBody = Static<typeof BulkActionBody>;

export const BulkActionResult = Type.Object({
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  /** One line per selected ticket, in the order asked; a failure carries the server's Chinese reason. */
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Nullable(Type.String()),
      ok: Type.Boolean(),
      status: Nullable(StringEnum(TICKET_STATES)),
      message: Nullable(Type.String()),
    }),
  ),
});
export type BulkActionResult = Static<typeof BulkActionResult>;

/** 导出: the list's filter (no paging); POST so a searched phone number stays out of the URL. */
export const TicketExportBody = Type.Object(
  {
    status: TicketListQuery.properties.status,
    departmentId: TicketListQuery.properties.departmentId,
    type: TicketListQuery.properties.type,
    overdue: TicketListQuery.properties.overdue,
    dueSoon: TicketListQuery.properties.dueSoon,
    queue: TicketListQuery.properties.queue,
    q: TicketListQuery.properties.q,
  },
  { additionalProperties: false },
);
export type TicketExportBody = Static<typeof TicketExportBody>;
/** The most rows one export writes; a larger list is refused with a hint to narrow the filter. */
export const MAX_EXPORT_ROWS = 10_000;
export type DuplicateList = Static<typeof DuplicateList>;

export const PublicEnquiryParams = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+$' }),
});
export const PublicEnquiryQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });
