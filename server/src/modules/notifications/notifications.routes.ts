import type { FastifyInstance } from 'fastify';
import { errorResponses } from '@hotline/shared/contracts/common';
import { OutboxList, OutboxQuery } from '@hotline/shared/contracts/knowledge';
import { maskPhone } from '@hotline/shared/domain/phone';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';
import { listOutbox } from './notifications.repository.js';

/** 短信发件箱: what the system sent (or tried to). Numbers are masked: the outbox is for checking delivery, not for calling. */
export async function notificationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  typed(app).get(
    '/api/notifications/outbox',
    {
      config: { roles: ['agent', 'lead', 'admin'] },
      schema: {
        tags: ['notifications'],
        summary: '短信发件箱',
        querystring: OutboxQuery,
        response: { 200: OutboxList, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listOutbox(db, request.query.limit ?? 50);
      return {
        items: rows.map((r) => ({
          id: r.id,
          noticeId: r.noticeId,
          phone: maskPhone(r.phone) ?? '',
          body: r.body,
          segments: r.segments,
          provider: r.provider,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );
}
