import type { FastifyInstance } from 'fastify';
import { errorResponses } from '@hotline/shared/contracts/common';
import { WorkflowPolicy } from '@hotline/shared/contracts/workflow-policy';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { WorkflowPolicyService } from './workflow-policy.service.js';

/** 工单流程规则: read by leads and admins, replaced by an admin (audited with before/after). */
export async function workflowPolicyRoutes(app: FastifyInstance, { policy }: { policy: WorkflowPolicyService }) {
  const r = typed(app);
  r.get(
    '/api/admin/workflow-policy',
    {
      config: { roles: ['admin', 'lead'] },
      schema: { tags: ['dispatch'], summary: '工单流程规则', response: { 200: WorkflowPolicy, ...errorResponses } },
    },
    async () => policy.get(),
  );
  r.put(
    '/api/admin/workflow-policy',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['dispatch'],
        summary: '保存工单流程规则（延期上限、回访未接通次数、派单兜底、督办阈值等）',
        body: WorkflowPolicy,
        response: { 200: WorkflowPolicy, ...errorResponses },
      },
    },
    async (request) => policy.replace(actorFromRequest(request), request.body),
  );
}
