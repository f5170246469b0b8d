/**
 * Enumerations of the ticket (工单) domain, each a const array (the source of the TypeScript union and of the
 * database/API enum) with its Chinese label for the zh-CN console and for messages.
 */

function labelled<const T extends readonly string[]>(values: T, labels: Record<T[number], string>) {
  return { values, labels };
}

/**
 * States of the ticket lifecycle (DOMAIN §4). `intake` is transient: a ticket is saved in it only while the agent
 * is still on the call; every other state is where the ticket rests between actions.
 */
export const TICKET_STATES = [
  'intake',
  'answered',
  'rejected',
  'transferred',
  'merged',
  'pending_dispatch',
  'awaiting_sign',
  'return_review',
  'in_progress',
  'replied',
  'awaiting_callback',
  'closed',
  'archived',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TICKET_STATE_LABELS: Record<TicketState, string> = {
  intake: '受理中',
  answered: '直接答复',
  rejected: '不予受理',
  transferred: '已转应急热线', // 转110/119/120/122
  merged: '已并单',
  pending_dispatch: '待派单',
  awaiting_sign: '待签收',
  return_review: '退单审核',
  in_progress: '办理中',
  replied: '已反馈', // awaiting the hotline's review of the reply
  awaiting_callback: '待回访',
  closed: '办结',
  archived: '归档',
};

/**
 * Actions on a ticket; the names are the HTTP action names (`POST /tickets/:id/actions/return-review`).
 * `archive` is run by the system (a retention job), not by a person.
 */
export const TICKET_ACTIONS = [
  'answer',
  'reject',
  'transfer',
  'send_to_dispatch',
  'merge',
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
  'close',
  'supervise',
  'archive',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];
/** Chinese verb of each action: the console's button label and the verb of refusal messages. */
export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  answer: '直接答复',
  reject: '不予受理',
  transfer: '转接应急热线',
  send_to_dispatch: '转派单',
  merge: '并单', // merge a duplicate into a parent ticket
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  'return-review': '审核退单',
  extension: '申请延期',
  'extension-review': '审核延期',
  progress: '填写办理进度',
  reply: '反馈',
  'reply-review': '审核反馈',
  callback: '回访',
  'callback-verdict': '回访不满意判定',
  reopen: '重办',
  close: '办结',
  supervise: '督办',
  archive: '归档',
};

/** Channel (渠道) a request arrived by. */
export const CHANNELS = ['phone', 'web', 'counter', 'letter', 'sms', 'transfer'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  web: '网络', // web form, app, WeChat
  counter: '窗口',
  letter: '信件',
  sms: '短信',
  transfer: '转接', // transferred in from 110/119/120/122
};

/** Request type (诉求类型). */
export const TICKET_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Every 举报 is confidential (保密): a whistle-blower's identity never reaches the unit, whatever the agent ticked. */
export function isAlwaysConfidential(type: TicketType): boolean {
  return type === 'report';
}
export const TICKET_TYPE_LABELS: Record<TicketType, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};

/** Urgency (紧急程度). `critical` means life or property is at risk. */
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

/**
 * Category flags a ticket may carry (several at once); they select shorter or longer clocks.
 * `complex` (疑难复杂) is set by the hotline and gives the longer return window and handling time of DOMAIN §5;
 * `major` (重件) requires the unit head's sign-off on the reply.
 */
export const CATEGORY_FLAGS = ['utilities', 'life_safety', 'complex', 'major'] as const;
export type CategoryFlag = (typeof CATEGORY_FLAGS)[number];

/** A stored category text as a flag (the 派单目录 column is free text): null when it is none of CATEGORY_FLAGS. */
export function toCategoryFlag(value: string | null | undefined): CategoryFlag | null {
  return (CATEGORY_FLAGS as readonly string[]).includes(value ?? '') ? (value as CategoryFlag) : null;
}
export const CATEGORY_FLAG_LABELS: Record<CategoryFlag, string> = {
  utilities: '水电气热',
  life_safety: '涉及生命财产安全',
  complex: '疑难复杂',
  major: '重件',
};

/** What intake (受理) decided: the actions that leave the transient `intake` state. */
export const INTAKE_OUTCOMES = ['answer', 'reject', 'transfer', 'send_to_dispatch', 'merge'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];
export const INTAKE_OUTCOME_LABELS: Record<IntakeOutcome, string> = {
  answer: '直接答复',
  reject: '不予受理',
  transfer: '转应急热线',
  send_to_dispatch: '转派单',
  merge: '并单',
};

