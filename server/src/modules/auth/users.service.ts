import type { AdminUser, AdminUserQuery, CreateUserBody, UpdateUserBody } from '@hotline/shared/contracts/users';
import { checkPasswordPolicy } from '@hotline/shared/domain/password-policy';
import { isDepartmentRole, isHotlineRole, type Role } from '@hotline/shared/domain/roles';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import type { SessionStore } from '../../platform/sessions/session-store.js';
import { hashPassword } from '../../platform/auth/password.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import {
  clearLockout,
  findAdminUser,
  insertUser,
  isUniqueViolation,
  listAdminUsers,
  lockActiveAdmins,
  lockUserRow,
  updateUser,
  usernameTaken,
  type AdminUserRow,
} from './users.repository.js';

export interface UsersServiceDeps {
  db: Db;
  sessions: SessionStore;
  clock: Clock;
}

const USERNAME_TAKEN = '用户名已存在';
const USER_NOT_FOUND = '该用户不存在';

function toAdminUser(row: AdminUserRow): AdminUser {
  return {
    ...row,
    role: row.role as Role,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    passwordChangedAt: row.passwordChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Which unit (承办单位) a role may belong to: department roles need one, the hotline centre's own roles have none,
 * and a knowledge editor (知识库编辑) may optionally be attached to a unit.
 */
async function checkDepartmentForRole(db: DbOrTx, role: Role, departmentId: string | null): Promise<void> {
  if (isDepartmentRole(role) && !departmentId) throw badRequest('承办单位人员必须选择所属单位', 'department_required');
  if (isHotlineRole(role) && departmentId)
    throw badRequest('话务员、班长和管理员属于热线中心，不能选择承办单位', 'department_not_allowed');
  if (departmentId) {
    const department = await findDepartment(db, departmentId);
    if (!department) throw badRequest('所选单位不存在', 'department_not_found');
    if (!department.active) throw badRequest('所选单位已停用', 'department_inactive');
  }
}

export function createUsersService({ db, sessions, clock }: UsersServiceDeps) {
  async function loaded(id: string): Promise<AdminUser> {
    const row = await findAdminUser(db, id);
    if (!row) throw notFound(USER_NOT_FOUND);
    return toAdminUser(row);
  }

  return {
    async list(query: AdminUserQuery) {
      const { items, total } = await listAdminUsers(db, {
        ...query,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
      });
      return { items: items.map(toAdminUser), total };
    },

    async create(actor: AuditActor, body: CreateUserBody): Promise<AdminUser> {
      const username = body.username;
      const departmentId = body.departmentId ?? null;
      const displayName = body.displayName.trim();
      if (!displayName) throw badRequest('姓名不能为空', 'display_name_required');
      const refusal = checkPasswordPolicy(body.initialPassword, username);
      if (refusal) throw badRequest(refusal, 'weak_password');
      await checkDepartmentForRole(db, body.role, departmentId);
      if (await usernameTaken(db, username)) throw conflict(USERNAME_TAKEN, 'username_taken');
      // Hashing is slow (argon2): done before the transaction so no row lock waits on it.
      const passwordHash = await hashPassword(body.initialPassword);
      const now = clock.now();
      try {
        const id = await db.transaction(async (tx) => {
          const { id } = await insertUser(tx, {
            username,
            displayName,
            role: body.role,
            departmentId,
            passwordHash,
            passwordChangedAt: now,
            createdAt: now,
          });
          await recordAudit(tx, actor, {
            action: 'user.create',
            entityType: 'user',
            entityId: id,
            detail: { username, displayName, role: body.role, departmentId },
          });
          return id;
        });
        return await loaded(id);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(USERNAME_TAKEN, 'username_taken');
        throw error;
      }
    },

    /** Role, unit or deactivation changes end the user's sessions: what they may see has changed under them. */
    async update(actor: AuditActor, id: string, body: UpdateUserBody): Promise<AdminUser> {
      const endSessions = await db.transaction(async (tx) => {
        // Admins first, then the row: the same lock order in every transaction that touches both.
        const activeAdmins = await lockActiveAdmins(tx);
        const current = await lockUserRow(tx, id);
        if (!current) throw notFound(USER_NOT_FOUND);
        const role = body.role ?? (current.role as Role);
        // A move to a hotline role drops the unit unless the caller names one (which is then refused).
        const departmentId =
          body.departmentId !== undefined ? body.departmentId : isHotlineRole(role) ? null : current.departmentId;
        const active = body.active ?? current.active;
        const displayName = body.displayName?.trim() ?? current.displayName;
        if (!displayName) throw badRequest('姓名不能为空', 'display_name_required');

        const losesAdmin = current.role === 'admin' && current.active && (role !== 'admin' || !active);
        if (losesAdmin && actor.userId === id)
          throw conflict('不能停用自己的账号或取消自己的管理员角色', 'cannot_demote_self');
        if (losesAdmin && activeAdmins.length <= 1)
          throw conflict('这是最后一个启用的管理员账号，不能停用或降级', 'last_admin');
        if (role !== current.role || departmentId !== current.departmentId)
          await checkDepartmentForRole(tx, role, departmentId);

        const changes: Record<string, { from: unknown; to: unknown }> = {};
        if (displayName !== current.displayName) changes.displayName = { from: current.displayName, to: displayName };
        if (role !== current.role) changes.role = { from: current.role, to: role };
        if (departmentId !== current.departmentId)
          changes.departmentId = { from: current.departmentId, to: departmentId };
        if (active !== current.active) changes.active = { from: current.active, to: active };
        if (Object.keys(changes).length === 0) return false;

        await updateUser(tx, id, { displayName, role, departmentId, active });
        await recordAudit(tx, actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          detail: { username: current.username, changes },
        });
        return Boolean(changes.role || changes.departmentId || (changes.active && !active));
      });
      if (endSessions) await sessions.destroyAllForUser(id);
      return loaded(id);
    },

    /** 管理员重置密码: also clears a lockout, since the usual reason to call is being locked out. */
    async resetPassword(actor: AuditActor, id: string, newPassword: string): Promise<void> {
      const target = await findAdminUser(db, id);
      if (!target) throw notFound(USER_NOT_FOUND);
      const refusal = checkPasswordPolicy(newPassword, target.username);
      if (refusal) throw badRequest(refusal, 'weak_password');
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        if (!(await lockUserRow(tx, id))) throw notFound(USER_NOT_FOUND);
        await updateUser(tx, id, {
          passwordHash,
          passwordChangedAt: clock.now(),
          failedLoginCount: 0,
          lockedUntil: null,
        });
        await recordAudit(tx, actor, {
          action: 'user.password_reset',
          entityType: 'user',
          entityId: id,
          detail: { username: target.username },
        });
      });
      // Whoever knew the old password (or holds a session opened with it) is out.
      await sessions.destroyAllForUser(id);
    },

    async unlock(actor: AuditActor, id: string): Promise<AdminUser> {
      await db.transaction(async (tx) => {
        const current = await lockUserRow(tx, id);
        if (!current) throw notFound(USER_NOT_FOUND);
        await clearLockout(tx, id);
        await recordAudit(tx, actor, {
          action: 'user.unlock',
          entityType: 'user',
          entityId: id,
          detail: {
            username: current.username,
            lockedUntil: current.lockedUntil?.toISOString() ?? null,
            failedLoginCount: current.failedLoginCount,
          },
        });
      });
      return loaded(id);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
