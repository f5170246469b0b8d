import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import { ReportList, ReportRequestBody, ReportState } from '@hotline/shared/contracts/supervision';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { ReportService } from './report.service.js';

/** 报表: request a daily/weekly/monthly Excel report, list them, download one (audited). Hotline leads and admins. */
export async function reportRoutes(app: FastifyInstance, { reports }: { reports: ReportService }) {
  const r = typed(app);
  const config = { roles: ['lead', 'admin'] as const };
  r.post(
    '/api/supervision/reports',
    {
      config,
      schema: {
        tags: ['supervision'],
        summary: '生成日报/周报/月报（Excel）',
        body: ReportRequestBody,
        response: { 200: ReportState, ...errorResponses },
      },
    },
    async (request) => reports.request(actorFromRequest(request), request.body.kind, request.body.date),
  );
  r.get(
    '/api/supervision/reports',
    {
      config,
      schema: { tags: ['supervision'], summary: '报表列表', response: { 200: ReportList, ...errorResponses } },
    },
    async () => ({ items: await reports.list() }),
  );
  r.get(
    '/api/supervision/reports/:id/download',
    {
      config,
      schema: { tags: ['supervision'], summary: '下载报表（号码已脱敏，不含保密来电人；留痕）', params: IdParams },
    },
    async (request, reply) => {
      const file = await reports.download(actorFromRequest(request), request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );
}
