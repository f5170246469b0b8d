import type { NoticeSelection } from '@hotline/shared/contracts/knowledge';
import { limitOf, requiredPaths } from '@hotline/shared/contracts/problems';
import type { SuggestionsShown } from '@hotline/shared/contracts/intelligence';
import { IntakeBody, type DispatchBody } from '@hotline/shared/contracts/tickets';
import { isMobileNumber, isPhoneNumber } from '@hotline/shared/domain/phone';
import {
  isAlwaysConfidential,
  type CategoryFlag,
  type Channel,
  type EmergencyLine,
  type TicketType,
  type Urgency,
} from '@hotline/shared/domain/ticket-types';

/** What the agent decides at intake (受理结果); mirrors INTAKE_DECISIONS of the contract. */
export type IntakeDecision = NonNullable<IntakeBody['decision']>;
export const INTAKE_DECISION_OPTIONS: readonly IntakeDecision[] = [
  'dispatch',
  'answered',
  'rejected',
  'transferred',
  'merged',
];

/** The intake form's state: the five elements (五要素) plus classification and the decision. */
export interface IntakeFormModel {
  channel: Channel;
  callerName: string;
  callerPhone: string;
  greenChannel: boolean;
  /** ISO instant from the date picker, or null. */
  occurredAt: string | null;
  /** 来信日期 of a letter (channel `letter`), YYYY-MM-DD; sent only for letters. */
  letterDate: string | null;
  address: string;
  content: string;
  /** 事情经过: appended to the content, the API has one free-text field for what and how. */
  how: string;
  title: string;
  type: TicketType;
  urgency: Urgency;
  categories: CategoryFlag[];
  matterId: string;
  confidential: boolean;
  decision: IntakeDecision;
  answer: string;
  /** 无匹配事项: the KB has no matter for this consultation (otherwise the chosen matter's 一次告知单 goes with the answer). */
  noMatchingMatter: boolean;
  /**
   * The 一次告知 choice made in the desk's knowledge panel (a matter with its situations, or a 一件事), with its name
   * for the form; sent as `onceNotice` with the answer, so the notice is stored (and sent) in the same request.
   */
  noticeChoice: NoticeChoice | null;
  /** 一步告知: send the notice's link by SMS to the caller with the answer (a mobile number is needed). */
  sendNotice: boolean;
  legalRoute: string;
  transferLine: EmergencyLine | '';
  parentTicketId: string;
  leadDepartmentId: string;
  coDepartmentIds: string[];
  /** The phone system's call id when intake starts from a call on the desk (set by the calls module's card). */
  callId?: string;
}

/** What the knowledge panel chose for the notice, and its name as the agent saw it. */
export interface NoticeChoice {
  selection: NoticeSelection;
  name: string;
}

