import { describe, expect, it } from 'vitest';
import {
  ALL_ACTIONS,
  ALL_STATES,
  TICKET_STATE_LABELS,
  allowedActions,
  isFinished,
  transition,
  type TicketAction,
  type TicketEvent,
  type TicketState,
} from './ticket-states.js';

/** One sample event per action and per payload variant that leads somewhere different. */
const EVENTS = {
  answer: { action: 'answer' },
  reject: { action: 'reject' },
  transfer: { action: 'transfer' },
  send_to_dispatch: { action: 'send_to_dispatch' },
  merge: { action: 'merge' },
  dispatch: { action: 'dispatch' },
  sign: { action: 'sign' },
  return: { action: 'return' },
  'return-review:approve': { action: 'return-review', decision: 'approve' },
  'return-review:reject<awaiting_sign': { action: 'return-review', decision: 'reject', returnedFrom: 'awaiting_sign' },
  'return-review:reject<in_progress': { action: 'return-review', decision: 'reject', returnedFrom: 'in_progress' },
  extension: { action: 'extension' },
  'extension-review:approve': { action: 'extension-review', decision: 'approve' },
  'extension-review:reject': { action: 'extension-review', decision: 'reject' },
  progress: { action: 'progress' },
  reply: { action: 'reply' },
  'reply-review:approve': { action: 'reply-review', decision: 'approve' },
  'reply-review:reject': { action: 'reply-review', decision: 'reject' },
  'callback:satisfied': { action: 'callback', outcome: { reached: true, satisfaction: 'satisfied' } },
  'callback:basically': { action: 'callback', outcome: { reached: true, satisfaction: 'basically_satisfied' } },
  'callback:dissatisfied': { action: 'callback', outcome: { reached: true, satisfaction: 'dissatisfied' } },
  'callback-verdict:not-unit': { action: 'callback-verdict', unitAtFault: false },
  'callback-verdict:unit': { action: 'callback-verdict', unitAtFault: true },
  'callback:unreachable#1': { action: 'callback', outcome: { reached: false, attempt: 1 } },
  'callback:unreachable#2': { action: 'callback', outcome: { reached: false, attempt: 2 } },
  'callback:unreachable#3': { action: 'callback', outcome: { reached: false, attempt: 3 } },
  reopen: { action: 'reopen' },
  close: { action: 'close' },
  supervise: { action: 'supervise' },
  archive: { action: 'archive' },
} as const satisfies Record<string, TicketEvent>;
type EventKey = keyof typeof EVENTS;

/**
 * The rules, written out by hand: every (state, event) pair not listed here must be refused.
 * Changing a rule in ticket-states.ts without changing this table fails the matrix test.
 */
const EXPECTED: Record<TicketState, Partial<Record<EventKey, TicketState>>> = {
  intake: {
    answer: 'answered',
    reject: 'rejected',
    transfer: 'transferred',
    send_to_dispatch: 'pending_dispatch',
    merge: 'merged',
  },
  answered: { close: 'closed', archive: 'archived' },
  rejected: { archive: 'archived' },
  transferred: { archive: 'archived' },
  merged: { archive: 'archived' },
  pending_dispatch: { dispatch: 'awaiting_sign', merge: 'merged' },
  awaiting_sign: { sign: 'in_progress', return: 'return_review', supervise: 'awaiting_sign' },
  return_review: {
    'return-review:approve': 'pending_dispatch',
    'return-review:reject<awaiting_sign': 'awaiting_sign',
    'return-review:reject<in_progress': 'in_progress',
  },
  in_progress: {
    return: 'return_review',
    extension: 'in_progress',
    'extension-review:approve': 'in_progress',
    'extension-review:reject': 'in_progress',
    progress: 'in_progress',
    reply: 'replied',
    supervise: 'in_progress',
  },
  replied: { 'reply-review:approve': 'awaiting_callback', 'reply-review:reject': 'in_progress' },
  awaiting_callback: {
    'callback:satisfied': 'closed',
    'callback:basically': 'closed',
    // Issue 9.12: the agent records the citizen's dissatisfaction; a lead's 判定 decides.
    'callback:dissatisfied': 'awaiting_callback',
    'callback-verdict:not-unit': 'closed',
    'callback-verdict:unit': 'in_progress',
    'callback:unreachable#1': 'awaiting_callback',
    'callback:unreachable#2': 'awaiting_callback',
    'callback:unreachable#3': 'closed',
    close: 'closed',
  },
  closed: { reopen: 'in_progress', archive: 'archived' },
  archived: {},
};

const EVENT_KEYS = Object.keys(EVENTS) as EventKey[];
const MATRIX = ALL_STATES.flatMap((state) =>
  EVENT_KEYS.map((key) => ({ state, key, expected: EXPECTED[state][key] ?? null })),
);

