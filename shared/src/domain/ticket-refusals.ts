/**
 * Why an action is refused in a state, in the words a handler or agent reads (DESIGN habit 7: 「该工单已签收，不能退单」,
 * never `invalid state`). Messages are built from where the ticket is (`STATE_PHRASES`) and what was attempted
 * (`ACTION_VERBS`); pairs where that reads wrong or hides the useful hint have their own message.
 */
import { TICKET_ACTION_LABELS, type TicketAction, type TicketState } from './ticket-types.js';

const STATE_PHRASES: Record<TicketState, string> = {
  intake: '工单尚在受理中',
  answered: '工单已直接答复',
  rejected: '工单已不予受理',
  transferred: '工单已转应急热线',
  merged: '工单已并入主工单',
  pending_dispatch: '工单尚未派单',
  awaiting_sign: '工单未签收',
  return_review: '工单退单审核中',
  in_progress: '工单正在办理中',
  replied: '工单已反馈，正在审核',
  awaiting_callback: '工单已反馈，待回访',
  closed: '工单已办结',
  archived: '工单已归档',
};

/** States in which the ticket has passed intake and is somewhere in the dispatch → handling → callback flow. */
const IN_FLOW: readonly TicketState[] = [
  'pending_dispatch',
  'awaiting_sign',
  'return_review',
  'in_progress',
  'replied',
  'awaiting_callback',
];
const DISPATCHED: readonly TicketState[] = [
  'awaiting_sign',
  'return_review',
  'in_progress',
  'replied',
  'awaiting_callback',
];

function forStates(states: readonly TicketState[], message: string): Partial<Record<TicketState, string>> {
  return Object.fromEntries(states.map((state) => [state, message]));
}

function intakeOutcomeRefusals(verb: string): Partial<Record<TicketState, string>> {
  return forStates(IN_FLOW, `工单已受理并转入派单流程，不能${verb}`);
}

const SPECIFIC: { [A in TicketAction]?: Partial<Record<TicketState, string>> } = {
  answer: { ...intakeOutcomeRefusals('直接答复'), answered: '工单已直接答复，不能重复答复' },
  reject: { ...intakeOutcomeRefusals('不予受理'), rejected: '工单已不予受理，不能重复操作' },
  transfer: { ...intakeOutcomeRefusals('转接应急热线'), transferred: '工单已转应急热线，不能重复转接' },
  send_to_dispatch: {
    ...intakeOutcomeRefusals('转派单'),
    pending_dispatch: '工单已在待派单队列中，不能重复转派单',
  },
  merge: { ...forStates(DISPATCHED, '工单已派单，不能并单'), merged: '工单已并入主工单，不能重复并单' },
  dispatch: {
    intake: '工单尚未受理完毕，不能派单',
    awaiting_sign: '工单已派单，等待签收，不能重复派单',
    return_review: '工单退单审核中，请先审核退单',
    in_progress: '工单已签收办理中，不能再派单',
    replied: '工单已反馈，不能再派单',
    awaiting_callback: '工单已反馈，不能再派单',
    closed: '工单已办结，不能再派单',
    archived: '工单已归档，不能再派单',
  },
  sign: { in_progress: '工单已签收，不能重复签收' },
  return: { return_review: '工单退单审核中，不能重复退单', replied: '工单已反馈，不能退单' },
  reply: { replied: '工单已反馈，不能重复反馈', awaiting_callback: '工单已反馈，不能重复反馈' },
  reopen: { answered: '工单已直接答复，不能重办，请新建工单' },
  close: { closed: '工单已办结，不能重复办结' },
  archive: { archived: '工单已归档，不能重复归档' },
};

/** Review actions refused because there is nothing of that kind awaiting review. */
const NOTHING_TO_REVIEW: { [A in TicketAction]?: string } = {
  'return-review': '没有待审核的退单',
  'extension-review': '没有待审核的延期申请',
  'reply-review': '没有待审核的反馈',
};

/** The Chinese reason shown when `action` is not allowed in `state`. */
export function refusalReason(state: TicketState, action: TicketAction): string {
  const specific = SPECIFIC[action]?.[state];
  if (specific) return specific;
  const nothing = NOTHING_TO_REVIEW[action];
  if (nothing) return `${STATE_PHRASES[state]}，${nothing}`;
  return `${STATE_PHRASES[state]}，不能${TICKET_ACTION_LABELS[action]}`;
}
