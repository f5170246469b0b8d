import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  CorrectionList,
  CorrectionListQuery,
  CorrectionRequestBody,
  CorrectionView,
  ResolveCorrectionBody,
} from '@hotline/shared/contracts/knowledge';
import { typed } from '../../platform/http/typed.js';
import type { CorrectionsService } from './corrections.service.js';
import { kbActorFromRequest } from './kb-actor.js';

const tags = ['knowledge'];

/** 纠错: the hotline and the units flag a matter as wrong or out of date; the editors resolve. */
export async function correctionRoutes(app: FastifyInstance, { corrections }: { corrections: CorrectionsService }) {
  const r = typed(app);

  r.post(
    '/api/knowledge/matters/:id/corrections',
    {
      config: { roles: ['agent', 'lead', 'handler', 'dept_head', 'kb_editor'] },
      schema: {
        tags,
        summary: '事项纠错',
        params: IdParams,
        body: CorrectionRequestBody,
        response: { 200: CorrectionView, ...errorResponses },
      },
    },
    async (request) => corrections.request(kbActorFromRequest(request), request.params.id, request.body),
  );
  r.get(
    '/api/knowledge/corrections',
    {
      config: { roles: ['kb_editor', 'lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags,
        summary: '纠错列表',
        querystring: CorrectionListQuery,
        response: { 200: CorrectionList, ...errorResponses },
      },
    },
    async (request) => corrections.list(kbActorFromRequest(request), request.query.status),
  );
  r.post(
    '/api/knowledge/corrections/:id/resolve',
    {
      config: { roles: ['kb_editor'] },
      schema: {
        tags,
        summary: '处理纠错（已更正/驳回）',
        params: IdParams,
        body: ResolveCorrectionBody,
        response: { 200: CorrectionView, ...errorResponses },
      },
    },
    async (request) => corrections.resolve(kbActorFromRequest(request), request.params.id, request.body),
  );
}
