import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '@hotline/shared/contracts/common';
import { listAuditEntries } from './audit.repository.js';
import type { Db } from '../../platform/db/client.js';
import { typed } from '../../platform/http/typed.js';

const AuditEntry = Type.Object({
  id: Type.Number(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  /** The actor's display name at read time (null for the system and for anonymous requests). */
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  fromState: Type.Union([Type.String(), Type.Null()]),
  toState: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown(),
});

/** 审计日志 browser for administrators. */
export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  typed(app).get(
    '/api/audit',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: '查询审计日志',
        querystring: Type.Object({
          entityType: Type.Optional(Type.String({ maxLength: 64 })),
          entityId: Type.Optional(Type.String({ maxLength: 64 })),
          actorId: Type.Optional(Type.String({ format: 'uuid' })),
          action: Type.Optional(Type.String({ maxLength: 64 })),
          beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listAuditEntries(db, { ...q, limit: q.limit ?? 100 });
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );
}
