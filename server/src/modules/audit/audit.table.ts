import { pgTable, bigserial, uuid, text, jsonb, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail: every state change and every view of personal data.
 * A trigger (migration 0001) makes the database itself refuse UPDATE, DELETE and TRUNCATE.
 * actor_id has no foreign key on purpose: audit rows must outlive anything they mention.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for the system (timers, workers) and for anonymous public requests. */
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    /** Dotted verb, e.g. auth.login, ticket.sign, ticket.view_personal_data. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    fromState: text('from_state'),
    toState: text('to_state'),
    reason: text('reason'),
    /** Client IP as Fastify saw it (trustProxy decides whether X-Forwarded-For counts). */
    ip: text('ip'),
    detail: jsonb('detail'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
  ],
);
