import type { CallerView, TicketSummary } from '@hotline/shared/contracts/tickets';
import { maskName, maskPhone } from '@hotline/shared/domain/phone';
import { allowedActions, isFinished } from '@hotline/shared/domain/ticket-states';
import { isAlwaysConfidential, type CategoryFlag, type TicketAction } from '@hotline/shared/domain/ticket-types';
import { isDepartmentActor, type TicketActor } from './ticket-actor.js';
import type { TicketRow } from './tickets.table.js';

/** Whether department users must not see the caller at all: 保密工单 and every 举报. */
export function callerHiddenFromUnits(ticket: Pick<TicketRow, 'confidential' | 'type'>): boolean {
  return ticket.confidential || isAlwaysConfidential(ticket.type);
}

/**
 * The caller as this viewer may see it. `full` only when asked for (the detail view of a hotline role, which the
 * caller of this function audits); lists are always masked, and department users never see a confidential caller.
 */
export function callerFor(ticket: TicketRow, actor: TicketActor, wantFull: boolean): CallerView {
  if (isDepartmentActor(actor) && callerHiddenFromUnits(ticket)) {
    return { name: null, phone: null, greenChannel: false, visibility: 'hidden' };
  }
  if (wantFull && mayViewFullCaller(actor)) {
    return {
      name: ticket.callerName,
      phone: ticket.callerPhone,
      greenChannel: ticket.greenChannel,
      visibility: 'full',
    };
  }
  return {
    name: maskName(ticket.callerName),
    phone: maskPhone(ticket.callerPhone),
    greenChannel: ticket.greenChannel,
    visibility: 'masked',
  };
}

export function mayViewFullCaller(actor: TicketActor): boolean {
  return actor.role === 'agent' || actor.role === 'lead' || actor.role === 'admin';
}

export function toSummary(
  ticket: TicketRow,
  actor: TicketActor,
  leadDepartment: { id: string; name: string } | null,
  now: Date,
  caller: CallerView = callerFor(ticket, actor, false),
): TicketSummary {
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    channel: ticket.channel,
    type: ticket.type,
    urgency: ticket.urgency,
    categories: ticket.categories as CategoryFlag[],
    title: ticket.title,
    address: ticket.address,
    confidential: ticket.confidential,
    caller,
    leadDepartment,
    createdAt: ticket.createdAt.toISOString(),
    dueAt: ticket.dueAt?.toISOString() ?? null,
    dueKind: ticket.dueKind ?? null,
    overdue: !!ticket.dueAt && !isFinished(ticket.status) && ticket.dueAt.getTime() < now.getTime(),
    supervised: ticket.supervised,
  };
}

const HOTLINE_ACTIONS: Partial<Record<string, readonly TicketAction[]>> = {
  agent: ['merge', 'dispatch', 'callback', 'close'],
  lead: [
    'merge',
    'dispatch',
    'callback',
    'close',
    'return-review',
    'extension-review',
    'reply-review',
    'reopen',
    'supervise',
  ],
};

export interface ViewerContext {
  /** The viewer's unit's active round on the ticket, if any. */
  ownRound: { role: 'lead' | 'co'; signed: boolean; designated: boolean; returned: boolean } | null;
  pendingExtension: boolean;
  /** A pending reply that still needs the unit head's sign-off (重件). */
  replyAwaitsHead: boolean;
}

/** The buttons the console shows: the state machine's actions, narrowed to the viewer's role, unit and data. */
export function allowedActionsFor(ticket: TicketRow, actor: TicketActor, context: ViewerContext): TicketAction[] {
  const inState = allowedActions(ticket.status);
  let mine: TicketAction[] = [];
  if (actor.role === 'agent' || actor.role === 'lead') {
    mine = [...(HOTLINE_ACTIONS[actor.role] ?? [])];
    if (!context.pendingExtension) mine = mine.filter((a) => a !== 'extension-review');
    if (context.replyAwaitsHead) mine = mine.filter((a) => a !== 'reply-review');
  } else if (actor.role === 'handler' && context.ownRound) {
    const round = context.ownRound;
    if (!round.signed) mine.push('sign');
    if (round.role === 'lead') {
      if (!round.designated && !round.returned) mine.push('return');
      if (!context.pendingExtension) mine.push('extension');
      mine.push('reply');
    }
    if (round.signed) mine.push('progress');
  } else if (actor.role === 'dept_head' && context.replyAwaitsHead && context.ownRound) {
    mine = ['reply-review'];
  }
  return inState.filter((a) => mine.includes(a));
}
