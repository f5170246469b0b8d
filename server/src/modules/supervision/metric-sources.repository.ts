import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { pgArray } from './pg-array.js';
import {
  districtKeyword,
  type CallRatingSource,
  type CallbackSource,
  type ContactSource,
  type FactContext,
  type ReplySource,
  type RoundSource,
  type TicketSource,
} from './metric-facts.js';

/**
 * Reads the raw rows a metric fact is derived from, in batches (one query per table for many records), so a refresh
 * of a burst of 10,000 ticket events is a handful of queries per hundred tickets, not several per ticket.
 */

const uuidArray = (ids: string[]) => pgArray(ids, 'uuid');
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

export async function loadFactContext(db: DbOrTx, now: Date): Promise<FactContext> {
  const departments = await db.execute<{ id: string; kind: string; parent_id: string | null; name: string }>(
    sql`SELECT id, kind, parent_id, name FROM departments`,
  );
  const unit = new Map<string, string>();
  for (const d of departments) unit.set(d.id, d.kind === 'street' && d.parent_id ? d.parent_id : d.id);
  const districts = departments
    .filter((d) => d.kind === 'district')
    .map((d) => ({ id: d.id, name: districtKeyword(d.name) }));
  const matters = await db.execute<{ id: string }>(sql`
    SELECT m.id FROM kb_matters m JOIN kb_matter_versions v ON v.id = m.published_version_id
    WHERE v.visit_class IN ('zero_visit', 'one_visit')`);
  const oneVisit = new Set(matters.map((m) => m.id));
  return {
    now,
    unitOf: (id) => unit.get(id) ?? id,
    districts,
    oneVisit: (id) => oneVisit.has(id),
  };
}