describe('ticket state machine — full (state × event) matrix', () => {
  it('has a sample event for every action', () => {
    const covered = new Set(EVENT_KEYS.map((key) => EVENTS[key].action));
    expect([...covered].sort()).toEqual([...ALL_ACTIONS].sort());
  });

  it.each(MATRIX.filter((c) => c.expected !== null))('$state + $key → $expected', ({ state, key, expected }) => {
    const result = transition(state, EVENTS[key]);
    expect(result).toEqual({ ok: true, to: expected, changed: expected !== state });
  });

  it.each(MATRIX.filter((c) => c.expected === null))('$state + $key is refused', ({ state, key }) => {
    const result = transition(state, EVENTS[key]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // A reason a handler can read: Chinese, saying what cannot be done, no leaked identifiers.
    expect(result.refused).toMatch(/^工单.+，(不能|没有|请先)/);
    expect(result.refused).not.toMatch(/[a-z_]/);
  });

  it.each(ALL_STATES)('allowedActions(%s) matches the expected table', (state) => {
    const expected = ALL_ACTIONS.filter((action) =>
      EVENT_KEYS.some((key) => EVENTS[key].action === action && EXPECTED[state][key] !== undefined),
    );
    expect(allowedActions(state)).toEqual(expected);
  });
});

describe('refusal reasons in domain terms', () => {
  const reason = (state: TicketState, action: TicketAction) => {
    const result = transition(state, { action } as TicketEvent);
    return result.ok ? null : result.refused;
  };

  it('speaks of signing, replying and dispatching as a handler would', () => {
    expect(reason('awaiting_sign', 'reply')).toBe('工单未签收，不能反馈');
    expect(reason('closed', 'dispatch')).toBe('工单已办结，不能再派单');
    expect(reason('in_progress', 'sign')).toBe('工单已签收，不能重复签收');
    expect(reason('replied', 'return')).toBe('工单已反馈，不能退单');
    expect(reason('return_review', 'return')).toBe('工单退单审核中，不能重复退单');
    expect(reason('awaiting_sign', 'extension')).toBe('工单未签收，不能申请延期');
    expect(reason('in_progress', 'return-review')).toBe('工单正在办理中，没有待审核的退单');
    expect(reason('archived', 'reopen')).toBe('工单已归档，不能重办');
    expect(reason('awaiting_sign', 'merge')).toBe('工单已派单，不能并单');
  });

  it('accepts a plain action name for payload-less actions', () => {
    expect(transition('awaiting_sign', 'sign')).toEqual({ ok: true, to: 'in_progress', changed: true });
    expect(transition('in_progress', 'progress')).toEqual({ ok: true, to: 'in_progress', changed: false });
  });

  it('refuses malformed payloads with a reason instead of moving the ticket', () => {
    const badReturn = { action: 'return-review', decision: 'reject', returnedFrom: 'closed' } as unknown as TicketEvent;
    expect(transition('return_review', badReturn)).toEqual({ ok: false, refused: '退单来源状态无效，不能驳回退单' });
    const badAttempt: TicketEvent = { action: 'callback', outcome: { reached: false, attempt: 0 } };
    expect(transition('awaiting_callback', badAttempt)).toEqual({ ok: false, refused: '回访次数无效' });
    expect(transition('nonsense' as TicketState, 'sign')).toEqual({ ok: false, refused: '工单状态无效' });
  });

  it('closes after the configured number of unreachable callbacks', () => {
    const second: TicketEvent = { action: 'callback', outcome: { reached: false, attempt: 2 } };
    expect(transition('awaiting_callback', second, { maxCallbackAttempts: 2 })).toMatchObject({ to: 'closed' });
  });
});

describe('labels and helpers', () => {
  it('labels every state in Chinese', () => {
    for (const state of ALL_STATES) expect(TICKET_STATE_LABELS[state]).toMatch(/[\u4e00-\u9fff]/);
    expect(TICKET_STATE_LABELS.awaiting_sign).toBe('待签收');
  });

  it('knows which states are finished', () => {
    expect(ALL_STATES.filter(isFinished)).toEqual([
      'answered',
      'rejected',
      'transferred',
      'merged',
      'closed',
      'archived',
    ]);
  });

  it('can reach every state from intake', () => {
    const reached = new Set<TicketState>(['intake']);
    let frontier: TicketState[] = ['intake'];
    while (frontier.length > 0) {
      const next: TicketState[] = [];
      for (const state of frontier) {
        for (const key of EVENT_KEYS) {
          const result = transition(state, EVENTS[key]);
          if (result.ok && !reached.has(result.to)) {
            reached.add(result.to);
            next.push(result.to);
          }
        }
      }
      frontier = next;
    }
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
  });
});
