import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams, IdResponse, OkResponse } from '@hotline/shared/contracts/common';
import {
  BundleBody,
  BundleList,
  BundleView,
  GapList,
  GapListQuery,
  ResolveGapBody,
  SearchMissBody,
  SynonymBody,
  SynonymGroup,
  SynonymList,
} from '@hotline/shared/contracts/knowledge';
import { ROLES } from '@hotline/shared/domain/roles';
import { typed } from '../../platform/http/typed.js';
import type { CurationService } from './curation.service.js';
import { kbActorFromRequest } from './kb-actor.js';

const tags = ['knowledge'];

/** 一件事 bundles, synonyms and the gap list. Reading is open to the hotline; changing is the editors'. */
export async function curationRoutes(app: FastifyInstance, { curation }: { curation: CurationService }) {
  const r = typed(app);

  r.get(
    '/api/knowledge/bundles',
    {
      config: { roles: ROLES },
      schema: { tags, summary: '一件事列表', response: { 200: BundleList, ...errorResponses } },
    },
    async () => curation.listBundles(),
  );
  r.get(
    '/api/knowledge/bundles/:id',
    {
      config: { roles: ROLES },
      schema: { tags, summary: '一件事详情', params: IdParams, response: { 200: BundleView, ...errorResponses } },
    },
    async (request) => curation.getBundle(request.params.id),
  );
  r.post(
    '/api/knowledge/bundles',
    {
      config: { roles: ['kb_editor'] },
      schema: { tags, summary: '新建一件事', body: BundleBody, response: { 200: BundleView, ...errorResponses } },
    },
    async (request) => curation.saveBundle(kbActorFromRequest(request), null, request.body),
  );
  r.put(
    '/api/knowledge/bundles/:id',
    {
      config: { roles: ['kb_editor'] },
      schema: {
        tags,
        summary: '修改一件事',
        params: IdParams,
        body: BundleBody,
        response: { 200: BundleView, ...errorResponses },
      },
    },
    async (request) => curation.saveBundle(kbActorFromRequest(request), request.params.id, request.body),
  );

  r.get(
    '/api/knowledge/synonyms',
    {
      config: { roles: ['kb_editor', 'handler', 'dept_head', 'admin', 'lead'] },
      schema: { tags, summary: '同义词', response: { 200: SynonymList, ...errorResponses } },
    },
    async () => curation.listSynonyms(),
  );
  r.post(
    '/api/knowledge/synonyms',
    {
      config: { roles: ['kb_editor'] },
      schema: { tags, summary: '新增同义词组', body: SynonymBody, response: { 200: SynonymGroup, ...errorResponses } },
    },
    async (request) => curation.saveSynonyms(kbActorFromRequest(request), null, request.body.terms),
  );
  r.put(
    '/api/knowledge/synonyms/:id',
    {
      config: { roles: ['kb_editor'] },
      schema: {
        tags,
        summary: '修改同义词组',
        params: IdParams,
        body: SynonymBody,
        response: { 200: SynonymGroup, ...errorResponses },
      },
    },
    async (request) => curation.saveSynonyms(kbActorFromRequest(request), request.params.id, request.body.terms),
  );
  r.delete(
    '/api/knowledge/synonyms/:id',
    {
      config: { roles: ['kb_editor'] },
      schema: { tags, summary: '删除同义词组', params: IdParams, response: { 200: OkResponse, ...errorResponses } },
    },
    async (request) => {
      await curation.deleteSynonyms(kbActorFromRequest(request), request.params.id);
      return { ok: true };
    },
  );

  r.get(
    '/api/knowledge/gaps',
    {
      config: { roles: ['kb_editor', 'lead', 'admin'] },
      schema: { tags, summary: '知识缺口', querystring: GapListQuery, response: { 200: GapList, ...errorResponses } },
    },
    async (request) => curation.listGaps(request.query.open ?? true),
  );
  r.post(
    '/api/knowledge/gaps/search-miss',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags,
        summary: '标记检索未命中（进入知识缺口）',
        body: SearchMissBody,
        response: { 200: IdResponse, ...errorResponses },
      },
    },
    async (request) => curation.reportSearchMiss(kbActorFromRequest(request), request.body.question),
  );
  r.post(
    '/api/knowledge/gaps/:id/resolve',
    {
      config: { roles: ['kb_editor'] },
      schema: {
        tags,
        summary: '处理知识缺口',
        params: IdParams,
        body: ResolveGapBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await curation.resolveGap(kbActorFromRequest(request), request.params.id, request.body.matterId);
      return { ok: true };
    },
  );
}
