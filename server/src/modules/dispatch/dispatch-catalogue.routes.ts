import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams, IdResponse, OkResponse } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import {
  DispatchCatalogueEntryBody,
  DispatchCatalogueList,
  DispatchSuggestQuery,
  DispatchSuggestionList,
} from '@hotline/shared/contracts/tickets';
import type { DispatchCatalogueService } from './dispatch-catalogue.service.js';

/** 派单目录: admins maintain it; agents and leads get suggestions from it while dispatching. */
export async function dispatchCatalogueRoutes(
  app: FastifyInstance,
  { catalogue }: { catalogue: DispatchCatalogueService },
) {
  const r = typed(app);
  const tags = ['dispatch-catalogue'];

  r.get(
    '/api/dispatch-catalogue/suggest',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags,
        summary: '派单建议（按事项/类别/类型与区域）',
        querystring: DispatchSuggestQuery,
        response: { 200: DispatchSuggestionList, ...errorResponses },
      },
    },
    async (request) => catalogue.suggest(request.query),
  );
  r.get(
    '/api/dispatch-catalogue',
    {
      config: { roles: ['admin', 'lead'] },
      schema: {
        tags,
        summary: '派单目录',
        response: { 200: DispatchCatalogueList, ...errorResponses },
      },
    },
    async () => ({ items: await catalogue.list() }),
  );
  r.post(
    '/api/dispatch-catalogue',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '新增派单目录条目',
        body: DispatchCatalogueEntryBody,
        response: { 201: IdResponse, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await catalogue.create(actorFromRequest(request), request.body)),
  );
  r.put(
    '/api/dispatch-catalogue/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '修改派单目录条目',
        params: IdParams,
        body: DispatchCatalogueEntryBody,
        response: { 200: IdResponse, ...errorResponses },
      },
    },
    async (request) => catalogue.update(actorFromRequest(request), request.params.id, request.body),
  );
  r.delete(
    '/api/dispatch-catalogue/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags, summary: '删除派单目录条目', params: IdParams, response: { 200: OkResponse, ...errorResponses } },
    },
    async (request) => catalogue.remove(actorFromRequest(request), request.params.id),
  );
}
