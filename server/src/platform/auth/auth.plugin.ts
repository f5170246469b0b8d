import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../config/index.js';
import type { SessionStore } from '../sessions/session-store.js';
import { forbidden, unauthorized } from '../http/errors.js';
import { isCrossSiteWrite } from './csrf.js';
import { SESSION_COOKIE } from './request-context.js';
import './request-context.js';

interface AuthPluginOptions {
  config: Config;
  sessions: SessionStore;
  clock: Clock;
}

/**
 * Touch the session at most once a second: the idle timeout runs from the last request to the second (issue 10.8 —
 * a once-a-minute touch let it end up to a minute early), while a burst of requests still costs one write.
 */
const TOUCH_INTERVAL_MS = 1_000;

/**
 * Sign-in state and the permission check on every route. A route under /api that declares neither
 * `config.public` nor `config.roles` fails at start-up, so no route can be left unguarded by accident.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: AuthPluginOptions) => {
  const { config, sessions, clock } = options;
  const idleMs = config.sessionIdleMinutes * 60_000;
  const ttlSeconds = sessionTtlSeconds(config);

  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const routeConfig = (route.config ?? {}) as { public?: boolean; roles?: readonly string[] };
    if (routeConfig.public !== true && !Array.isArray(routeConfig.roles)) {
      throw new Error(`Route ${route.method} ${route.url} declares neither config.public nor config.roles`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await sessions.get(token);
      const now = clock.now().getTime();
      if (session && now - session.lastSeenAt <= idleMs) {
        if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
          session.lastSeenAt = now;
          await sessions.save(token, session, ttlSeconds);
        }
        request.session = session;
        request.sessionToken = token;
      } else if (session) {
        await sessions.destroy(token);
      }
    }

    const routeConfig = request.routeOptions.config;
    if (token && isCrossSiteWrite(request, config.allowedOrigins)) {
      throw forbidden('请求来源校验失败，请从坐席控制台操作', 'csrf_rejected');
    }
    if (routeConfig.public === true || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (!request.session)
      throw unauthorized(token ? '登录已超时，请重新登录' : '请先登录', token ? 'session_expired' : 'unauthorized');
    const roles = routeConfig.roles;
    if (roles && !roles.includes(request.session.role)) throw forbidden();
  });
});

/** A session outlives its idle timeout by a minute, so the idle check (not the store's expiry) decides. */
export const sessionTtlSeconds = (config: Pick<Config, 'sessionIdleMinutes'>) => config.sessionIdleMinutes * 60 + 60;
