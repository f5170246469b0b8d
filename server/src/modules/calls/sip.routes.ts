import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  SipCredentials,
  SipOfferFailedBody,
  SipOfferFailedResult,
  SipSurveyBody,
  SipSurveyResult,
  SipSurveyTimeoutBody,
  SipSurveyTimeoutResult,
  SipOutboundBody,
  SipOutboundResult,
  SipOutboundFailedBody,
  SipOutboundFailedResult,
  SOFTPHONE_ROLES,
} from '@hotline/shared/contracts/telephony';
import { errorResponses } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { conflict } from '../../platform/http/errors.js';
import { requireTelephonySecret } from './telephony.routes.js';
import type { SipBridge } from './sip-bridge.js';
import type { SurveyService } from './survey.service.js';

/** Only the desk (agents and leads) takes calls: handlers, unit heads, KB editors and admins get no SIP identity. */

/** The SIP proxy's reports (shared secret) and the softphone's credentials (signed-in desk users). */
export async function sipRoutes(
  app: FastifyInstance,
  {
    sip,
    survey,
    secret,
    linkOutbound,
    outboundFailed,
  }: {
    sip: SipBridge | null;
    survey: SurveyService;
    secret: string;
    linkOutbound: (body: SipOutboundBody) => Promise<{ outcome: string }>;
    outboundFailed: (body: SipOutboundFailedBody) => Promise<{ outcome: string }>;
  },
) {
  const r = typed(app);
  const checkSecret = (request: FastifyRequest) => requireTelephonySecret(request, secret);

  r.post(
    '/api/telephony/sip/offer-failed',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: 'SIP 代理报告振铃失败（未接、拒接、未注册），来电回到队列原位',
        body: SipOfferFailedBody,
        response: { 200: SipOfferFailedResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      if (!sip) return { outcome: 'ignored' };
      return sip.offerFailed(request.body);
    },
  );

  r.post(
    '/api/telephony/sip/survey',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '一次一评：来电人通话后按键评价（1 满意、2 基本满意、3 不满意）',
        body: SipSurveyBody,
        response: { 200: SipSurveyResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return survey.rate(request.body);
    },
  );

  r.post(
    '/api/telephony/sip/survey-timeout',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '一次一评：来电人在限定时间内未按键（记为未评价），代理随后挂断',
        body: SipSurveyTimeoutBody,
        response: { 200: SipSurveyTimeoutResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return survey.timedOut(request.body);
    },
  );

  r.post(
    '/api/telephony/sip/outbound',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '外呼：代理报告坐席按外呼记录拨出的通话（SIP Call-ID），外呼记录关联该通话',
        body: SipOutboundBody,
        response: { 200: SipOutboundResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return linkOutbound(request.body);
    },
  );

  r.post(
    '/api/telephony/sip/outbound-failed',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '外呼未接通：代理报告坐席拨出的通话未被接听（最终 SIP 码），记录外呼结果并删除振铃录音',
        body: SipOutboundFailedBody,
        response: { 200: SipOutboundFailedResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return outboundFailed(request.body);
    },
  );

  r.get(
    '/api/telephony/sip/credentials',
    {
      config: { roles: SOFTPHONE_ROLES },
      schema: {
        tags: ['telephony'],
        summary: '软电话注册凭据（限时，本次登录有效）',
        response: { 200: SipCredentials, ...errorResponses },
      },
    },
    async (request) => {
      if (!sip) throw conflict('未配置电话系统（SIP 代理），软电话不可用', 'telephony_not_configured');
      return sip.credentials(request.session!.userId);
    },
  );
}
