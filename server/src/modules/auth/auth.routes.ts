import type { FastifyInstance } from 'fastify';
import { ChangePasswordBody, LoginBody, MeResponse, SessionResponse } from '@hotline/shared/contracts/auth';
import { errorResponses, OkResponse } from '@hotline/shared/contracts/common';
import { ROLES } from '@hotline/shared/domain/roles';
import type { Config } from '../../config/index.js';
import { typed } from '../../platform/http/typed.js';
import { SESSION_COOKIE } from '../../platform/auth/request-context.js';
import { unauthorized } from '../../platform/http/errors.js';
import { toCurrentUser, type AuthService } from './auth.service.js';
import type { Realtime } from '../../platform/realtime/realtime.js';

export async function authRoutes(
  app: FastifyInstance,
  { auth, config, realtime }: { auth: AuthService; config: Config; realtime: Realtime | null },
) {
  const r = typed(app);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.cookieSecure,
  };

  r.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginBody,
        response: { 200: MeResponse, 423: errorResponses[409], ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, user } = await auth.signIn(request.body.username, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { user, idleTimeoutSeconds: config.sessionIdleMinutes * 60 };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { roles: ROLES },
      schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkResponse, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.session && request.sessionToken)
        await auth.signOut(request.sessionToken, request.session, request.ip);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      realtime?.disconnectUserSession(request.sessionToken ?? '');
      return { ok: true };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { roles: ROLES },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeResponse, ...errorResponses } },
    },
    async (request) => {
      if (!request.session) throw unauthorized();
      return { user: toCurrentUser(request.session), idleTimeoutSeconds: config.sessionIdleMinutes * 60 };
    },
  );

  r.get(
    '/api/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '当前会话（未登录时 user 为空；供控制台启动和公开页面使用，不返回 401）',
        security: [],
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) =>
      request.session
        ? { user: toCurrentUser(request.session), idleTimeoutSeconds: config.sessionIdleMinutes * 60 }
        : { user: null, idleTimeoutSeconds: null },
  );

  r.post(
    '/api/auth/password',
    {
      config: { roles: ROLES, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: ChangePasswordBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.session) throw unauthorized();
      await auth.changePassword(request.session, request.body.currentPassword, request.body.newPassword, request.ip);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );
}
