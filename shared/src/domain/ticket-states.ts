/**
 * The ticket (工单) lifecycle state machine of DOMAIN §4, as one table: for each state, the actions allowed in it and
 * where each leads. Anything not in the table is refused with a Chinese reason (see ticket-refusals.ts).
 *
 *   intake(受理) ─ answer(直接答复) → answered · reject(不予受理) → rejected · transfer(转110/119/120/122) → transferred
 *                ─ merge(并单) → merged · send_to_dispatch → pending_dispatch(待派单)
 *   pending_dispatch ─ dispatch(派单: 主办 + 协办) → awaiting_sign(待签收) ─ sign(签收) → in_progress(办理中)
 *   awaiting_sign | in_progress ─ return(退单) → return_review(退单审核)
 *       ─ approve → pending_dispatch (re-dispatch) · reject → back where the return came from
 *   in_progress ─ reply(回复) → replied(已反馈) ─ reply-review approve → awaiting_callback(待回访) · reject → in_progress
 *   awaiting_callback ─ callback(回访) → closed(办结); a dissatisfied one stays for a lead's 判定 (callback-verdict):
 *       the unit's fault → in_progress (重办), not the unit's fault → closed. close(办结) without a callback is the
 *       lead's exception with a written reason (the closure service enforces who and why)
 *   answered ─ close(办结) → closed: the agent closes an on-the-spot answer once the 一次告知 notice (or the
 *       "no matching matter" mark) is on the ticket — the closure service enforces that for consultations
 *   closed ─ reopen(重办) → in_progress · any finished state ─ archive → archived(归档)
 *
 * Rules that depend on data rather than on the state — the return window, whether an extension request is pending,
 * the 20-day extension cap, the unit head's sign-off on a 重件 reply, the three-failed-dispatches rule — are checked
 * by the services; this table only says whether the action makes sense where the ticket is.
 */
import { refusalReason } from './ticket-refusals.js';
import {
  TICKET_ACTIONS,
  TICKET_ACTION_LABELS,
  TICKET_STATES,
  TICKET_STATE_LABELS,
  type TicketAction,
  type TicketState,
} from './ticket-types.js';

export { TICKET_ACTIONS, TICKET_ACTION_LABELS, TICKET_STATES, TICKET_STATE_LABELS, refusalReason };
export type { TicketAction, TicketState };

export const ALL_STATES: readonly TicketState[] = TICKET_STATES;
export const ALL_ACTIONS: readonly TicketAction[] = TICKET_ACTIONS;

/**
 * States in which the request is finished: no unit works on it any more (they can only be archived or reopened).
 * `answered` counts as finished (no deadline runs, not an open ticket of the caller) even though the agent still
 * closes it once the notice has been given.
 */
export const FINISHED_STATES: readonly TicketState[] = [
  'answered',
  'rejected',
  'transferred',
  'merged',
  'closed',
  'archived',
];

/** The states a return (退单) may come from; a rejected return goes back there. */
export const RETURNABLE_STATES = ['awaiting_sign', 'in_progress'] as const;
export type ReturnableState = (typeof RETURNABLE_STATES)[number];

export type ReviewDecision = 'approve' | 'reject';

/**
 * What the callback (回访) found. A dissatisfied rating is the citizen's word, not a verdict: the ticket waits in
 * 待回访 for a lead's 判定 (`callback-verdict`); only dissatisfaction caused by the unit sends it back (重办).
 */
export type CallbackOutcome =
  | { reached: true; satisfaction: 'satisfied' | 'basically_satisfied' }
  | { reached: true; satisfaction: 'dissatisfied' }
  /** Nobody answered; `attempt` counts from 1. */
  | { reached: false; attempt: number };

type ActionWithPayload = 'return-review' | 'extension-review' | 'reply-review' | 'callback' | 'callback-verdict';
/** Actions that need nothing but their name. */
export type PlainTicketAction = Exclude<TicketAction, ActionWithPayload>;

export type TicketEvent =
  | { action: PlainTicketAction }
  | { action: 'return-review'; decision: 'approve' }
  | { action: 'return-review'; decision: 'reject'; returnedFrom: ReturnableState }
  | { action: 'extension-review'; decision: ReviewDecision }
  | { action: 'reply-review'; decision: ReviewDecision }
  | { action: 'callback'; outcome: CallbackOutcome }
  | { action: 'callback-verdict'; unitAtFault: boolean };

export type TransitionResult =
  /** `changed` is false for actions that are recorded without moving the ticket (progress note, 督办, extension…). */
  { ok: true; to: TicketState; changed: boolean } | { ok: false; refused: string };

