import {
  CallbackBody,
  CallbackVerdictBody,
  CloseBody,
  DispatchBody,
  ExtensionBody,
  ProgressBody,
  ReasonBody,
  ReplyBody,
  ReturnBody,
  ReviewBody,
  SuperviseBody,
  type ExtensionAllowance,
  type MergeBody,
} from '@hotline/shared/contracts/tickets';
import { limitOf } from '@hotline/shared/contracts/problems';
import type { ReturnReason, Satisfaction } from '@hotline/shared/domain/ticket-types';
import type { AttachmentBody } from '@hotline/shared/contracts/attachments';
import type { ContactMethod, ReplyResult } from '@hotline/shared/domain/reply-outcomes';
import { UUID_PATTERN } from './intake-form';

/** Bounds of 申请延期 days, from the contract (not typed again here). */
export const EXTENSION_DAYS = {
  min: limitOf(ExtensionBody.properties.days, 'minimum'),
  max: limitOf(ExtensionBody.properties.days, 'maximum'),
};

const maxLength = (schema: unknown) => limitOf(schema, 'maxLength');
/** The text fields' lengths, from the action bodies of the contract (not typed again in the dialog). */
export const TEXT_MAX = {
  dispatchNote: maxLength(DispatchBody.properties.note),
  basis: maxLength(ReturnBody.properties.basis),
  reviewComment: maxLength(ReviewBody.properties.comment),
  extensionReason: maxLength(ExtensionBody.properties.reason),
  legalBasis: maxLength(ExtensionBody.properties.legalBasis),
  progressNote: maxLength(ProgressBody.properties.note),
  replyContent: maxLength(ReplyBody.properties.content),
  callbackComment: maxLength(CallbackBody.properties.comment),
  verdictReason: maxLength(CallbackVerdictBody.properties.reason),
  reopenReason: maxLength(ReasonBody.properties.reason),
  closeReason: maxLength(CloseBody.properties.reason),
  instruction: maxLength(SuperviseBody.properties.instruction),
};

/**
 * The days this ticket may still ask for: the contract's bounds narrowed by what remains of its 延期额度 (the cap in
 * force for the ticket less the days already approved), as the server will check them. Without an allowance (not
 * given to this viewer), the contract's bounds.
 */
export function extensionDayBounds(allowance: ExtensionAllowance | null | undefined): { min: number; max: number } {
  return {
    min: EXTENSION_DAYS.min,
    max: allowance ? Math.min(EXTENSION_DAYS.max, allowance.remaining) : EXTENSION_DAYS.max,
  };
}

/** What an action's checks need to know of the ticket beyond the form. */
export interface ActionFormContext {
  extensionAllowance?: ExtensionAllowance | null;
}

/** The `POST /api/tickets/:id/<action>` actions the console offers, in the order buttons are shown. */
export const CONSOLE_ACTIONS = [
  'dispatch',
  'sign',
  'return',
  'return-review',
  'extension',
  'extension-review',
  'progress',
  'reply',
  'reply-review',
  'callback',
  'callback-verdict',
  'reopen',
  'merge',
  'supervise',
  'close',
] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

export interface ActionBodies {
  dispatch: DispatchBody;
  sign: undefined;
  return: ReturnBody;
  'return-review': ReviewBody;
  extension: ExtensionBody;
  'extension-review': ReviewBody;
  progress: ProgressBody;
  reply: ReplyBody;
  'reply-review': ReviewBody;
  callback: CallbackBody;
  'callback-verdict': CallbackVerdictBody;
  reopen: ReasonBody;
  merge: MergeBody;
  close: CloseBody;
  supervise: SuperviseBody;
}

/** The buttons to show: the server's `allowedActions`, restricted to what the console knows, in a stable order. */
export function visibleActions(allowed: readonly string[]): ConsoleAction[] {
  return CONSOLE_ACTIONS.filter((action) => allowed.includes(action));
}

/** One flat model for every action dialog; each action reads its own fields. */
export interface ActionFormModel {
  leadDepartmentId: string;
  coDepartmentIds: string[];
  note: string;
  returnReason: ReturnReason | '';
  basis: string;
  approve: boolean | null;
  comment: string;
  days: number;
  reason: string;
  /** 延期依据. */
  legalBasis: string;
  content: string;
  /** 办理结果 of a reply. */
  result: ReplyResult | '';
  /** 响应: how the unit contacted the citizen. */
  contactMethod: ContactMethod | '';
  /** Files of a reply, already read as base64. */
  files: AttachmentBody[];
  reached: boolean;
  /** The 外呼 placed from this 回访 form (its outboundCallId), linked to the callback result; '' = not dialled here. */
  outboundCallId: string;
  satisfaction: Satisfaction | '';
  solved: boolean | null;
  unitAtFault: boolean;
  parentTicketId: string;
  level: SuperviseBody['level'];
  instruction: string;
  /** ISO instant or null. */
  dueAt: string | null;
}

export function emptyActionForm(): ActionFormModel {
  return {
    leadDepartmentId: '',
    coDepartmentIds: [],
    note: '',
    returnReason: '',
    basis: '',
    approve: null,
    comment: '',
    days: 3,
    reason: '',
    legalBasis: '',
    content: '',
    result: '',
    contactMethod: '',
    files: [],
    reached: true,
    outboundCallId: '',
    satisfaction: '',
    solved: null,
    unitAtFault: false,
    parentTicketId: '',
    level: 'general',
    instruction: '',
    dueAt: null,
  };
}

