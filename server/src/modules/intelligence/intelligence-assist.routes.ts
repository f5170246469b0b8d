import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  DuplicateCandidateList,
  DuplicateProbeBody,
  MatterSuggestionBody,
  MatterSuggestionList,
  PrefillBody,
  PrefillResult,
} from '@hotline/shared/contracts/intelligence';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';
import type { DuplicatesService } from './duplicates.service.js';
import { suggestMatters } from './matter-suggestions.js';
import { prefillFromText } from './prefill.js';

/** 并单候选, 事项推荐 and 智能填单: the hotline's helpers at intake (agents and leads only). */
export async function intelligenceAssistRoutes(
  app: FastifyInstance,
  { db, duplicates }: { db: Db; duplicates: DuplicatesService },
) {
  const r = typed(app);
  const tags = ['intelligence'];
  const roles = ['agent', 'lead'] as const;
  r.get(
    '/api/tickets/:id/duplicate-candidates',
    {
      config: { roles: [...roles] },
      schema: {
        tags,
        summary: '并单候选：可能为同一事件的未办结工单（地址、诉求、时间），附相似度与理由',
        params: IdParams,
        response: { 200: DuplicateCandidateList, ...errorResponses },
      },
    },
    async (request) => duplicates.forTicket(request.params.id),
  );
  r.post(
    '/api/intelligence/duplicate-probe',
    {
      config: { roles: [...roles] },
      schema: {
        tags,
        summary: '受理时边输入边查找可能重复的工单（按诉求内容和地址）',
        body: DuplicateProbeBody,
        response: { 200: DuplicateCandidateList, ...errorResponses },
      },
    },
    async (request) => duplicates.probe(request.body),
  );
  r.post(
    '/api/intelligence/matter-suggestions',
    {
      config: { roles: [...roles] },
      schema: {
        tags,
        summary: '一次告知：按来电人的话推荐最可能的 3 个事项及办事情形',
        body: MatterSuggestionBody,
        response: { 200: MatterSuggestionList, ...errorResponses },
      },
    },
    async (request) => suggestMatters(db, request.body.text),
  );
  r.post(
    '/api/intelligence/prefill',
    {
      config: { roles: [...roles] },
      schema: {
        tags,
        summary: '智能填单：从粘贴或转写的文本中识别电话、地址、类型、紧急程度和类别（均为待确认的建议）',
        body: PrefillBody,
        response: { 200: PrefillResult, ...errorResponses },
      },
    },
    async (request) => prefillFromText(request.body.text),
  );
}
