import type { FastifyInstance } from 'fastify';
import { AuditList, AuditQuery } from '@hotline/shared/contracts/audit';
import { errorResponses } from '@hotline/shared/contracts/common';
import { listAuditEntries } from './audit.repository.js';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';

/** 审计日志 browser for administrators. */
export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  typed(app).get(
    '/api/audit',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: '查询审计日志',
        querystring: AuditQuery,
        response: { 200: AuditList, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listAuditEntries(db, { ...q, limit: q.limit ?? 100 });
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );
}
