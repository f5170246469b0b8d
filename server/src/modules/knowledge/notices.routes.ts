import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  AttachNoticeBody,
  NoMatchingMatterBody,
  NoMatchingMatterResponse,
  NoticeList,
  NoticePreview,
  NoticeSelection,
  NoticeView,
  PublicNotice,
  TokenParams,
} from '@hotline/shared/contracts/knowledge';
import { typed } from '../../platform/http/typed.js';
import { kbActorFromRequest } from './kb-actor.js';
import type { NoticesService } from './notices.service.js';

const tags = ['knowledge'];
const HOTLINE = ['agent', 'lead'] as const;

/** 一次告知单: preview, attach to a ticket (and send), read, and the citizen's public page. */
export async function noticeRoutes(app: FastifyInstance, { notices }: { notices: NoticesService }) {
  const r = typed(app);

  r.post(
    '/api/knowledge/notices/preview',
    {
      config: { roles: [...HOTLINE, 'kb_editor'] },
      schema: {
        tags,
        summary: '预览一次告知单',
        body: NoticeSelection,
        response: { 200: NoticePreview, ...errorResponses },
      },
    },
    async (request) => notices.preview(request.body),
  );

  r.post(
    '/api/tickets/:id/notice',
    {
      config: { roles: HOTLINE },
      schema: {
        tags,
        summary: '生成一次告知单并附在工单上（可同时发送短信）',
        params: IdParams,
        body: AttachNoticeBody,
        response: { 200: NoticeView, ...errorResponses },
      },
    },
    async (request) => notices.attachToTicket(kbActorFromRequest(request), request.params.id, request.body),
  );

  r.post(
    '/api/tickets/:id/no-matching-matter',
    {
      config: { roles: HOTLINE },
      schema: {
        tags,
        summary: '标记“无匹配事项”（进入知识缺口）',
        params: IdParams,
        body: NoMatchingMatterBody,
        response: { 200: NoMatchingMatterResponse, ...errorResponses },
      },
    },
    async (request) =>
      notices.markNoMatchingMatter(kbActorFromRequest(request), request.params.id, request.body.question),
  );

  r.get(
    '/api/tickets/:id/notices',
    {
      config: { roles: [...HOTLINE, 'admin'] },
      schema: {
        tags,
        summary: '工单的一次告知单',
        params: IdParams,
        response: { 200: NoticeList, ...errorResponses },
      },
    },
    async (request) => notices.listForTicket(request.params.id),
  );

  r.get(
    '/api/knowledge/notices/:id',
    {
      config: { roles: [...HOTLINE, 'admin'] },
      schema: {
        tags,
        summary: '一次告知单及发送状态',
        params: IdParams,
        response: { 200: NoticeView, ...errorResponses },
      },
    },
    async (request) => notices.get(request.params.id),
  );

  r.get(
    '/api/public/notices/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '一次告知单公开页（无个人信息）',
        params: TokenParams,
        response: { 200: PublicNotice, ...errorResponses },
      },
    },
    async (request) => notices.getPublic(request.params.token),
  );
}