export interface TicketBundle {
  ticket: TicketSource;
  rounds: RoundSource[];
  replies: ReplySource[];
  callbacks: CallbackSource[];
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export async function loadTicketBundles(db: DbOrTx, ids: string[]): Promise<Map<string, TicketBundle>> {
  const out = new Map<string, TicketBundle>();
  if (ids.length === 0) return out;
  const tickets = await db.execute<Record<string, unknown>>(sql`
    SELECT t.id, t.status, t.channel, t.type, t.matter_id, t.address, t.answer, t.current_round,
           t.lead_department_id, t.created_by, t.created_at,
           (SELECT max(a.at) FROM audit_log a WHERE a.entity_type = 'ticket' AND a.entity_id = t.id::text
              AND a.to_state = 'closed') AS closed_at
    FROM tickets t WHERE t.id = ANY(${uuidArray(ids)})`);
  const rounds = await db.execute<Record<string, unknown>>(sql`
    SELECT r.id, r.ticket_id, r.round, r.department_id, r.role, r.reopened, r.dispatched_at, r.sign_due_at,
           r.signed_at, r.handling_due_at, r.returned_at, r.return_review, r.replied_at,
           EXISTS (SELECT 1 FROM extension_requests e WHERE e.round_id = r.id AND e.status = 'approved') AS extended
    FROM dispatch_rounds r WHERE r.ticket_id = ANY(${uuidArray(ids)})`);
  const replies = await db.execute<Record<string, unknown>>(sql`
    SELECT id, ticket_id, review, reviewed_at FROM ticket_replies WHERE ticket_id = ANY(${uuidArray(ids)})`);
  const callbacks = await db.execute<Record<string, unknown>>(sql`
    SELECT c.id, c.ticket_id, c.at, c.agent_id, c.reached, c.satisfaction, c.solved,
           -- A lead's 判定 "not the unit's fault" (dispatch closure) counts like a ruling; a later explicit
           -- ruling (rating_rulings) decides when there is one.
           coalesce(rr.unreasonable, c.verdict = 'not_unit_fault', false) AS ruled_unreasonable
    FROM ticket_callbacks c LEFT JOIN rating_rulings rr ON rr.callback_id = c.id
    WHERE c.ticket_id = ANY(${uuidArray(ids)})`);
  const roundsBy = group([...rounds], (r) => r.ticket_id as string);
  const repliesBy = group([...replies], (r) => r.ticket_id as string);
  const callbacksBy = group([...callbacks], (r) => r.ticket_id as string);
  for (const t of tickets) {
    const id = t.id as string;
    out.set(id, {
      ticket: {
        id,
        status: t.status as string,
        channel: t.channel as string,
        type: t.type as string,
        matterId: (t.matter_id as string | null) ?? null,
        address: t.address as string,
        answer: (t.answer as string | null) ?? null,
        currentRound: Number(t.current_round),
        leadDepartmentId: (t.lead_department_id as string | null) ?? null,
        createdBy: (t.created_by as string | null) ?? null,
        createdAt: date(t.created_at)!,
        closedAt: date(t.closed_at),
      },
      rounds: (roundsBy.get(id) ?? []).map((r) => ({
        id: r.id as string,
        round: Number(r.round),
        departmentId: r.department_id as string,
        role: r.role as string,
        reopened: Boolean(r.reopened),
        dispatchedAt: date(r.dispatched_at)!,
        signDueAt: date(r.sign_due_at),
        signedAt: date(r.signed_at),
        handlingDueAt: date(r.handling_due_at),
        returnedAt: date(r.returned_at),
        returnReview: (r.return_review as string | null) ?? null,
        repliedAt: date(r.replied_at),
        extended: Boolean(r.extended),
      })),
      replies: (repliesBy.get(id) ?? []).map((r) => ({
        id: r.id as string,
        review: r.review as string,
        reviewedAt: date(r.reviewed_at),
      })),
      callbacks: (callbacksBy.get(id) ?? []).map((c) => ({
        id: c.id as string,
        at: date(c.at)!,
        agentId: (c.agent_id as string | null) ?? null,
        reached: Boolean(c.reached),
        satisfaction: (c.satisfaction as string | null) ?? null,
        solved: c.solved === null ? null : Boolean(c.solved),
        ruledUnreasonable: Boolean(c.ruled_unreasonable),
      })),
    });
  }
  return out;
}

export interface ContactBundle {
  contact: ContactSource;
  rating: CallRatingSource | null;
}

export async function loadContactBundles(db: DbOrTx, ids: string[]): Promise<Map<string, ContactBundle>> {
  const out = new Map<string, ContactBundle>();
  if (ids.length === 0) return out;
  const rows = await db.execute<Record<string, unknown>>(sql`
    SELECT c.id, c.channel, c.state, c.agent_id, c.enqueued_at, c.answered_at, c.wait_seconds, c.talk_seconds,
           cr.id AS rating_id, cr.agent_id AS rating_agent_id, cr.rating, cr.rated_at,
           coalesce(rr.unreasonable, false) AS ruled_unreasonable
    FROM contacts c
    LEFT JOIN call_ratings cr ON cr.contact_id = c.id
    LEFT JOIN rating_rulings rr ON rr.call_rating_id = cr.id
    WHERE c.id = ANY(${uuidArray(ids)})`);
  for (const r of rows) {
    out.set(r.id as string, {
      contact: {
        id: r.id as string,
        channel: r.channel as string,
        state: r.state as string,
        agentId: (r.agent_id as string | null) ?? null,
        enqueuedAt: date(r.enqueued_at)!,
        answeredAt: date(r.answered_at),
        waitSeconds: r.wait_seconds === null ? null : Number(r.wait_seconds),
        talkSeconds: r.talk_seconds === null ? null : Number(r.talk_seconds),
      },
      rating: r.rating_id
        ? {
            id: r.rating_id as string,
            agentId: (r.rating_agent_id as string | null) ?? null,
            rating: Number(r.rating),
            ratedAt: date(r.rated_at)!,
            ruledUnreasonable: Boolean(r.ruled_unreasonable),
          }
        : null,
    });
  }
  return out;
}
