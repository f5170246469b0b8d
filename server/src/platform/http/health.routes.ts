import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { DependencyMonitor } from './dependency-guard.js';
import { typed } from './typed.js';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('not_used')]);
const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  postgres: Status,
  redis: Status,
  time: Type.String(),
});

/**
 * Readiness for load balancers and orchestration: 200 when Postgres and Redis answer, 503 when either does not.
 * It probes afresh (within ~300 ms) through the same monitor that makes every other route answer 503 during an outage.
 */
export async function healthRoutes(app: FastifyInstance, deps: { dependencies: DependencyMonitor }) {
  typed(app).get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['platform'], summary: '健康检查', response: { 200: HealthResponse, 503: HealthResponse } },
    },
    async (_request, reply) => {
      const state = await deps.dependencies.probe();
      const body = {
        status: state.postgres === 'up' && state.redis !== 'down' ? ('ok' as const) : ('unavailable' as const),
        postgres: state.postgres,
        redis: state.redis,
        time: new Date().toISOString(),
      };
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
}
