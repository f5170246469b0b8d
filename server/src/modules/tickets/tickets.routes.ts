import type { FastifyInstance } from 'fastify';
import {
  DuplicateList,
  DuplicateQuery,
  IntakeBody,
  IntakeHeaders,
  IntakeResponse,
  TicketDetail,
  TicketExportBody,
  TicketList,
  TicketListQuery,
} from '@hotline/shared/contracts/tickets';
import {
  AttachmentBody,
  AttachmentParams,
  AttachmentView,
  MAX_ATTACHMENT_BYTES,
} from '@hotline/shared/contracts/attachments';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import type { TicketAttachments } from './ticket-attachments.service.js';
import type { TicketExport } from './ticket-export.service.js';
import { ticketActorFromRequest } from './ticket-actor.js';
import type { TicketIntake } from './ticket-intake.service.js';
import type { TicketQueries } from './ticket-query.service.js';

export interface TicketRoutesOptions {
  intake: TicketIntake;
  queries: TicketQueries;
  attachments: TicketAttachments;
  exporter: TicketExport;
}

/** 工单受理与查询: intake, lists and work queues, the detail view, duplicate hints, letter scans. */
export async function ticketRoutes(
  app: FastifyInstance,
  { intake, queries, attachments, exporter }: TicketRoutesOptions,
) {
  const r = typed(app);

  r.post(
    '/api/tickets',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags: ['tickets'],
        summary: '受理工单（支持 Idempotency-Key 幂等重试）',
        headers: IntakeHeaders,
        body: IntakeBody,
        response: { 200: IntakeResponse, 201: IntakeResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await intake.createTicket(ticketActorFromRequest(request), request.body, {
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.replayed ? 200 : 201).send(result.ticket);
    },
  );

  r.get(
    '/api/tickets',
    {
      config: { roles: ['agent', 'lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags: ['tickets'],
        summary: '工单列表与工作队列（承办单位只看到派给本单位的工单）',
        querystring: TicketListQuery,
        response: { 200: TicketList, ...errorResponses },
      },
    },
    async (request) => queries.listTickets(ticketActorFromRequest(request), request.query),
  );

  // Searches by phone number go in a POST body, never in the URL (issue 10.2: URLs reach access logs and proxies).
  r.post(
    '/api/tickets/search',
    {
      config: { roles: ['agent', 'lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags: ['tickets'],
        summary: '工单检索（条件放在请求体中，电话号码不进入网址）',
        body: TicketListQuery,
        response: { 200: TicketList, ...errorResponses },
      },
    },
    async (request) => queries.listTickets(ticketActorFromRequest(request), request.body),
  );

  // The filter goes in a POST body like a search (it may hold a phone number); the file comes back as the response.
  r.post(
    '/api/tickets/export',
    {
      config: { roles: ['agent', 'lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags: ['tickets'],
        summary: '导出工单列表（Excel；与列表同一筛选和权限范围，电话号码脱敏，保密件和举报不含诉求人；记入审计）',
        body: TicketExportBody,
      },
    },
    async (request, reply) => {
      const file = await exporter.exportList(ticketActorFromRequest(request), request.body);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-export-count', String(file.count))
        .header('cache-control', 'no-store')
        .send(file.buffer);
    },
  );

  r.post(
    '/api/tickets/duplicates',
    {
      config: { roles: ['agent', 'lead'] },
      schema: {
        tags: ['tickets'],
        summary: '重复件提示：近期同一电话、地址或事项的未办结工单（条件放在请求体中）',
        body: DuplicateQuery,
        response: { 200: DuplicateList, ...errorResponses },
      },
    },
    async (request) => queries.findDuplicates(ticketActorFromRequest(request), request.body),
  );

  r.get(
    '/api/tickets/:id',
    {
      config: { roles: ['agent', 'lead', 'admin', 'handler', 'dept_head'] },
      schema: {
        tags: ['tickets'],
        summary: '工单详情（含时间线、派单轮次、时限）；热线查看诉求人信息均记入审计',
        params: IdParams,
        response: { 200: TicketDetail, ...errorResponses },
      },
    },
    async (request) => queries.getTicket(ticketActorFromRequest(request), request.params.id),
  );

  r.post(
    '/api/tickets/:id/attachments',
    {
      config: { roles: ['agent', 'lead'] },
      bodyLimit: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags: ['tickets'],
        summary: '上传信件扫描件（JPEG/PNG/PDF，不超过 5 MB，base64）',
        params: IdParams,
        body: AttachmentBody,
        response: { 201: AttachmentView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await attachments.attach(ticketActorFromRequest(request), request.params.id, request.body);
      return reply.status(201).send(row);
    },
  );

  r.get(
    '/api/tickets/:id/attachments/:attachmentId',
    {
      config: { roles: ['agent', 'lead', 'admin', 'handler', 'dept_head'] },
      schema: { tags: ['tickets'], summary: '下载附件', params: AttachmentParams },
    },
    async (request, reply) => {
      const row = await attachments.download(
        ticketActorFromRequest(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', row.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(row.content);
    },
  );
}
