import type { FastifyInstance } from 'fastify';
import { ClockPolicy } from '@hotline/shared/contracts/clock-policy';
import { errorResponses } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { ClockPolicyService } from './clock-policy.service.js';

/** 时限规则: type × urgency × category → durations, and the warning/chase/notice ladder. */
export async function clockPolicyRoutes(app: FastifyInstance, { policy }: { policy: ClockPolicyService }) {
  const r = typed(app);
  r.get(
    '/api/admin/clock-policy',
    {
      config: { roles: ['admin', 'lead'] },
      schema: { tags: ['clocks'], summary: '时限规则', response: { 200: ClockPolicy, ...errorResponses } },
    },
    async () => policy.get(),
  );

  r.put(
    '/api/admin/clock-policy',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['clocks'],
        summary: '保存时限规则（整表替换；新规则只影响此后开始的时限）',
        body: ClockPolicy,
        response: { 200: ClockPolicy, ...errorResponses },
      },
    },
    async (request) => policy.replace(actorFromRequest(request), request.body),
  );
}
