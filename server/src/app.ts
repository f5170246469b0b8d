import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from './lib/clock.js';
import type { Config } from './config/index.js';
import { connectDatabase, type Database } from './platform/db/client.js';
import { connectRedis } from './platform/redis/redis.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { registerConsole } from './platform/http/console.js';
import { loggerOptions } from './platform/observability/logger.js';
import { authPlugin } from './platform/auth/auth.plugin.js';
import { createRedisSessionStore } from './platform/sessions/redis-session-store.js';
import type { SessionStore } from './platform/sessions/session-store.js';
import { attachRealtime, type Realtime } from './platform/realtime/realtime.js';
import { createQueues, type Queues } from './platform/queue/queues.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { departmentMemberRoutes, departmentRoutes } from './modules/departments/departments.routes.js';

/** Everything the domain modules may be given. Built once per process; tests build their own. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  database: Database;
  redis: Redis;
  sessions: SessionStore;
  queues: Queues;
  realtime: Realtime;
}

export interface BuildAppOptions {
  config: Config;
  clock?: Clock;
}

/**
 * Builds Fastify: platform plugins first, then the domain modules, listed explicitly so the
 * shape of the system can be read here.
 */
export async function buildApp({
  config,
  clock = systemClock,
}: BuildAppOptions): Promise<{ app: FastifyInstance; deps: AppDeps }> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: 1_048_576,
    trustProxy: config.env === 'production',
    // Every input string is length-limited in its schema; unknown fields are dropped, not stored.
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
  });

  const database = connectDatabase(config.databaseUrl);
  const redis = connectRedis(config.redisUrl);
  const sessions = createRedisSessionStore(redis, config.redisPrefix);
  const queues = createQueues({ redisUrl: config.redisUrl, prefix: config.redisPrefix });

  installErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: `${config.redisPrefix}:ratelimit:`,
    skipOnError: true,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
    }),
  });
  await registerOpenApi(app);
  await app.register(authPlugin, { config, sessions, clock });

  const realtime = attachRealtime(app, {
    config,
    sessions,
    clock,
    adapterRedis: config.realtimeAdapter === 'redis' ? redis : null,
  });
  const deps: AppDeps = { config, clock, database, redis, sessions, queues, realtime };
  const { db } = database;

  // Platform routes
  await app.register(healthRoutes, { sql: database.sql, redis });
  // Domain modules
  await app.register(authRoutes, { auth: createAuthService({ db, sessions, clock, config }), config, realtime });
  await app.register(departmentRoutes, { db });
  await app.register(departmentMemberRoutes, { db });
  await app.register(auditRoutes, { db });

  await registerConsole(app, config.consoleDist);

  app.addHook('onClose', async () => {
    await queues.close();
    await Promise.allSettled([database.close(), redis.quit()]);
  });

  return { app, deps };
}
