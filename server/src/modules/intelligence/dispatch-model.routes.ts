import type { FastifyInstance } from 'fastify';
import { errorResponses, OkResponse } from '@hotline/shared/contracts/common';
import {
  DispatchModelStatus,
  DispatchSuggestionBody,
  DispatchSuggestionResult,
  SuggestionChoiceBody,
  TrainAccepted,
} from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Queues } from '../../platform/queue/queues.js';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { DispatchModelService } from './dispatch-model.service.js';
import { requestTraining } from './intelligence.jobs.js';

/** 智能派单: suggestions for agents and leads; the model's training and evaluation for admins. */
export async function dispatchModelRoutes(
  app: FastifyInstance,
  { model, queues, clock }: { model: DispatchModelService; queues: Queues; clock: Clock },
) {
  const r = typed(app);
  const tags = ['intelligence'];
  r.post(
    '/api/dispatch/suggestions',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags,
        summary: '智能派单建议（按诉求内容、地址、类型、事项；最多 5 个单位，附理由）',
        body: DispatchSuggestionBody,
        response: { 200: DispatchSuggestionResult, ...errorResponses },
      },
    },
    async (request) => model.suggest(request.body),
  );
  r.post(
    '/api/dispatch/suggestion-choices',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags,
        summary: '记录派单时实际选择的单位与建议的对照（采纳率）',
        body: SuggestionChoiceBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => model.recordChoice(actorFromRequest(request), request.body),
  );
  r.post(
    '/api/admin/dispatch-model/train',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '训练新版本派单模型（后台任务；评估不低于现用模型才启用）',
        response: { 202: TrainAccepted, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send({ jobId: await requestTraining(queues, request.session?.userId ?? null, clock.now()) }),
  );
  r.get(
    '/api/admin/dispatch-model',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '派单模型：版本、状态、样本数、时间切分留出集评估与各单位混淆情况',
        response: { 200: DispatchModelStatus, ...errorResponses },
      },
    },
    async () => model.status(),
  );
}
