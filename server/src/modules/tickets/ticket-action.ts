import type { TicketState } from '@hotline/shared/domain/ticket-types';
import {
  transition,
  type PlainTicketAction,
  type TicketEvent,
  type TransitionRules,
} from '@hotline/shared/domain/ticket-states';
import type { ActionResponse } from '@hotline/shared/contracts/tickets';
import type { TicketChangedPayload } from '@hotline/shared/realtime/ticket-events';
import type { Clock } from '../../lib/clock.js';
import type { Db, Tx } from '../../platform/db/client.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { isDepartmentActor, type TicketActor } from './ticket-actor.js';
import { publishTicketChanged } from './ticket-events.js';
import { currentRoundDepartmentIds, departmentHasRound, lockTicket, updateTicket } from './tickets.repository.js';
import type { TicketRow } from './tickets.table.js';

export interface TicketActionDeps {
  db: Db;
  clock: Clock;
  realtime: Realtime | null;
}

/** What an action did, for the runner to persist, audit and publish. */
export interface ActionOutcome {
  /** Dotted audit verb suffix, e.g. `sign` → `ticket.sign`. */
  action: string;
  to: TicketState;
  /** Further ticket columns the action changes (lead unit, due instant …). */
  patch?: Parameters<typeof updateTicket>[2];
  reason?: string | null;
  detail?: Record<string, unknown>;
  /** Units to notify besides those of the current round (e.g. the unit that returned the ticket). */
  alsoNotify?: string[];
  /** Runs once the transaction has committed (enqueue the SMS whose outbox rows the action wrote). */
  afterCommit?: () => Promise<void>;
}

/** Applies an event to the ticket's state through the shared state machine; refusals become 409 in Chinese. */
export function requireTransition(
  state: TicketState,
  event: TicketEvent | PlainTicketAction,
  rules?: TransitionRules,
): TicketState {
  const result = transition(state, event, rules);
  if (!result.ok) throw conflict(result.refused, 'transition_refused');
  return result.to;
}

export type Perform = (tx: Tx, ticket: TicketRow, now: Date) => Promise<ActionOutcome>;

export interface AppliedAction {
  response: ActionResponse;
  /** Publish with `publishTicketChanged` once the transaction has committed. */
  changed: TicketChangedPayload;
  afterCommit?: () => Promise<void>;
}

/**
 * One action on one ticket inside an open transaction: lock the ticket, check the actor may see it (another unit's
 * ticket is a 404), let `perform` change rounds and clocks, then write the state and the audit row.
 */
export async function applyTicketAction(
  tx: Tx,
  ticketId: string,
  actor: TicketActor,
  now: Date,
  perform: Perform,
): Promise<AppliedAction> {
  const ticket = await lockTicket(tx, ticketId);
  if (!ticket) throw notFound('工单不存在或无权查看');
  if (
    isDepartmentActor(actor) &&
    !(actor.departmentId && (await departmentHasRound(tx, ticket.id, actor.departmentId)))
  ) {
    throw notFound('工单不存在或无权查看');
  }
  const outcome = await perform(tx, ticket, now);
  await updateTicket(tx, ticket.id, { ...outcome.patch, status: outcome.to }, now);
  await recordAudit(tx, actor, {
    action: `ticket.${outcome.action}`,
    entityType: 'ticket',
    entityId: ticket.id,
    fromState: ticket.status,
    toState: outcome.to,
    reason: outcome.reason ?? null,
    detail: outcome.detail ?? null,
  });
  const round = outcome.patch?.currentRound ?? ticket.currentRound;
  const departmentIds = [
    ...new Set([...(await currentRoundDepartmentIds(tx, ticket.id, round)), ...(outcome.alsoNotify ?? [])]),
  ];
  return {
    response: { id: ticket.id, number: ticket.number, status: outcome.to },
    changed: {
      id: ticket.id,
      number: ticket.number,
      status: outcome.to,
      action: outcome.action,
      departmentIds,
      at: now.toISOString(),
    },
    afterCommit: outcome.afterCommit,
  };
}

/**
 * `applyTicketAction` in its own transaction; the socket push happens only after the commit, so nobody hears of a
 * change that was rolled back.
 */
export async function runTicketAction(
  deps: TicketActionDeps,
  ticketId: string,
  actor: TicketActor,
  perform: Perform,
): Promise<ActionResponse> {
  const now = deps.clock.now();
  const applied = await deps.db.transaction((tx) => applyTicketAction(tx, ticketId, actor, now, perform));
  publishTicketChanged(deps.realtime, applied.changed);
  // The outbox rows are committed: a failed enqueue leaves them queued for a retry, never loses them.
  await applied.afterCommit?.().catch(() => undefined);
  return applied.response;
}
