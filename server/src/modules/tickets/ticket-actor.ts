import type { FastifyRequest } from 'fastify';
import type { Role } from '@hotline/shared/domain/roles';
import type { AuditActor } from '../audit/audit.service.js';

/** Who acts on a ticket: the audit identity plus the role and unit that scope what they may see and do. */
export interface TicketActor extends AuditActor {
  role: Role | 'system' | 'public';
  departmentId: string | null;
}

export function ticketActorFromRequest(request: FastifyRequest): TicketActor {
  const session = request.session;
  return {
    userId: session?.userId ?? null,
    role: session?.role ?? 'public',
    departmentId: session?.departmentId ?? null,
    ip: request.ip ?? null,
  };
}

/** The clocks domain auto-signs unsigned tickets by policy; it acts as the system. */
export const SYSTEM_TICKET_ACTOR: TicketActor = { userId: null, role: 'system', departmentId: null, ip: null };

export function isDepartmentActor(actor: TicketActor): boolean {
  return actor.role === 'handler' || actor.role === 'dept_head';
}