export interface TransitionRules {
  /** Unreachable callbacks after which the ticket is closed anyway (default 3). */
  maxCallbackAttempts: number;
}
export const DEFAULT_TRANSITION_RULES: TransitionRules = { maxCallbackAttempts: 3 };

type EventFor<A extends TicketAction> = Extract<TicketEvent, { action: A }>;
type Outcome = TicketState | { refused: string };
export type TransitionRule<A extends TicketAction> =
  TicketState | ((event: EventFor<A>, rules: TransitionRules) => Outcome);
export type StateRules = { [A in TicketAction]?: TransitionRule<A> };

function reviewReturn(event: EventFor<'return-review'>): Outcome {
  if (event.decision === 'approve') return 'pending_dispatch';
  if (!(RETURNABLE_STATES as readonly string[]).includes(event.returnedFrom)) {
    return { refused: '退单来源状态无效，不能驳回退单' };
  }
  return event.returnedFrom;
}

function recordCallback(event: EventFor<'callback'>, rules: TransitionRules): Outcome {
  const outcome = event.outcome;
  if (!outcome.reached) {
    if (!Number.isInteger(outcome.attempt) || outcome.attempt < 1) return { refused: '回访次数无效' };
    return outcome.attempt >= rules.maxCallbackAttempts ? 'closed' : 'awaiting_callback';
  }
  if (outcome.satisfaction === 'dissatisfied') return 'awaiting_callback';
  return 'closed';
}

const FINISHED_RULES: StateRules = { archive: 'archived' };

/** The transition table. A rule naming the state it is in records the action without moving the ticket. */
export const TRANSITIONS: Readonly<Record<TicketState, StateRules>> = {
  intake: {
    answer: 'answered',
    reject: 'rejected',
    transfer: 'transferred',
    merge: 'merged',
    send_to_dispatch: 'pending_dispatch',
  },
  answered: { ...FINISHED_RULES, close: 'closed' },
  rejected: FINISHED_RULES,
  transferred: FINISHED_RULES,
  merged: FINISHED_RULES,
  pending_dispatch: { dispatch: 'awaiting_sign', merge: 'merged' },
  awaiting_sign: { sign: 'in_progress', return: 'return_review', supervise: 'awaiting_sign' },
  return_review: { 'return-review': reviewReturn },
  in_progress: {
    return: 'return_review',
    extension: 'in_progress',
    'extension-review': 'in_progress',
    progress: 'in_progress',
    reply: 'replied',
    supervise: 'in_progress',
  },
  replied: { 'reply-review': (event) => (event.decision === 'approve' ? 'awaiting_callback' : 'in_progress') },
  awaiting_callback: {
    callback: recordCallback,
    'callback-verdict': (event) => (event.unitAtFault ? 'in_progress' : 'closed'),
    close: 'closed',
  },
  closed: { reopen: 'in_progress', archive: 'archived' },
  archived: {},
};

function isTicketState(value: unknown): value is TicketState {
  return typeof value === 'string' && (TICKET_STATES as readonly string[]).includes(value);
}

/**
 * Applies `event` to a ticket in `state`. Payload-less actions may be given by name: `transition('awaiting_sign', 'sign')`.
 */
export function transition(
  state: TicketState,
  event: TicketEvent | PlainTicketAction,
  rules: TransitionRules = DEFAULT_TRANSITION_RULES,
): TransitionResult {
  const ev: TicketEvent = typeof event === 'string' ? { action: event } : event;
  if (!isTicketState(state)) return { ok: false, refused: '工单状态无效' };
  const rule = TRANSITIONS[state][ev.action] as TransitionRule<TicketAction> | undefined;
  if (rule === undefined) return { ok: false, refused: refusalReason(state, ev.action) };
  // The table is keyed by action, so the rule found for ev.action accepts ev.
  const outcome =
    typeof rule === 'string' ? rule : (rule as (e: TicketEvent, r: TransitionRules) => Outcome)(ev, rules);
  if (typeof outcome !== 'string') return { ok: false, refused: outcome.refused };
  return { ok: true, to: outcome, changed: outcome !== state };
}

/** Whether `action` can be taken in `state` for at least one payload. */
export function isActionAllowed(state: TicketState, action: TicketAction): boolean {
  return TRANSITIONS[state][action] !== undefined;
}

/** The actions that make sense in `state`, in `ALL_ACTIONS` order (for the console's buttons). */
export function allowedActions(state: TicketState): TicketAction[] {
  return ALL_ACTIONS.filter((action) => isActionAllowed(state, action));
}

export function isFinished(state: TicketState): boolean {
  return FINISHED_STATES.includes(state);
}
