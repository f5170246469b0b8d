import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams, OkResponse } from '@hotline/shared/contracts/common';
import {
  AdminUser,
  AdminUserList,
  AdminUserQuery,
  CreateUserBody,
  ResetPasswordBody,
  UpdateUserBody,
} from '@hotline/shared/contracts/users';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { UsersService } from './users.service.js';

const ADMIN_ONLY = { roles: ['admin' as const] };

/** 用户管理: staff accounts, administrators only. */
export async function usersAdminRoutes(app: FastifyInstance, { users }: { users: UsersService }) {
  const r = typed(app);

  r.get(
    '/api/admin/users',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: AdminUserQuery,
        response: { 200: AdminUserList, ...errorResponses },
      },
    },
    async (request) => users.list(request.query),
  );

  r.post(
    '/api/admin/users',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['users'],
        summary: '新建用户',
        body: CreateUserBody,
        response: { 201: AdminUser, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await users.create(actorFromRequest(request), request.body);
      return reply.code(201).send(created);
    },
  );

  r.put(
    '/api/admin/users/:id',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['users'],
        summary: '修改用户（姓名、角色、所属单位、启用状态）',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: AdminUser, ...errorResponses },
      },
    },
    async (request) => users.update(actorFromRequest(request), request.params.id, request.body),
  );

  r.post(
    '/api/admin/users/:id/password',
    {
      config: { ...ADMIN_ONLY, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['users'],
        summary: '重置用户密码',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await users.resetPassword(actorFromRequest(request), request.params.id, request.body.newPassword);
      return { ok: true };
    },
  );

  r.post(
    '/api/admin/users/:id/unlock',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['users'],
        summary: '解除登录锁定',
        params: IdParams,
        response: { 200: AdminUser, ...errorResponses },
      },
    },
    async (request) => users.unlock(actorFromRequest(request), request.params.id),
  );
}
