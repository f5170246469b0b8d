import type postgres from 'postgres';
import type { TicketState } from '@hotline/shared/domain/ticket-types';
import type { AuditActor, AuditEntry } from '../audit/audit.service.js';
import type { tickets } from './tickets.table.js';

type TicketInsert = Omit<typeof tickets.$inferInsert, 'number'> & { id: string; createdAt: Date };

export interface IntakeStatementInput {
  ticket: TicketInsert;
  /** Today's prefix and base of the daily counter (see ticket-numbers.ts). */
  numberPrefix: string;
  numberBase: number;
  idempotency: { key: string; requestHash: string } | null;
  actor: AuditActor;
  audit: AuditEntry;
}

/**
 * The intake hot path as ONE prepared statement — the idempotency key, the ticket and its audit row — which Postgres
 * runs as one transaction: all three rows or none. One round trip instead of five is what lets intake keep up with a
 * city's peak (see test/bench/tickets.bench.ts). The audit columns are exactly those `recordAudit` writes; every
 * other ticket change goes through `recordAudit` itself.
 *
 * With a key that another request already holds, the key insert waits for that request's commit and then inserts
 * nothing, so no ticket and no audit row are written and the result is empty: the caller returns the existing ticket.
 */
export async function insertTicketInOneStatement(
  sql: postgres.Sql,
  input: IntakeStatementInput,
): Promise<{ id: string; number: string; status: TicketState } | null> {
  const t = input.ticket;
  const key = input.idempotency;
  const categories = `{${(t.categories ?? []).join(',')}}`;
  // Instants go over the wire as ISO text with explicit casts: inside INSERT … SELECT the server cannot infer them.
  const createdAt = t.createdAt.toISOString();
  const occurredAt = t.occurredAt ? t.occurredAt.toISOString() : null;
  const rows = await sql<{ id: string; number: string; status: TicketState }[]>`
    with k as (
      insert into ticket_idempotency_keys (key, ticket_id, request_hash, user_id, created_at)
      select ${key?.key ?? ''}, ${t.id}::uuid, ${key?.requestHash ?? ''}, ${input.actor.userId}::uuid, ${createdAt}::timestamptz
      where ${key !== null}::boolean
      on conflict (key) do nothing
      returning ticket_id
    ),
    go as (
      select ${t.id}::uuid as id where ${key === null}::boolean
      union all
      select ticket_id from k
    ),
    t as (
      insert into tickets (
        id, number, status, channel, type, urgency, categories, title, content, address, caller_name, caller_phone,
        green_channel, confidential, occurred_at, matter_id, answer, legal_route, transfer_line, call_id, letter_date,
        query_code_hash, created_by, created_at, updated_at
      )
      select
        go.id, ${input.numberPrefix} || lpad((nextval('ticket_number_seq') - ${input.numberBase})::text, 6, '0'),
        ${t.status}::ticket_state, ${t.channel}::ticket_channel, ${t.type}::ticket_type, ${t.urgency}::ticket_urgency,
        ${categories}::text[], ${t.title}, ${t.content}, ${t.address}, ${t.callerName}, ${t.callerPhone},
        ${t.greenChannel ?? false}, ${t.confidential ?? false}, ${occurredAt}::timestamptz,
        ${t.matterId ?? null}::uuid, ${t.answer ?? null}, ${t.legalRoute ?? null}, ${t.transferLine ?? null},
        ${t.callId ?? null}, ${t.letterDate ?? null}::date, ${t.queryCodeHash ?? null}, ${t.createdBy ?? null}::uuid,
        ${createdAt}::timestamptz, ${createdAt}::timestamptz
      from go
      returning id, number, status
    ),
    a as (
      insert into audit_log (actor_id, actor_role, ip, action, entity_type, entity_id, from_state, to_state, reason, detail)
      select ${input.actor.userId}::uuid, ${input.actor.role}, ${input.actor.ip}, ${input.audit.action},
        ${input.audit.entityType}, t.id::text, ${input.audit.fromState ?? null}, ${input.audit.toState ?? null},
        ${input.audit.reason ?? null}, ${JSON.stringify(input.audit.detail ?? null)}::jsonb
      from t
    )
    select id, number, status from t`;
  return rows[0] ?? null;
}
