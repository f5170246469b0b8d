import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Sql } from 'postgres';
import type { Redis } from 'ioredis';
import { pingRedis } from '../redis/redis.js';
import { typed } from './typed.js';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('not_used')]);
const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  postgres: Status,
  redis: Status,
  time: Type.String(),
});

async function pingPostgres(sql: Sql, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('postgres ping timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** For load balancers and orchestration: 200 when Postgres and Redis answer, 503 when either does not. */
export async function healthRoutes(app: FastifyInstance, deps: { sql: Sql; redis: Redis | null }) {
  typed(app).get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['platform'], summary: '健康检查', response: { 200: HealthResponse, 503: HealthResponse } },
    },
    async (_request, reply) => {
      const [pg, redis] = await Promise.all([
        pingPostgres(deps.sql),
        deps.redis ? pingRedis(deps.redis) : Promise.resolve(null),
      ]);
      const body = {
        status: pg && redis !== false ? ('ok' as const) : ('unavailable' as const),
        postgres: pg ? ('up' as const) : ('down' as const),
        redis: redis === null ? ('not_used' as const) : redis ? ('up' as const) : ('down' as const),
        time: new Date().toISOString(),
      };
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
}