/** Emergency lines a call may be transferred to (一键转接 / 三方通话). */
export const EMERGENCY_LINES = ['110', '119', '120', '122'] as const;
export type EmergencyLine = (typeof EMERGENCY_LINES)[number];
export const EMERGENCY_LINE_LABELS: Record<EmergencyLine, string> = {
  '110': '110 报警',
  '119': '119 火警',
  '120': '120 急救',
  '122': '122 交通事故',
};

/** Reason of a return (退单理由); a legal basis is always required as well. */
export const RETURN_REASONS = ['wrong_area', 'unclear_ownership', 'overlapping_duties', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const RETURN_REASON_LABELS: Record<ReturnReason, string> = {
  wrong_area: '属地不符',
  unclear_ownership: '权属不清',
  overlapping_duties: '职能交叉',
  other: '其他',
};

/** Rating given at callback (回访满意度). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** Role of a unit in a dispatch round. */
export const DISPATCH_ROLES = ['lead', 'co'] as const;
export type DispatchRole = (typeof DISPATCH_ROLES)[number];
export const DISPATCH_ROLE_LABELS: Record<DispatchRole, string> = {
  lead: '主办',
  co: '协办',
};

/** The clocks a ticket runs (时限). */
export const CLOCK_KINDS = ['sign_for', 'return_window', 'handling', 'extension', 'callback'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_KIND_LABELS: Record<ClockKind, string> = {
  sign_for: '签收时限',
  return_window: '退单时限',
  handling: '办理时限',
  extension: '延期时限',
  callback: '回访时限',
};

/**
 * Escalation stages of a clock: warning, the second warning (when both the 75% point and "1 working day before"
 * apply and fall apart, `warning` is the earlier, `final_warning` the later), due, formal chase, public criticism.
 */
export const CLOCK_STAGES = ['warning', 'final_warning', 'due', 'chase', 'public_notice'] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];
export const CLOCK_STAGE_LABELS: Record<ClockStage, string> = {
  warning: '预警',
  final_warning: '临期预警',
  due: '到期',
  chase: '催办',
  public_notice: '通报',
};

/** How a clock's duration is counted. */
export const CLOCK_UNITS = ['calendar_minutes', 'working_days'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];
export const CLOCK_UNIT_LABELS: Record<ClockUnit, string> = {
  calendar_minutes: '自然分钟',
  working_days: '工作日',
};

/** A clock row's state: met = stopped in time, breached = the due instant passed while running (超期). */
export const CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];
export const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  running: '计时中',
  paused: '已暂停',
  met: '按时完成',
  breached: '已超期',
};

/** Every enumeration with its labels, for generic label lookup and exhaustiveness tests. */
export const TICKET_ENUMS = {
  ticketState: labelled(TICKET_STATES, TICKET_STATE_LABELS),
  ticketAction: labelled(TICKET_ACTIONS, TICKET_ACTION_LABELS),
  channel: labelled(CHANNELS, CHANNEL_LABELS),
  ticketType: labelled(TICKET_TYPES, TICKET_TYPE_LABELS),
  urgency: labelled(URGENCIES, URGENCY_LABELS),
  categoryFlag: labelled(CATEGORY_FLAGS, CATEGORY_FLAG_LABELS),
  intakeOutcome: labelled(INTAKE_OUTCOMES, INTAKE_OUTCOME_LABELS),
  emergencyLine: labelled(EMERGENCY_LINES, EMERGENCY_LINE_LABELS),
  returnReason: labelled(RETURN_REASONS, RETURN_REASON_LABELS),
  satisfaction: labelled(SATISFACTIONS, SATISFACTION_LABELS),
  dispatchRole: labelled(DISPATCH_ROLES, DISPATCH_ROLE_LABELS),
  clockKind: labelled(CLOCK_KINDS, CLOCK_KIND_LABELS),
  clockStage: labelled(CLOCK_STAGES, CLOCK_STAGE_LABELS),
  clockUnit: labelled(CLOCK_UNITS, CLOCK_UNIT_LABELS),
  clockState: labelled(CLOCK_STATES, CLOCK_STATE_LABELS),
} as const;
