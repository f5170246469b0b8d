import { and, eq, inArray, type SQLWrapper } from 'drizzle-orm';
import { TICKET_ACTION_LABELS, type TicketAction } from '@hotline/shared/domain/ticket-types';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { conflict } from '../../platform/http/errors.js';
import type { WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import type { ClockService } from '../clocks/clocks.contract.js';
import type { ClockServiceApi } from '../clocks/clocks.service.js';
import type { Queues } from '../../platform/queue/queues.js';
import { loadWorkflowPolicy } from './workflow-policy.service.js';
import { activeRoundsAtLock, type TicketActionDeps } from '../tickets/ticket-action.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import type { TicketRow } from '../tickets/tickets.table.js';
import { dispatchRounds } from './dispatch.table.js';
import { activeRounds, updateRound, type RoundRow } from './dispatch.repository.js';

/** Numbers of the dispatch rules that are policy, not law: configuration with DOMAIN's defaults. */
export interface DispatchRules {
  /** Failed dispatch rounds after which the hotline designates the unit (指定承办; Tianjin: 3). */
  maxFailedDispatches: number;
  /** Unreachable callbacks after which the ticket is closed as unreachable. */
  maxCallbackAttempts: number;
  /** Cap on the total extension of a ticket across all its rounds, in working days. */
  maxExtensionWorkingDays: number;
}

export const DEFAULT_DISPATCH_RULES: DispatchRules = {
  maxFailedDispatches: 3,
  maxCallbackAttempts: 3,
  maxExtensionWorkingDays: 20,
};

export interface DispatchDeps extends TicketActionDeps {
  /** The clocks service: the clocks contract plus the working calendar and the policy's extension cap. */
  clocks: ClockService & Pick<ClockServiceApi, 'maxExtensionDays' | 'workingCalendar'>;
  /** Fixed overrides (tests, the seed); otherwise the admin-edited workflow policy decides. */
  rules?: Partial<DispatchRules>;
  /** The notifications queue for SMS to citizens and units (null: the SMS stays queued in the outbox). */
  queues?: Queues | null;
  /** `sms_outbox.provider` of the messages queued (the configured SMS provider). */
  smsProviderName?: string;
}

export interface PolicyInForce extends DispatchRules {
  policy: WorkflowPolicy;
}

/** The workflow policy in force, read in the action's transaction, with the deps' fixed overrides on top. */
export async function rulesInForce(tx: DbOrTx, deps: DispatchDeps): Promise<PolicyInForce> {
  return rulesOf(await loadWorkflowPolicy(tx), deps);
}

/** The rules of a policy already read (e.g. with other facts in one statement), with the deps' overrides on top. */
export function rulesOf(policy: WorkflowPolicy, deps: DispatchDeps): PolicyInForce {
  return {
    policy,
    maxFailedDispatches: policy.dispatch.maxFailedDispatches,
    maxCallbackAttempts: policy.callback.maxUnreachableAttempts,
    maxExtensionWorkingDays: policy.extension.maxTotalWorkingDays,
    ...deps.rules,
  };
}

/**
 * The actor's own active round on the ticket. Department users act only through their unit's round; a unit whose
 * round ended (its return was approved) still sees the ticket but can no longer act on it.
 */
export async function requireOwnRound(
  tx: Tx,
  ticket: TicketRow,
  actor: TicketActor,
  action: TicketAction,
  options: { leadOnly: boolean },
): Promise<RoundRow> {
  const verb = TICKET_ACTION_LABELS[action];
  if (!actor.departmentId) throw conflict(`只有承办单位可以${verb}`, 'not_a_unit');
  const atLock = activeRoundsAtLock(ticket);
  const [round] = atLock
    ? atLock.filter((r) => r.departmentId === actor.departmentId)
    : await tx
        .select()
        .from(dispatchRounds)
        .where(
          and(
            eq(dispatchRounds.ticketId, ticket.id),
            eq(dispatchRounds.departmentId, actor.departmentId),
            eq(dispatchRounds.active, true),
          ),
        )
        .limit(1);
  if (!round) throw conflict(`该工单当前不由本单位承办，不能${verb}`, 'not_current_unit');
  if (options.leadOnly && round.role !== 'lead') {
    throw conflict(`协办单位不能${verb}，请由主办单位办理`, 'co_unit');
  }
  return round;
}

/**
 * Ends every active round of the ticket and stops its clocks. Pass `rounds` when you already read the active rounds
 * in this transaction (the ticket row is locked, so they cannot have changed).
 */
export async function endActiveRounds(
  tx: Tx,
  clocks: ClockService,
  ticketId: string,
  now: Date,
  rounds?: RoundRow[],
): Promise<void> {
  for (const round of rounds ?? (await activeRounds(tx, ticketId))) {
    await updateRound(tx, round.id, { active: false });
    await clocks.stop(tx, ticketId, now, { roundId: round.id });
  }
}

/**
 * The ticket's active rounds (lead first): as read with the ticket's lock when the action runner read them, otherwise
 * from the table. Read them before handing over writes that change rounds.
 */
export async function roundsOf(tx: Tx, ticket: TicketRow): Promise<RoundRow[]> {
  return activeRoundsAtLock(ticket) ?? activeRounds(tx, ticket.id);
}

/** `endActiveRounds` as statements for the action's one write statement (`ActionOutcome.writes`). */
export function endActiveRoundsStatements(
  tx: Tx,
  clocks: ClockService,
  ticketId: string,
  now: Date,
  rounds: RoundRow[],
): SQLWrapper[] {
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const statements: SQLWrapper[] = [
    tx.update(dispatchRounds).set({ active: false }).where(inArray(dispatchRounds.id, ids)),
  ];
  const stop = clocks.stopStatement(tx, ticketId, now, { roundIds: ids });
  if (stop) statements.push(stop);
  return statements;
}
