import type { FastifyRequest } from 'fastify';
import type { Role } from '@hotline/shared/domain/roles';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import type { AuditActor } from '../audit/audit.service.js';
import { notFound, unauthorized } from '../../platform/http/errors.js';

/** Who works on the knowledge base: the audit identity, the role and (for department users) the unit. */
export interface KbActor extends AuditActor {
  userId: string;
  role: Role;
  departmentId: string | null;
}

export function kbActorFromRequest(request: FastifyRequest): KbActor {
  const session = request.session;
  if (!session) throw unauthorized();
  return { userId: session.userId, role: session.role, departmentId: session.departmentId ?? null, ip: request.ip };
}

/** 知识库采编 reviews and publishes every matter. */
export const isKbEditor = (actor: KbActor) => actor.role === 'kb_editor';

/** Department users see and edit only their own unit's matters; the others get a 404, not a 403. */
export function assertMayViewMatter(actor: KbActor, matter: { departmentId: string }): void {
  if (isDepartmentRole(actor.role) && actor.departmentId !== matter.departmentId) {
    throw notFound('事项不存在或无权查看');
  }
}

/** The owning department's handlers and heads, and editors, may edit a matter. */
export function mayEditMatter(actor: KbActor, matter: { departmentId: string }): boolean {
  if (isKbEditor(actor)) return true;
  return isDepartmentRole(actor.role) && actor.departmentId === matter.departmentId;
}
