import type { FastifyInstance } from 'fastify';
import { Department, DepartmentList, DepartmentMemberList } from '@hotline/shared/contracts/departments';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import { isDepartmentRole, ROLES } from '@hotline/shared/domain/roles';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';
import { notFound } from '../../platform/http/errors.js';
import { findDepartment, listDepartmentMembers, listDepartments } from './departments.repository.js';

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
