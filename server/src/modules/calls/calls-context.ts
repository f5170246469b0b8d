import { DEFAULT_ROUTING_POLICY, type RoutingPolicy } from '@hotline/shared/domain/routing-policy';
import type { AgentState, BreakReason } from '@hotline/shared/domain/agent-states';
import type { ServerToClientEvents } from '@hotline/shared/realtime/events';
import { rooms } from '@hotline/shared/realtime/rooms';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor, type AuditEntry } from '../audit/audit.service.js';
import type { AcdStore, AgentPresence } from './acd-store.js';
import { insertAgentStateLog } from './calls.repository.js';

/** Where routing events go: the agent's user room and the wallboard. Realtime in the app, a recorder in tests. */
export interface CallNotifier {
  toAgent<E extends keyof ServerToClientEvents>(
    agentId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** Something the wallboard shows changed; the wallboard coalesces these into one snapshot. */
  wallboardChanged(): void;
}

/** What every part of the calls module is given. The policy is shared, so a saved change applies everywhere. */
export interface CallsContext {
  db: Db;
  store: AcdStore;
  clock: Clock;
  notifier: CallNotifier;
  policy: RoutingPolicy;
  /** Failures of background work (matching passes, timers) that no request is waiting for. */
  onError: (error: unknown, what: string) => void;
}

export function realtimeNotifier(
  emitTo: (room: string, event: keyof ServerToClientEvents, payload: unknown) => void,
  onWallboardChange: () => void,
): CallNotifier {
  return {
    toAgent(agentId, event, ...args) {
      emitTo(rooms.user(agentId), event, args[0]);
    },
    wallboardChanged: onWallboardChange,
  };
}

export const defaultPolicy = (): RoutingPolicy => structuredClone({ ...DEFAULT_ROUTING_POLICY }) as RoutingPolicy;

export function presenceView(p: Pick<AgentPresence, 'agentId' | 'state' | 'reason' | 'sinceMs' | 'contactId'>) {
  return {
    agentId: p.agentId,
    state: p.state,
    reason: p.reason,
    since: new Date(p.sinceMs).toISOString(),
    contactId: p.contactId,
  };
}

/** The audit entry of a contact's move between states (queued → offered → connected → ended, or abandoned). */
export function contactMoveEntry(
  contactId: string,
  move: { from: string; to: string; reason: string | null },
): AuditEntry {
  return {
    action: `contact.${move.to}`,
    entityType: 'contact',
    entityId: contactId,
    fromState: move.from,
    toState: move.to,
    reason: move.reason,
  };
}

/** The audit row of a contact's move between states (queued → offered → connected → ended, or abandoned). */
export async function recordContactMove(
  tx: DbOrTx,
  actor: AuditActor,
  contactId: string,
  move: { from: string; to: string; reason: string | null },
): Promise<void> {
  await recordAudit(tx, actor, contactMoveEntry(contactId, move));
}

export interface AgentStateChange {
  agentId: string;
  from: AgentState;
  state: AgentState;
  reason: BreakReason | null;
  contactId: string | null;
  at: Date;
}

/** The audit entry of an agent state change (its agent_state_log row is written beside it). */
export function agentStateEntry(change: AgentStateChange): AuditEntry {
  return {
    action: 'agent.state',
    entityType: 'agent',
    entityId: change.agentId,
    fromState: change.from,
    toState: change.state,
    reason: change.reason,
    detail: change.contactId ? { contactId: change.contactId } : null,
  };
}

/** Tells the agent's console and the wallboard of a recorded agent state change. */
export function announceAgentState(ctx: CallsContext, change: AgentStateChange): void {
  ctx.notifier.toAgent(change.agentId, 'agent:state', presenceView({ ...change, sinceMs: change.at.getTime() }));
  ctx.notifier.wallboardChanged();
}

/**
 * Records an agent state change in Postgres (agent_state_log and the audit trail, one transaction) and tells the
 * agent's console. The store has already made the change; this is its durable record.
 */
export async function recordAgentState(
  ctx: CallsContext,
  change: AgentStateChange,
  actor: AuditActor = SYSTEM_ACTOR,
  tx?: DbOrTx,
): Promise<void> {
  const write = async (db: DbOrTx) => {
    await insertAgentStateLog(db, {
      agentId: change.agentId,
      state: change.state,
      reason: change.reason,
      contactId: change.contactId,
      at: change.at,
    });
    await recordAudit(db, actor, agentStateEntry(change));
  };
  if (tx) await write(tx);
  else await ctx.db.transaction(write);
  announceAgentState(ctx, change);
}
