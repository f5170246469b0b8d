import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  DissatisfactionQuery,
  DissatisfactionResponse,
  DrillQuery,
  DrillResponse,
  MetricsQuery,
  MetricsResponse,
  RulingBody,
  RulingResponse,
  TrendQuery,
  TrendResponse,
} from '@hotline/shared/contracts/supervision';
import type { Role } from '@hotline/shared/domain/roles';
import { typed } from '../../platform/http/typed.js';
import type { MetricsService } from './metrics.service.js';
import type { SatisfactionService } from './satisfaction.service.js';
import type { SupervisionActor } from './supervision-scope.js';

/** Who may read figures: the hotline's leads and admins city-wide; a unit's handler and head their own unit only. */
const READERS: readonly Role[] = ['lead', 'admin', 'handler', 'dept_head'];

export function supervisionActor(request: FastifyRequest): SupervisionActor {
  const s = request.session!;
  return { userId: s.userId, role: s.role, departmentId: s.departmentId ?? null, ip: request.ip ?? null };
}

/** 督办与考核: figures, trends and drill-downs from the rollups; the 不满意 queue and rulings on ratings. */
export async function supervisionRoutes(
  app: FastifyInstance,
  { metrics, satisfaction }: { metrics: MetricsService; satisfaction: SatisfactionService },
) {
  const r = typed(app);
  r.get(
    '/api/supervision/metrics',
    {
      config: { roles: READERS },
      schema: {
        tags: ['supervision'],
        summary: '指标（按区间与维度，来自汇总表）',
        querystring: MetricsQuery,
        response: { 200: MetricsResponse, ...errorResponses },
      },
    },
    async (request) => metrics.figures(supervisionActor(request), request.query),
  );
  r.get(
    '/api/supervision/metrics/trend',
    {
      config: { roles: READERS },
      schema: {
        tags: ['supervision'],
        summary: '指标趋势（按日/周/月）',
        querystring: TrendQuery,
        response: { 200: TrendResponse, ...errorResponses },
      },
    },
    async (request) => metrics.trend(supervisionActor(request), request.query),
  );
  r.get(
    '/api/supervision/metrics/drill',
    {
      config: { roles: READERS },
      schema: {
        tags: ['supervision'],
        summary: '指标下钻：构成该数字的工单/通话（条数等于指标），查看留痕',
        querystring: DrillQuery,
        response: { 200: DrillResponse, ...errorResponses },
      },
    },
    async (request) => metrics.drill(supervisionActor(request), request.query),
  );
  r.get(
    '/api/supervision/dissatisfied',
    {
      config: { roles: READERS },
      schema: {
        tags: ['supervision'],
        summary: '不满意工单队列（群众理由、单位答复、回访记录并列）',
        querystring: DissatisfactionQuery,
        response: { 200: DissatisfactionResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await satisfaction.dissatisfiedQueue(supervisionActor(request), request.query) }),
  );
  r.post(
    '/api/supervision/callbacks/:id/ruling',
    {
      config: { roles: ['lead'] },
      schema: {
        tags: ['supervision'],
        summary: '认定回访评价（一事一评）是否为不合理评价',
        params: IdParams,
        body: RulingBody,
        response: { 200: RulingResponse, ...errorResponses },
      },
    },
    async (request) => satisfaction.ruleCallback(supervisionActor(request), request.params.id, request.body),
  );
  r.post(
    '/api/supervision/call-ratings/:id/ruling',
    {
      config: { roles: ['lead'] },
      schema: {
        tags: ['supervision'],
        summary: '认定通话评价（一次一评）是否为不合理评价',
        params: IdParams,
        body: RulingBody,
        response: { 200: RulingResponse, ...errorResponses },
      },
    },
    async (request) => satisfaction.ruleCallRating(supervisionActor(request), request.params.id, request.body),
  );
}
