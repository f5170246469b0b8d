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
import type { SQLWrapper } from 'drizzle-orm';
import {
  executeRaw,
  insertStatement,
  RawStatement,
  shiftPlaceholders,
  toRaw,
  transactionWithoutRelations,
  updateByIdStatement,
} from '../../platform/db/raw-statement.js';
import type { Db, Tx } from '../../platform/db/client.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { auditRow } from '../audit/audit.service.js';
import { auditLog } from '../audit/audit.table.js';
import { isDepartmentActor, type TicketActor } from './ticket-actor.js';
import { publishTicketChanged } from './ticket-events.js';
import { lockTicketForAction, type ActiveRoundRow, type updateTicket } from './tickets.repository.js';
import { tickets, type TicketRow } from './tickets.table.js';

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
  /**
   * Writes the action leaves to the runner (issue 12): sent in ONE statement with the ticket's new state and its audit
   * row, as data-modifying CTEs. They all see the transaction as it was before that statement, so an action reads
   * what it needs first and never hands over two writes to the same row.
   */
  writes?: SQLWrapper[];
  /**
   * The units of the round the ticket is in after the action, when the action knows them (a dispatch inserting the
   * round among its `writes`); otherwise they are read from `dispatch_rounds` in the same statement.
   */
  roundDepartmentIds?: string[];
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

/**
 * Sends reads that do not depend on the ticket row right behind the lock statement, on the same connection (issue 12:
 * one round trip less). Postgres runs them after the lock is granted, so they see what the lock holder may see;
 * `perform` awaits what it started. Their promises must not reject unhandled (attach a catch): when the lock
 * statement fails or finds nothing they fail or are not needed.
 */
export type AfterLock = (tx: Tx) => void;

export interface AppliedAction {
  response: ActionResponse;
  /** Publish with `publishTicketChanged` once the transaction has committed. */
  changed: TicketChangedPayload;
  afterCommit?: () => Promise<void>;
}

/** The active rounds read with the ticket's lock, per locked ticket row (see `activeRoundsAtLock`). */
const roundsAtLock = new WeakMap<TicketRow, ActiveRoundRow[]>();

/**
 * The ticket's active dispatch rounds (lead first) as read in the same statement that locked it — undefined for a row
 * that did not come from `applyTicketAction`. Valid until the action itself changes rounds (the lock keeps every
 * other transaction out), so read it before handing over writes.
 */
export function activeRoundsAtLock(ticket: TicketRow): ActiveRoundRow[] | undefined {
  return roundsAtLock.get(ticket);
}

/**
 * One action on one ticket inside an open transaction: lock the ticket, check the actor may see it (another unit's
 * ticket is a 404), let `perform` change rounds and clocks, then write the state and the audit row. Issue 12: the
 * lock, the active rounds and the visibility check are one statement; the action's own writes, the state, the audit
 * row and the units to notify are one more.
 */
export async function applyTicketAction(
  tx: Tx,
  ticketId: string,
  actor: TicketActor,
  now: Date,
  perform: Perform,
  afterLock?: AfterLock,
): Promise<AppliedAction> {
  return (await sendTicketAction(tx, ticketId, actor, now, perform, afterLock)).written;
}

/**
 * `applyTicketAction` up to sending its write statement, which it does not wait for: `written` settles when the
 * statement's result is back. The transaction's owner may send COMMIT right behind it (one round trip less); if the
 * write fails, Postgres turns that COMMIT into a ROLLBACK and `written` rejects with the write's error.
 */
async function sendTicketAction(
  tx: Tx,
  ticketId: string,
  actor: TicketActor,
  now: Date,
  perform: Perform,
  afterLock?: AfterLock,
): Promise<{ written: Promise<AppliedAction> }> {
  const departmentActor = isDepartmentActor(actor);
  const locking = lockTicketForAction(tx, ticketId, departmentActor ? actor.departmentId : null);
  afterLock?.(tx);
  const locked = await locking;
  if (!locked) throw notFound('工单不存在或无权查看');
  const { ticket } = locked;
  if (departmentActor && !(actor.departmentId && locked.unitHasRound)) throw notFound('工单不存在或无权查看');
  roundsAtLock.set(ticket, locked.activeRounds);
  const outcome = await perform(tx, ticket, now);
  const round = outcome.patch?.currentRound ?? ticket.currentRound;
  // Issue 12: the state and the audit row are written as SQL text (`RawStatement`), not through drizzle's builders,
  // and the action's writes are joined as text: rendering the nested CTEs through drizzle was the largest
  // JavaScript cost of a state change.
  const statements: SQLWrapper[] = [
    ...(outcome.writes ?? []),
    updateByIdStatement(tickets, ticket.id, { ...outcome.patch, status: outcome.to, updatedAt: now }),
    insertStatement(auditLog, [
      auditRow(actor, {
        action: `ticket.${outcome.action}`,
        entityType: 'ticket',
        entityId: ticket.id,
        fromState: ticket.status,
        toState: outcome.to,
        reason: outcome.reason ?? null,
        detail: outcome.detail ?? null,
      }),
    ]),
  ];
  const params: unknown[] = [];
  const ctes = statements.map((statement, i) => {
    const raw = toRaw(statement);
    const text = shiftPlaceholders(raw.text, params.length);
    params.push(...raw.params);
    return `w${i} as (${text})`;
  });
  let roundUnits = `'[]'::json`;
  if (!outcome.roundDepartmentIds && round !== 0) {
    params.push(ticket.id, round);
    roundUnits = `(select coalesce(json_agg(distinct department_id), '[]'::json) from dispatch_rounds
             where ticket_id = $${params.length - 1}::uuid and round = $${params.length}::integer)`;
  }
  const written = executeRaw<{ ids: string[] }>(
    tx,
    new RawStatement(`with ${ctes.join(', ')} select ${roundUnits} as ids`, params),
  ).then(([row]): AppliedAction => {
    const departmentIds = [
      ...new Set([...(outcome.roundDepartmentIds ?? row?.ids ?? []), ...(outcome.alsoNotify ?? [])]),
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
  });
  // Whoever holds `written` awaits it; until then a failure must not count as an unhandled rejection.
  written.catch(() => undefined);
  return { written };
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
  afterLock?: AfterLock,
): Promise<ActionResponse> {
  const now = deps.clock.now();
  // The write statement and COMMIT leave together (issue 12): the transaction callback returns as soon as the write is
  // sent. A failed write makes Postgres roll the transaction back at that COMMIT; `written` then rejects, so nothing
  // is published and the caller gets the write's error, as when the write was awaited inside the transaction.
  const sent = await transactionWithoutRelations(deps.db, (tx) =>
    sendTicketAction(tx, ticketId, actor, now, perform, afterLock),
  );
  const applied = await sent.written;
  publishTicketChanged(deps.realtime, applied.changed);
  // The outbox rows are committed: a failed enqueue leaves them queued for a retry, never loses them.
  await applied.afterCommit?.().catch(() => undefined);
  return applied.response;
}