export function emptyIntakeForm(): IntakeFormModel {
  return {
    channel: 'phone',
    callerName: '',
    callerPhone: '',
    greenChannel: false,
    occurredAt: null,
    letterDate: null,
    address: '',
    content: '',
    how: '',
    title: '',
    type: 'consultation',
    urgency: 'normal',
    categories: [],
    matterId: '',
    confidential: false,
    decision: 'dispatch',
    answer: '',
    noMatchingMatter: false,
    noticeChoice: null,
    sendNotice: true,
    legalRoute: '',
    transferLine: '',
    parentTicketId: '',
    leadDepartmentId: '',
    coDepartmentIds: [],
  };
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The contract's limit on `content` — which holds what the agent typed AND the 事情经过 appended to it. */
export const CONTENT_MAX = limitOf(IntakeBody.properties.content, 'maxLength');
/** The contract's limits on the other intake texts, for the inputs' counters. */
export const INTAKE_LIMITS = {
  callerName: limitOf(IntakeBody.properties.caller.properties.name, 'maxLength'),
  address: limitOf(IntakeBody.properties.address, 'maxLength'),
  title: limitOf(IntakeBody.properties.title, 'maxLength'),
  answer: limitOf(IntakeBody.properties.answer, 'maxLength'),
  legalRoute: limitOf(IntakeBody.properties.legalRoute, 'maxLength'),
};

/** Every 举报 (report) is confidential (the shared rule): whistle-blowers' identities never reach the unit. */
export const isConfidentialForced = isAlwaysConfidential;

/** The intake's phone rule (the contract's PhoneString pattern), after spaces are taken out. */
export function isValidIntakePhone(phone: string): boolean {
  return isPhoneNumber(normalisePhone(phone));
}

/** How many characters `content` will have once 事情经过 is appended: the number the 4000 limit applies to. */
export function composedContentLength(content: string, how: string, howPrefix: string): number {
  return composeContent(content, how, howPrefix).length;
}

/** Phone typed with spaces or dashes for readability ("138 0000 1234") is sent as digits. */
export function normalisePhone(phone: string): string {
  return phone.replace(/\s+/g, '');
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The content sent to the API: what, then how (with its label) when the agent filled it in. */
export function composeContent(content: string, how: string, howPrefix: string): string {
  const what = content.trim();
  const story = how.trim();
  return story ? `${what}\n${howPrefix}${story}` : what;
}

/**
 * The intake request for a form: trimmed, optional fields left out when empty, and only the fields of the chosen
 * decision (a stale answer typed before switching to "dispatch" is not sent).
 */
export function buildIntakeBody(model: IntakeFormModel, howPrefix: string): IntakeBody {
  const body: IntakeBody = {
    channel: model.channel,
    type: model.type,
    urgency: model.urgency,
    caller: { name: model.callerName.trim(), phone: normalisePhone(model.callerPhone) },
    address: model.address.trim(),
    content: composeContent(model.content, model.how, howPrefix),
    confidential: model.confidential || isConfidentialForced(model.type),
    decision: model.decision,
  };
  if (model.greenChannel) body.caller.greenChannel = true;
  if (model.categories.length > 0) body.categories = [...model.categories];
  const title = optional(model.title);
  if (title) body.title = title;
  if (model.occurredAt) body.occurredAt = model.occurredAt;
  // A date left over from switching the channel away from 信件 is not a letter date.
  if (model.channel === 'letter' && model.letterDate) body.letterDate = model.letterDate;
  const matterId = optional(model.matterId);
  if (matterId) body.matterId = matterId;
  if (model.callId) body.callId = model.callId;
  switch (model.decision) {
    case 'answered':
      body.answer = model.answer.trim();
      // 一次告知 (issue 9.13): a consultation's answer carries the chosen matter's notice, or the 无匹配事项 mark.
      // With a choice from the knowledge panel the notice and its SMS go in this same request (一步告知).
      if (model.type === 'consultation') {
        if (model.noMatchingMatter) body.noMatchingMatter = true;
        else if (model.noticeChoice) body.onceNotice = { ...model.noticeChoice.selection, send: sendsNotice(model) };
        else if (matterId) body.onceNotice = { matterId, send: sendsNotice(model) };
      }
      break;
    case 'rejected':
      body.legalRoute = model.legalRoute.trim();
      break;
    case 'transferred':
      if (model.transferLine) body.transferLine = model.transferLine;
      break;
    case 'merged':
      body.parentTicketId = model.parentTicketId;
      break;
    case 'dispatch':
      break;
  }
  return body;
}

/** The notice's SMS goes with the answer when the agent leaves it ticked and the caller's number is a mobile. */
export function sendsNotice(model: Pick<IntakeFormModel, 'sendNotice' | 'callerPhone'>): boolean {
  return model.sendNotice && isMobileNumber(normalisePhone(model.callerPhone));
}

/**
 * After intake with decision "dispatch", the console dispatches at once when the agent picked a lead unit. The 智能派单
 * suggestions on screen go with it (issue 15): the server records the unit chosen against them (the 采纳率).
 */
export function dispatchAfterIntake(
  model: IntakeFormModel,
  shown: SuggestionsShown | null = null,
): DispatchBody | null {
  if (model.decision !== 'dispatch' || !model.leadDepartmentId) return null;
  const co = model.coDepartmentIds.filter((id) => id !== model.leadDepartmentId);
  return {
    leadDepartmentId: model.leadDepartmentId,
    ...(co.length > 0 ? { coDepartmentIds: co } : {}),
    ...(shown && shown.suggestedDepartmentIds.length > 0 ? { suggestions: shown } : {}),
  };
}

/** Duplicate lookups start once there is enough to match on, so typing the first digits does not query. */
export function duplicateLookupQuery(model: Pick<IntakeFormModel, 'callerPhone' | 'address' | 'matterId'>): {
  phone?: string;
  address?: string;
  matterId?: string;
} | null {
  const phone = normalisePhone(model.callerPhone);
  const address = model.address.trim();
  const matterId = model.matterId.trim();
  const query: { phone?: string; address?: string; matterId?: string } = {};
  if (phone.length >= 7 && isPhoneNumber(phone)) query.phone = phone;
  if (address.length >= 4) query.address = address.slice(0, 200);
  if (UUID_PATTERN.test(matterId)) query.matterId = matterId;
  return Object.keys(query).length > 0 ? query : null;
}

/**
 * Where a validation problem of the intake request shows in the form: the API path (`caller.phone`) → the form
 * field's `prop`. A problem of the body as a whole is shown as a message.
 */
export const INTAKE_FIELD_OF: Record<string, keyof IntakeFormModel> = {
  caller: 'callerName',
  'caller.name': 'callerName',
  'caller.phone': 'callerPhone',
  address: 'address',
  content: 'content',
  title: 'title',
  occurredAt: 'occurredAt',
  letterDate: 'letterDate',
  matterId: 'matterId',
  answer: 'answer',
  legalRoute: 'legalRoute',
  transferLine: 'transferLine',
  parentTicketId: 'parentTicketId',
  type: 'type',
  urgency: 'urgency',
  categories: 'categories',
  channel: 'channel',
};

/** The form fields the contract requires (必填 marks): IntakeBody's `required` lists, mapped to the form's props. */
export const INTAKE_REQUIRED_FIELDS: ReadonlySet<string> = new Set(
  requiredPaths(IntakeBody)
    .map((path) => INTAKE_FIELD_OF[path])
    .filter((field): field is keyof IntakeFormModel => !!field),
);
