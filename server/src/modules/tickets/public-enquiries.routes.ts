import type { FastifyInstance } from 'fastify';
import {
  PublicEnquiryBody,
  PublicEnquiryParams,
  PublicEnquiryQuery,
  PublicEnquiryResponse,
  PublicEnquiryStatus,
} from '@hotline/shared/contracts/tickets';
import { errorResponses } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { ticketActorFromRequest } from './ticket-actor.js';
import type { PublicEnquiries } from './public-enquiries.service.js';

export interface PublicEnquiryRoutesOptions {
  enquiries: PublicEnquiries;
  /** Submissions per IP per minute. */
  submitPerMinute?: number;
  /** Progress queries per IP per minute (guessing codes must be slow). */
  queryPerMinute?: number;
}

/** 网上诉求 (no sign-in): rate-limited per IP, small bodies, a honeypot field for bots. */
export async function publicEnquiryRoutes(app: FastifyInstance, options: PublicEnquiryRoutesOptions) {
  const { enquiries } = options;
  const r = typed(app);

  r.post(
    '/api/public/enquiries',
    {
      config: { public: true, rateLimit: { max: options.submitPerMinute ?? 10, timeWindow: '1 minute' } },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['public'],
        summary: '群众网上提交诉求，返回工单编号和查询码',
        security: [],
        body: PublicEnquiryBody,
        response: { 201: PublicEnquiryResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      // Bots fill every field; people never see this one. Answer like a success and store nothing.
      if (request.body.website) return reply.status(201).send(enquiries.decoy());
      const actor = { ...ticketActorFromRequest(request), role: 'public' as const };
      return reply.status(201).send(await enquiries.submit(actor, request.body));
    },
  );

  r.get(
    '/api/public/enquiries/:number',
    {
      config: { public: true, rateLimit: { max: options.queryPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: '凭编号和查询码查询诉求办理进度（不含个人信息和内部意见）',
        security: [],
        params: PublicEnquiryParams,
        querystring: PublicEnquiryQuery,
        response: { 200: PublicEnquiryStatus, ...errorResponses },
      },
    },
    async (request) => enquiries.status(request.params.number, request.query.code),
  );
}
