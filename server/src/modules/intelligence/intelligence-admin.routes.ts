import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  DirectDispatchBody,
  DirectDispatchResult,
  DispatchSuggestionResult,
  IntelligenceSettings,
  SuggestionAcceptanceReport,
} from '@hotline/shared/contracts/intelligence';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import { ticketActorFromRequest } from '../tickets/ticket-actor.js';
import type { DirectDispatchService } from './direct-dispatch.service.js';
import type { IntelligenceSettingsService } from './intelligence-settings.service.js';
import { acceptanceReport } from './suggestion-acceptance.js';

/** 直派 policy (admin), one-click 直派 (agent, lead) and the 采纳率 report (admin, lead). */
export async function intelligenceAdminRoutes(
  app: FastifyInstance,
  { db, settings, direct }: { db: Db; settings: IntelligenceSettingsService; direct: DirectDispatchService },
) {
  const r = typed(app);
  const tags = ['intelligence'];
  r.get(
    '/api/admin/intelligence/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '智能辅助设置（直派开关、阈值、开通直派的单位）',
        response: { 200: IntelligenceSettings, ...errorResponses },
      },
    },
    async () => settings.get(),
  );
  r.put(
    '/api/admin/intelligence/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '修改智能辅助设置（留痕）',
        body: IntelligenceSettings,
        response: { 200: IntelligenceSettings, ...errorResponses },
      },
    },
    async (request) => settings.put(actorFromRequest(request), request.body),
  );
  r.get(
    '/api/intelligence/suggestion-acceptance',
    {
      config: { roles: ['admin', 'lead'] },
      schema: {
        tags,
        summary: '智能派单采纳率：按采用的建议名次、改派次数，直派与人工派单的退单率',
        response: { 200: SuggestionAcceptanceReport, ...errorResponses },
      },
    },
    async () => acceptanceReport(db),
  );
  r.get(
    '/api/tickets/:id/dispatch-suggestions',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags,
        summary: '派单对话框的智能派单建议（按工单已登记的内容、地址、类型、事项；含是否可直派）',
        params: IdParams,
        response: { 200: DispatchSuggestionResult, ...errorResponses },
      },
    },
    async (request) => direct.suggestForTicket(request.params.id),
  );
  r.post(
    '/api/tickets/:id/direct-dispatch',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags,
        summary: '直派：按首选建议一键派单（服务端重新计算并校验直派策略；记录模型版本与置信度）',
        params: IdParams,
        body: DirectDispatchBody,
        response: { 200: DirectDispatchResult, ...errorResponses },
      },
    },
    async (request) => direct.dispatch(ticketActorFromRequest(request), request.params.id, request.body.modelVersion),
  );
}
