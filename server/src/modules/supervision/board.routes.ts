import type { FastifyInstance } from 'fastify';
import { errorResponses } from '@hotline/shared/contracts/common';
import {
  BoardResponse,
  RepeatCallersQuery,
  RepeatCallersResponse,
  RisingQuery,
  RisingResponse,
  SpikeAlertsResponse,
  UrgeBody,
  UrgeResponse,
} from '@hotline/shared/contracts/supervision';
import { typed } from '../../platform/http/typed.js';
import type { BoardService } from './board.service.js';
import { hotspotAnalysisRoutes } from './hotspot-analysis.routes.js';
import type { HotspotService } from './hotspots.service.js';
import { supervisionActor } from './supervision.routes.js';

/** 督办看板, 催办 by SMS, and the rising topics (热点). */
export async function boardRoutes(
  app: FastifyInstance,
  { board, hotspots }: { board: BoardService; hotspots: HotspotService },
) {
  const r = typed(app);
  await hotspotAnalysisRoutes(app, { hotspots });
  r.get(
    '/api/supervision/board',
    {
      config: { roles: ['lead', 'admin', 'handler', 'dept_head'] },
      schema: { tags: ['supervision'], summary: '督办看板', response: { 200: BoardResponse, ...errorResponses } },
    },
    async (request) => board.board(supervisionActor(request)),
  );
  r.post(
    '/api/supervision/urge',
    {
      config: { roles: ['lead'] },
      schema: {
        tags: ['supervision'],
        summary: '短信催办承办单位联络人',
        body: UrgeBody,
        response: { 200: UrgeResponse, ...errorResponses },
      },
    },
    async (request) => board.urge(supervisionActor(request), request.body.ticketId, request.body.text),
  );
  r.get(
    '/api/supervision/hotspots/rising',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '热点上升（本周对比前四周周均）',
        querystring: RisingQuery,
        response: { 200: RisingResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await board.risingTopics(supervisionActor(request), request.query.dim ?? 'matter') }),
  );
  r.get(
    '/api/supervision/hotspots/spikes',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '突增预警（近24小时，15分钟对比基线）',
        response: { 200: SpikeAlertsResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await hotspots.recentSpikes(supervisionActor(request)) }),
  );
  r.get(
    '/api/supervision/hotspots/repeat-callers',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '重复来电（号码脱敏）',
        querystring: RepeatCallersQuery,
        response: { 200: RepeatCallersResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await hotspots.repeatCallers(supervisionActor(request), request.query) }),
  );
}
