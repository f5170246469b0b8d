import type {
  AdminDepartment,
  CreateDepartmentBody,
  UpdateDepartmentBody,
} from '@hotline/shared/contracts/departments';
import { maskPhone } from '@hotline/shared/domain/phone';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { isUniqueViolation } from '../auth/users.repository.js';
import {
  ancestorIds,
  departmentHoldings,
  findDepartment,
  insertDepartment,
  listAdminDepartments,
  lockDepartment,
  updateDepartment,
  type DepartmentInsert,
} from './departments.repository.js';

const NOT_FOUND = '该单位不存在';
const CODE_TAKEN = '单位编码已存在';

/** Phones are personal data in the audit trail too: the record says that a number changed, masked. */
const AUDIT_MASKED = new Set(['liaisonPhone', 'leaderPhone']);
const auditValue = (field: string, value: unknown) =>
  AUDIT_MASKED.has(field) && typeof value === 'string' ? maskPhone(value) : value;

const trimmedOrNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * 承办单位管理 (administrators): creating units and editing their name, kind, place in the tree, liaison line
 * (联络电话) and leader (单位负责人 — copied by SMS on every 催办/通报). Every change is audited with what changed.
 * A unit is deactivated only once it holds no ticket and has no active staff, so nothing dispatched is stranded.
 */
export function createDepartmentsService({ db }: { db: Db }) {
  async function loaded(id: string): Promise<AdminDepartment> {
    const [found] = await listAdminDepartments(db, id);
    if (!found) throw notFound(NOT_FOUND);
    return { ...found, createdAt: found.createdAt.toISOString() };
  }

  async function checkParent(tx: DbOrTx, id: string | null, parentId: string | null) {
    if (!parentId) return;
    if (parentId === id) throw badRequest('上级单位不能是本单位', 'parent_is_self');
    const parent = await findDepartment(tx, parentId);
    if (!parent) throw badRequest('所选上级单位不存在', 'parent_not_found');
    if (!parent.active) throw badRequest('所选上级单位已停用', 'parent_inactive');
    if (id && (await ancestorIds(tx, parentId)).includes(id))
      throw badRequest('不能把单位挂到它自己的下级单位之下', 'parent_cycle');
  }

  return {
    async list() {
      const rows = await listAdminDepartments(db);
      return { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
    },

    async create(actor: AuditActor, body: CreateDepartmentBody): Promise<AdminDepartment> {
      const values: DepartmentInsert = {
        code: body.code,
        name: body.name.trim(),
        kind: body.kind,
        parentId: body.parentId ?? null,
        liaisonPhone: trimmedOrNull(body.liaisonPhone),
        leaderName: trimmedOrNull(body.leaderName),
        leaderPhone: trimmedOrNull(body.leaderPhone),
      };
      if (!values.name) throw badRequest('单位名称不能为空', 'name_required');
      if (values.leaderPhone && !values.leaderName)
        throw badRequest('填写负责人电话时请同时填写负责人姓名', 'leader_name_required');
      try {
        const id = await db.transaction(async (tx) => {
          await checkParent(tx, null, values.parentId ?? null);
          const id = await insertDepartment(tx, values);
          await recordAudit(tx, actor, {
            action: 'department.create',
            entityType: 'department',
            entityId: id,
            detail: Object.fromEntries(
              Object.entries(values).map(([field, value]) => [field, auditValue(field, value)]),
            ),
          });
          return id;
        });
        return await loaded(id);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(CODE_TAKEN, 'code_taken');
        throw error;
      }
    },

    async update(actor: AuditActor, id: string, body: UpdateDepartmentBody): Promise<AdminDepartment> {
      await db.transaction(async (tx) => {
        const current = await lockDepartment(tx, id);
        if (!current) throw notFound(NOT_FOUND);
        const next = {
          name: body.name !== undefined ? body.name.trim() : current.name,
          kind: body.kind ?? current.kind,
          parentId: body.parentId !== undefined ? body.parentId : current.parentId,
          liaisonPhone: body.liaisonPhone !== undefined ? trimmedOrNull(body.liaisonPhone) : current.liaisonPhone,
          leaderName: body.leaderName !== undefined ? trimmedOrNull(body.leaderName) : current.leaderName,
          leaderPhone: body.leaderPhone !== undefined ? trimmedOrNull(body.leaderPhone) : current.leaderPhone,
          active: body.active ?? current.active,
        };
        if (!next.name) throw badRequest('单位名称不能为空', 'name_required');
        if (next.leaderPhone && !next.leaderName)
          throw badRequest('填写负责人电话时请同时填写负责人姓名', 'leader_name_required');
        if (next.parentId !== current.parentId) await checkParent(tx, id, next.parentId);
        if (current.active && !next.active) {
          const { members, tickets } = await departmentHoldings(tx, id);
          if (tickets > 0)
            throw conflict(`该单位仍有 ${tickets} 件在办工单，办结或改派后才能停用`, 'department_has_tickets');
          if (members > 0)
            throw conflict(`该单位仍有 ${members} 个启用的账号，请先调整或停用这些账号`, 'department_has_members');
        }
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [field, value] of Object.entries(next)) {
          const before = current[field as keyof typeof next];
          if (before !== value) changes[field] = { from: auditValue(field, before), to: auditValue(field, value) };
        }
        if (Object.keys(changes).length === 0) return;
        await updateDepartment(tx, id, next);
        await recordAudit(tx, actor, {
          action: 'department.update',
          entityType: 'department',
          entityId: id,
          detail: { code: current.code, changes },
        });
      });
      return loaded(id);
    },
  };
}
export type DepartmentsService = ReturnType<typeof createDepartmentsService>;
