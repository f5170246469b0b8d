import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  AssessmentSchemeBody,
  AssessmentSchemeResponse,
  DisputeBody,
  DisputeList,
  DisputeRulingBody,
  DisputeState,
  ExplainResponse,
  LeagueResponse,
  MonthDeptParams,
  MonthParams,
  MonthState,
  ReopenMonthBody,
} from '@hotline/shared/contracts/supervision';
import type { AssessmentScheme } from '@hotline/shared/domain/assessment';
import { typed } from '../../platform/http/typed.js';
import type { AssessmentService } from './assessment.service.js';
import { supervisionActor } from './supervision.routes.js';

const tags = ['assessment'];

/** 考核: scheme (admin), league tables and explanations, disputes (units file, leads rule), month close/reopen. */
export async function assessmentRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentService }) {
  const r = typed(app);
  r.get(
    '/api/assessment/scheme',
    {
      config: { roles: ['lead', 'admin', 'handler', 'dept_head'] },
      schema: { tags, summary: '当前考核方案', response: { 200: AssessmentSchemeResponse, ...errorResponses } },
    },
    async () => assessment.currentScheme(),
  );
  r.post(
    '/api/assessment/scheme',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '保存考核方案（新版本）',
        body: AssessmentSchemeBody,
        response: { 200: AssessmentSchemeResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { note, ...scheme } = request.body;
      return assessment.saveScheme(supervisionActor(request), scheme as AssessmentScheme, note);
    },
  );
  r.get(
    '/api/assessment/:month/league',
    {
      config: { roles: ['lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags,
        summary: '月度考核排名（分档）',
        params: MonthParams,
        response: { 200: LeagueResponse, ...errorResponses },
      },
    },
    async (request) => assessment.league(supervisionActor(request), request.params.month),
  );
  r.get(
    '/api/assessment/:month/departments/:departmentId/explain',
    {
      config: { roles: ['lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags,
        summary: '考核得分明细（逐项、逐单）',
        params: MonthDeptParams,
        response: { 200: ExplainResponse, ...errorResponses },
      },
    },
    async (request) => assessment.explain(supervisionActor(request), request.params.month, request.params.departmentId),
  );
  r.post(
    '/api/assessment/:month/close',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags,
        summary: '月度考核关账（冻结）',
        params: MonthParams,
        response: { 200: LeagueResponse, ...errorResponses },
      },
    },
    async (request) => assessment.closeMonth(supervisionActor(request), request.params.month),
  );
  r.post(
    '/api/assessment/:month/reopen',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '重开已关账月份（仅管理员）',
        params: MonthParams,
        body: ReopenMonthBody,
        response: { 200: MonthState, ...errorResponses },
      },
    },
    async (request) => assessment.reopenMonth(supervisionActor(request), request.params.month, request.body.reason),
  );
  r.get(
    '/api/assessment/:month/disputes',
    {
      config: { roles: ['lead', 'admin', 'handler', 'dept_head'] },
      schema: { tags, summary: '考核申诉列表', params: MonthParams, response: { 200: DisputeList, ...errorResponses } },
    },
    async (request) => ({ items: await assessment.listDisputes(supervisionActor(request), request.params.month) }),
  );
  r.post(
    '/api/assessment/disputes',
    {
      config: { roles: ['handler', 'dept_head'] },
      schema: { tags, summary: '提出考核申诉', body: DisputeBody, response: { 200: DisputeState, ...errorResponses } },
    },
    async (request) => assessment.fileDispute(supervisionActor(request), request.body),
  );
  r.post(
    '/api/assessment/disputes/:id/ruling',
    {
      config: { roles: ['lead'] },
      schema: {
        tags,
        summary: '裁定考核申诉',
        params: IdParams,
        body: DisputeRulingBody,
        response: { 200: DisputeState, ...errorResponses },
      },
    },
    async (request) => assessment.ruleDispute(supervisionActor(request), request.params.id, request.body),
  );
}
