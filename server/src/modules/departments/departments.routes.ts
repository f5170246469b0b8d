import type { FastifyInstance } from 'fastify';
import {
  AdminDepartment,
  AdminDepartmentList,
  CreateDepartmentBody,
  Department,
  DepartmentList,
  DepartmentMemberList,
  UpdateDepartmentBody,
} from '@hotline/shared/contracts/departments';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import { isDepartmentRole, ROLES } from '@hotline/shared/domain/roles';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';
import { notFound } from '../../platform/http/errors.js';
import { actorFromRequest } from '../audit/audit.service.js';
import { findDepartment, listDepartmentMembers, listDepartments } from './departments.repository.js';
import type { DepartmentsService } from './departments.service.js';

/** The units (承办单位) tickets are dispatched to. Every signed-in role may list them: names are public. */
export async function departmentRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = typed(app);
  r.get(
    '/api/departments',
    {
      config: { roles: ROLES },
      schema: { tags: ['departments'], summary: '承办单位列表', response: { 200: DepartmentList, ...errorResponses } },
    },
    async () => ({ items: await listDepartments(db) }),
  );

  r.get(
    '/api/departments/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['departments'],
        summary: '承办单位详情',
        params: IdParams,
        response: { 200: Department, ...errorResponses },
      },
    },
    async (request) => {
      const department = await findDepartment(db, request.params.id);
      if (!department) throw notFound('该单位不存在');
      return department;
    },
  );
}

/**
 * 单位人员: who in a unit receives its tickets. Department users see only their own unit; asking for another
 * unit's people is a 404, so the answer does not even confirm which units exist behind the id.
 */
export async function departmentMemberRoutes(app: FastifyInstance, { db }: { db: Db }) {
  typed(app).get(
    '/api/departments/:id/members',
    {
      config: { roles: ['lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags: ['departments'],
        summary: '单位人员',
        params: IdParams,
        response: { 200: DepartmentMemberList, ...errorResponses },
      },
    },
    async (request) => {
      const session = request.session!;
      if (isDepartmentRole(session.role) && session.departmentId !== request.params.id) throw notFound('该单位不存在');
      const department = await findDepartment(db, request.params.id);
      if (!department) throw notFound('该单位不存在');
      return { items: await listDepartmentMembers(db, department.id) };
    },
  );
}

/** 承办单位管理: administrators change units; the hotline's leads read them with the leader's contact. */
export async function departmentAdminRoutes(
  app: FastifyInstance,
  { departments }: { departments: DepartmentsService },
) {
  const r = typed(app);
  r.get(
    '/api/admin/departments',
    {
      config: { roles: ['admin', 'lead'] },
      schema: {
        tags: ['departments'],
        summary: '承办单位管理：单位列表（含负责人、在办工单与人员数）',
        response: { 200: AdminDepartmentList, ...errorResponses },
      },
    },
    async () => departments.list(),
  );

  r.post(
    '/api/admin/departments',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['departments'],
        summary: '新建承办单位',
        body: CreateDepartmentBody,
        response: { 201: AdminDepartment, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await departments.create(actorFromRequest(request), request.body)),
  );

  r.put(
    '/api/admin/departments/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['departments'],
        summary: '修改承办单位（名称、类别、上级、联络电话、负责人、启用状态）',
        params: IdParams,
        body: UpdateDepartmentBody,
        response: { 200: AdminDepartment, ...errorResponses },
      },
    },
    async (request) => departments.update(actorFromRequest(request), request.params.id, request.body),
  );
}