/** A validated body, or the i18n key (under `ticket.actions.errors.`) of what is missing. */
export type ActionBodyResult<A extends ConsoleAction> =
  { ok: true; body: ActionBodies[A] } | { ok: false; error: string };

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function withOptional<T extends object>(body: T, key: string, value: string): T {
  const trimmed = value.trim();
  return trimmed ? { ...body, [key]: trimmed } : body;
}

function review(model: ActionFormModel): ActionBodyResult<'return-review'> {
  if (model.approve === null) return fail('approve');
  return { ok: true, body: withOptional<ReviewBody>({ approve: model.approve }, 'comment', model.comment) };
}

/** Builds the request body of an action from the dialog's model, checking what the server would refuse anyway. */
export function buildActionBody<A extends ConsoleAction>(
  action: A,
  model: ActionFormModel,
  context: ActionFormContext = {},
): ActionBodyResult<A> {
  return buildAnyActionBody(action, model, context) as ActionBodyResult<A>;
}

function buildAnyActionBody(
  action: ConsoleAction,
  model: ActionFormModel,
  context: ActionFormContext,
): ActionBodyResult<ConsoleAction> {
  switch (action) {
    case 'dispatch': {
      if (!model.leadDepartmentId) return fail('leadDepartment');
      if (model.coDepartmentIds.includes(model.leadDepartmentId)) return fail('coIncludesLead');
      let body: DispatchBody = { leadDepartmentId: model.leadDepartmentId };
      if (model.coDepartmentIds.length > 0) body.coDepartmentIds = [...model.coDepartmentIds];
      body = withOptional(body, 'note', model.note);
      return { ok: true, body };
    }
    case 'sign':
      return { ok: true, body: undefined };
    case 'return':
      if (!model.returnReason) return fail('reason');
      if (!model.basis.trim()) return fail('basis');
      return { ok: true, body: { reason: model.returnReason, basis: model.basis.trim() } };
    case 'return-review':
    case 'extension-review':
    case 'reply-review':
      return review(model);
    case 'extension': {
      // The contract's bounds narrowed by the ticket's 延期额度; the server checks the same cap again.
      const bounds = extensionDayBounds(context.extensionAllowance);
      if (bounds.max < bounds.min) return fail('extensionExhausted');
      if (!Number.isInteger(model.days) || model.days < bounds.min || model.days > bounds.max) return fail('days');
      if (!model.reason.trim()) return fail('extensionReason');
      if (!model.legalBasis.trim()) return fail('legalBasis');
      return {
        ok: true,
        body: { days: model.days, reason: model.reason.trim(), legalBasis: model.legalBasis.trim() },
      };
    }
    case 'progress':
      if (!model.note.trim()) return fail('progressNote');
      return { ok: true, body: { note: model.note.trim() } };
    case 'reply': {
      if (!model.content.trim()) return fail('replyContent');
      // The console asks for both every time (the API keeps them optional for older integrations).
      if (!model.result) return fail('replyResult');
      if (!model.contactMethod) return fail('contactMethod');
      const body: ReplyBody = {
        content: model.content.trim(),
        result: model.result,
        contactMethod: model.contactMethod,
      };
      if (model.files.length > 0) body.attachments = model.files.map((f) => ({ ...f }));
      return { ok: true, body };
    }
    case 'callback': {
      // An unreachable citizen gives no rating: only the attempt is recorded.
      if (!model.reached)
        return {
          ok: true,
          body: withOptional(
            withOptional<CallbackBody>({ reached: false }, 'comment', model.comment),
            'outboundCallId',
            model.outboundCallId,
          ),
        };
      if (!model.satisfaction) return fail('satisfaction');
      if (model.solved === null) return fail('solved');
      // The agent records the citizen's words; a lead gives the verdict (callback-verdict).
      if (model.satisfaction === 'dissatisfied' && !model.comment.trim()) return fail('callbackComment');
      const body: CallbackBody = { reached: true, satisfaction: model.satisfaction, solved: model.solved };
      return {
        ok: true,
        body: withOptional(withOptional(body, 'comment', model.comment), 'outboundCallId', model.outboundCallId),
      };
    }
    case 'callback-verdict':
      if (!model.reason.trim()) return fail('verdictReason');
      return { ok: true, body: { unitAtFault: model.unitAtFault, reason: model.reason.trim() } };
    case 'reopen':
      if (!model.reason.trim()) return fail('reopenReason');
      return { ok: true, body: { reason: model.reason.trim() } };
    case 'merge':
      if (!UUID_PATTERN.test(model.parentTicketId.trim())) return fail('parentTicketId');
      return { ok: true, body: { parentTicketId: model.parentTicketId.trim() } };
    case 'close':
      return { ok: true, body: withOptional<CloseBody>({}, 'reason', model.reason) };
    case 'supervise': {
      if (!model.level) return fail('level');
      if (!model.instruction.trim()) return fail('instruction');
      const body: SuperviseBody = { level: model.level, instruction: model.instruction.trim() };
      if (model.dueAt) body.dueAt = model.dueAt;
      return { ok: true, body };
    }
  }
}
