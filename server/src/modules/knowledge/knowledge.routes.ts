import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  CreateMatterBody,
  MatterDetail,
  MatterList,
  MatterListQuery,
  ReviewDecisionBody,
  ReviewDueBody,
  SearchQuery,
  SearchResponse,
  UpdateDraftBody,
  VersionHistory,
} from '@hotline/shared/contracts/knowledge';
import { ROLES, type Role } from '@hotline/shared/domain/roles';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';
import { kbActorFromRequest } from './kb-actor.js';
import type { MattersService } from './matters.service.js';
import { searchKnowledge } from './search.service.js';

/** Roles that maintain matters: editors, and department users for their own unit's matters. */
const CURATORS: readonly Role[] = ['kb_editor', 'handler', 'dept_head'];
const READERS: readonly Role[] = ROLES;
const tags = ['knowledge'];

/** 事项 search, reading and editing (draft → review → published). */
export async function knowledgeRoutes(app: FastifyInstance, { db, matters }: { db: Db; matters: MattersService }) {
  const r = typed(app);

  r.get(
    '/api/knowledge/search',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '检索事项与一件事',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses },
      },
    },
    async (request) => searchKnowledge(db, request.query.q, request.query.limit ?? 10),
  );

  r.get(
    '/api/knowledge/matters',
    {
      config: { roles: ['kb_editor', 'handler', 'dept_head', 'admin', 'lead', 'agent'] },
      schema: {
        tags,
        summary: '事项列表',
        querystring: MatterListQuery,
        response: { 200: MatterList, ...errorResponses },
      },
    },
    async (request) => matters.list(kbActorFromRequest(request), request.query),
  );

  r.get(
    '/api/knowledge/stale',
    {
      config: { roles: ['kb_editor', 'handler', 'dept_head', 'admin'] },
      schema: { tags, summary: '逾期未复核的事项', response: { 200: MatterList, ...errorResponses } },
    },
    async (request) => matters.list(kbActorFromRequest(request), { staleOnly: true, limit: 200 }),
  );

  r.post(
    '/api/knowledge/matters',
    {
      config: { roles: CURATORS },
      schema: {
        tags,
        summary: '新建事项（草稿）',
        body: CreateMatterBody,
        response: { 200: MatterDetail, ...errorResponses },
      },
    },
    async (request) => matters.create(kbActorFromRequest(request), request.body),
  );

  r.get(
    '/api/knowledge/matters/:id',
    {
      config: { roles: READERS },
      schema: { tags, summary: '事项详情', params: IdParams, response: { 200: MatterDetail, ...errorResponses } },
    },
    async (request) => matters.detail(kbActorFromRequest(request), request.params.id),
  );

  r.get(
    '/api/knowledge/matters/:id/versions',
    {
      config: { roles: [...CURATORS, 'admin'] },
      schema: { tags, summary: '事项版本历史', params: IdParams, response: { 200: VersionHistory, ...errorResponses } },
    },
    async (request) => matters.history(kbActorFromRequest(request), request.params.id),
  );

  r.put(
    '/api/knowledge/matters/:id/draft',
    {
      config: { roles: CURATORS },
      schema: {
        tags,
        summary: '保存草稿（已发布版本不可修改，修改即生成新草稿）',
        params: IdParams,
        body: UpdateDraftBody,
        response: { 200: MatterDetail, ...errorResponses },
      },
    },
    async (request) =>
      matters.saveDraft(kbActorFromRequest(request), request.params.id, request.body.content, request.body.changeNote),
  );

  r.post(
    '/api/knowledge/matters/:id/submit',
    {
      config: { roles: CURATORS },
      schema: { tags, summary: '提交审核', params: IdParams, response: { 200: MatterDetail, ...errorResponses } },
    },
    async (request) => matters.submitForReview(kbActorFromRequest(request), request.params.id),
  );

  r.post(
    '/api/knowledge/matters/:id/review',
    {
      config: { roles: CURATORS },
      schema: {
        tags,
        summary: '审核：发布或退回修改（知识库采编）',
        params: IdParams,
        body: ReviewDecisionBody,
        response: { 200: MatterDetail, ...errorResponses },
      },
    },
    async (request) =>
      matters.review(kbActorFromRequest(request), request.params.id, request.body.approve, request.body.comment),
  );

  r.put(
    '/api/knowledge/matters/:id/review-due',
    {
      config: { roles: CURATORS },
      schema: {
        tags,
        summary: '复核并设置下次复核日期',
        params: IdParams,
        body: ReviewDueBody,
        response: { 200: MatterDetail, ...errorResponses },
      },
    },
    async (request) => matters.setReviewDue(kbActorFromRequest(request), request.params.id, request.body.reviewDueOn),
  );
}
