import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  MonitorLineBody,
  MonitorLineEndBody,
  MonitorTakeoverFailedBody,
  MonitorLineResult,
  MonitorStartBody,
  MonitorStartResult,
  SipMonitorAnswerBody,
  SipMonitorEndBody,
  SipMonitorOfferBody,
  SipMonitorOfferResult,
} from '@hotline/shared/contracts/call-monitoring';
import { errorResponses, OkResponse } from '@hotline/shared/contracts/common';
import { typed } from '../../../platform/http/typed.js';
import { actorFromRequest } from '../../audit/audit.service.js';
import { requireTelephonySecret } from '../telephony.routes.js';
import type { MonitoringService } from './monitoring.service.js';

/** 班长监听: started by a lead from the wallboard; the SIP proxy's half of it behind the telephony secret. */
export async function monitoringRoutes(
  app: FastifyInstance,
  { monitoring, secret }: { monitoring: MonitoringService; secret: string },
) {
  const r = typed(app);
  const checkSecret = (request: FastifyRequest) => requireTelephonySecret(request, secret);

  r.post(
    '/api/calls/monitor',
    {
      config: { roles: ['lead', 'admin'] },
      schema: {
        tags: ['calls'],
        summary: '班长监听 / 耳语 / 强插 / 代接：取得一次性监听地址（记入审计）',
        body: MonitorStartBody,
        response: { 200: MonitorStartResult, ...errorResponses },
      },
    },
    async (request) =>
      monitoring.start(
        { ...actorFromRequest(request), userId: request.session!.userId },
        request.body.contactId,
        request.body.mode,
      ),
  );

  r.post(
    '/api/calls/monitor/line',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags: ['calls'],
        summary: '坐席软电话核验班长耳语/强插来电的授权（记入审计）',
        body: MonitorLineBody,
        response: { 200: MonitorLineResult, ...errorResponses },
      },
    },
    async (request) => monitoring.checkLine(request.session!.userId, request.body),
  );

  r.post(
    '/api/calls/monitor/line/end',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags: ['calls'],
        summary: '坐席软电话报告班长耳语/强插线路结束（记入审计）',
        body: MonitorLineEndBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) =>
      monitoring.lineEnded({ ...actorFromRequest(request), userId: request.session!.userId }, request.body),
  );

  r.post(
    '/api/calls/monitor/takeover/failed',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags: ['calls'],
        summary: '代接未成功：班长未接听，来电仍由坐席处理（记入审计）',
        body: MonitorTakeoverFailedBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) =>
      monitoring.takeoverFailed({ ...actorFromRequest(request), userId: request.session!.userId }, request.body),
  );

  r.post(
    '/api/telephony/sip/monitor/offer',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: 'SIP 代理收到班长的监听呼叫：在 rtpengine 订阅该通话的媒体',
        body: SipMonitorOfferBody,
        response: { 200: SipMonitorOfferResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return monitoring.sipOffer(request.body);
    },
  );

  r.post(
    '/api/telephony/sip/monitor/answer',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '班长软电话的应答（ACK 中的 SDP），完成订阅',
        body: SipMonitorAnswerBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return monitoring.sipAnswer(request.body);
    },
  );

  r.post(
    '/api/telephony/sip/monitor/end',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '班长挂断监听',
        body: SipMonitorEndBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return monitoring.sipEnd(request.body);
    },
  );
}
