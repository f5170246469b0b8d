import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../platform/db/client.js';
import { auditLog } from './audit.table.js';

/** Who did it and from where. `system` is the worker (timers, scheduled jobs). */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, role: 'system', ip: null };

export function actorFromRequest(request: FastifyRequest): AuditActor {
  return { userId: request.session?.userId ?? null, role: request.session?.role ?? null, ip: request.ip ?? null };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

/**
 * The one door to the audit trail. Call it inside the same transaction as the change it records,
 * so a change and its audit row commit or fail together.
 */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(actor, entry));
}

/**
 * The audit row `recordAudit` writes, for a caller that folds the insert into a statement of its own (a ticket state
 * change writes it in the same statement as the state — issue 12); still inside the change's transaction.
 */
export function auditRow(actor: AuditActor, entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    actorId: actor.userId,
    actorRole: actor.role,
    ip: actor.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  };
}
