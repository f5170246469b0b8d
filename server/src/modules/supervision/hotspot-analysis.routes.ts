import type { FastifyInstance } from 'fastify';
import { errorResponses } from '@hotline/shared/contracts/common';
import {
  PickedTopicsResponse,
  PickTopicBody,
  PickTopicResponse,
  SpikeRules,
  TimeClustersQuery,
  TimeClustersResponse,
  TopicCandidatesResponse,
  TopicMonthQuery,
} from '@hotline/shared/contracts/supervision';
import { typed } from '../../platform/http/typed.js';
import type { HotspotService } from './hotspots.service.js';
import { supervisionActor } from './supervision.routes.js';

/** 热点分析: 每月一题 candidates and picks, time clusters (时间聚集), and the spike alert's thresholds (admin). */
export async function hotspotAnalysisRoutes(app: FastifyInstance, { hotspots }: { hotspots: HotspotService }) {
  const r = typed(app);
  r.get(
    '/api/supervision/hotspots/topic-candidates',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '每月一题候选（按事项/类别×区域排序，附依据）',
        querystring: TopicMonthQuery,
        response: { 200: TopicCandidatesResponse, ...errorResponses },
      },
    },
    async (request) => hotspots.topics.candidates(supervisionActor(request), request.query.month),
  );
  r.get(
    '/api/supervision/hotspots/monthly-topics',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '本月已选的每月一题',
        querystring: TopicMonthQuery,
        response: { 200: PickedTopicsResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await hotspots.topics.picked(supervisionActor(request), request.query.month) }),
  );
  r.post(
    '/api/supervision/hotspots/monthly-topics',
    {
      config: { roles: ['lead'] },
      schema: {
        tags: ['supervision'],
        summary: '选定每月一题（留存当时依据，留痕）',
        body: PickTopicBody,
        response: { 200: PickTopicResponse, ...errorResponses },
      },
    },
    async (request) =>
      hotspots.topics.pick(supervisionActor(request), request.body.month, request.body.key, request.body.note),
  );
  r.get(
    '/api/supervision/hotspots/time-clusters',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '时间聚集（同一问题集中在某时段/每周某日/连续几天）',
        querystring: TimeClustersQuery,
        response: { 200: TimeClustersResponse, ...errorResponses },
      },
    },
    async (request) => hotspots.clusters.clusters(supervisionActor(request), request.query),
  );
  r.get(
    '/api/supervision/hotspots/spike-rules',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['supervision'],
        summary: '突增预警阈值',
        response: { 200: SpikeRules, ...errorResponses },
      },
    },
    async () => hotspots.spikeRules.get(),
  );
  r.put(
    '/api/supervision/hotspots/spike-rules',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['supervision'],
        summary: '修改突增预警阈值（管理员，留痕）',
        body: SpikeRules,
        response: { 200: SpikeRules, ...errorResponses },
      },
    },
    async (request) => hotspots.spikeRules.save(supervisionActor(request), request.body),
  );
}
