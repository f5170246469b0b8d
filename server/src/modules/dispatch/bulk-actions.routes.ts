import type { FastifyInstance } from 'fastify';
import { BulkActionBody, BulkActionResult } from '@hotline/shared/contracts/tickets';
import { errorResponses } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { ticketActorFromRequest } from '../tickets/ticket-actor.js';
import type { BulkActions } from './bulk-actions.service.js';

/** POST /api/tickets/bulk: one decision on several tickets of a queue, each through its own action and audit row. */
export async function bulkActionRoutes(app: FastifyInstance, { bulk }: { bulk: BulkActions }) {
  typed(app).post(
    '/api/tickets/bulk',
    {
      config: { roles: ['agent', 'lead', 'dept_head'] },
      schema: {
        tags: ['dispatch'],
        summary: '批量操作（批量派单、批量审核退单/延期/反馈）：逐单办理并记入审计，逐单报告结果',
        body: BulkActionBody,
        response: { 200: BulkActionResult, ...errorResponses },
      },
    },
    async (request) =>
      bulk.run(ticketActorFromRequest(request), request.body, (error) =>
        request.log.error({ err: error }, 'bulk ticket action failed on one ticket'),
      ),
  );
}
