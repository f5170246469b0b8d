import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/platform/db/client.js';

/**
 * Raw rows for the supervision tests: the metrics are derived from records, so the tests build the records
 * directly (with exact instants) instead of driving every action over HTTP.
 */
let counter = 0;
export const at = (iso: string) => new Date(iso);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface RawTicket {
  id?: string;
  status: string;
  channel?: string;
  type?: string;
  address?: string;
  answer?: string | null;
  currentRound?: number;
  leadDepartmentId?: string | null;
  createdBy?: string | null;
  createdAt: Date;
  matterId?: string | null;
  title?: string;
}

export async function insertTicket(db: Db, t: RawTicket): Promise<string> {
  const id = t.id ?? randomUUID();
  counter += 1;
  await db.execute(sql`
    INSERT INTO tickets (id, number, status, channel, type, urgency, title, content, address, caller_name,
                         caller_phone, answer, current_round, lead_department_id, created_by, created_at, matter_id)
    VALUES (${id}, ${`T${process.pid}${Date.now()}${counter}`}, ${t.status}, ${t.channel ?? 'phone'},
            ${t.type ?? 'complaint'}, 'normal', ${t.title ?? '测试工单'}, '内容', ${t.address ?? '示范市某路1号'},
            '李四', '13900001111', ${t.answer ?? null}, ${t.currentRound ?? 0}, ${t.leadDepartmentId ?? null},
            ${t.createdBy ?? null}, ${iso(t.createdAt)}, ${t.matterId ?? null})`);
  return id;
}

export async function updateTicketRaw(
  db: Db,
  id: string,
  patch: { status?: string; currentRound?: number; lead?: string },
) {
  await db.execute(sql`
    UPDATE tickets SET status = coalesce(${patch.status ?? null}::ticket_state, status),
      current_round = coalesce(${patch.currentRound ?? null}::int, current_round),
      lead_department_id = coalesce(${patch.lead ?? null}::uuid, lead_department_id), updated_at = now()
    WHERE id = ${id}`);
}

export interface RawRound {
  ticketId: string;
  round: number;
  departmentId: string;
  role?: 'lead' | 'co';
  reopened?: boolean;
  dispatchedAt: Date;
  signDueAt?: Date | null;
  signedAt?: Date | null;
  handlingDueAt?: Date | null;
  returnedAt?: Date | null;
  returnReview?: 'pending' | 'approved' | 'rejected' | null;
  repliedAt?: Date | null;
}

export async function insertRound(db: Db, r: RawRound): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO dispatch_rounds (id, ticket_id, round, department_id, role, reopened, dispatched_at, sign_due_at,
      signed_at, handling_due_at, returned_at, return_reason, return_review, replied_at, active)
    VALUES (${id}, ${r.ticketId}, ${r.round}, ${r.departmentId}, ${r.role ?? 'lead'}, ${r.reopened ?? false},
      ${iso(r.dispatchedAt)}, ${iso(r.signDueAt ?? null)}, ${iso(r.signedAt ?? null)}, ${iso(r.handlingDueAt ?? null)},
      ${iso(r.returnedAt ?? null)}, ${r.returnedAt ? sql`(enum_range(NULL::return_reason))[1]` : null},
      ${r.returnReview ?? null}, ${iso(r.repliedAt ?? null)}, true)`);
  return id;
}

export async function updateRound(
  db: Db,
  id: string,
  patch: Partial<Omit<RawRound, 'ticketId' | 'round' | 'departmentId'>>,
) {
  await db.execute(sql`
    UPDATE dispatch_rounds SET
      signed_at = ${patch.signedAt === undefined ? sql`signed_at` : iso(patch.signedAt)},
      handling_due_at = ${patch.handlingDueAt === undefined ? sql`handling_due_at` : iso(patch.handlingDueAt)},
      returned_at = ${patch.returnedAt === undefined ? sql`returned_at` : iso(patch.returnedAt)},
      return_reason = ${patch.returnedAt ? sql`(enum_range(NULL::return_reason))[1]` : sql`return_reason`},
      return_review = ${patch.returnReview === undefined ? sql`return_review` : sql`${patch.returnReview}::review_status`},
      replied_at = ${patch.repliedAt === undefined ? sql`replied_at` : iso(patch.repliedAt)}
    WHERE id = ${id}`);
}

export async function insertReply(
  db: Db,
  r: { ticketId: string; roundId: string; departmentId: string; createdAt: Date; reviewedAt: Date; content?: string },
): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO ticket_replies (id, ticket_id, round_id, department_id, content, created_at, review, reviewed_at)
    VALUES (${id}, ${r.ticketId}, ${r.roundId}, ${r.departmentId}, ${r.content ?? '已处理完毕'}, ${iso(r.createdAt)},
            'approved', ${iso(r.reviewedAt)})`);
  return id;
}

export async function insertCallback(
  db: Db,
  c: {
    ticketId: string;
    at: Date;
    agentId?: string | null;
    reached: boolean;
    satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
    solved?: boolean | null;
    comment?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO ticket_callbacks (id, ticket_id, at, agent_id, reached, satisfaction, solved, comment)
    VALUES (${id}, ${c.ticketId}, ${iso(c.at)}, ${c.agentId ?? null}, ${c.reached}, ${c.satisfaction ?? null},
            ${c.solved ?? null}, ${c.comment ?? null})`);
  return id;
}

export async function insertCall(
  db: Db,
  c: { agentId: string | null; enqueuedAt: Date; answered: boolean; waitSeconds: number; talkSeconds?: number },
): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO contacts (id, channel, call_id, caller_number, priority, skill_group, state, enqueued_at, answered_at,
                          ended_at, agent_id, wait_seconds, talk_seconds)
    VALUES (${id}, 'call', ${`call-${id}`}, '13900002222', (enum_range(NULL::contact_priority))[3],
            (enum_range(NULL::skill_group))[1], ${c.answered ? 'ended' : 'abandoned'}, ${iso(c.enqueuedAt)},
            ${c.answered ? iso(new Date(c.enqueuedAt.getTime() + c.waitSeconds * 1000)) : null},
            ${iso(new Date(c.enqueuedAt.getTime() + (c.waitSeconds + (c.talkSeconds ?? 0)) * 1000))},
            ${c.answered ? c.agentId : null}, ${c.waitSeconds}, ${c.answered ? (c.talkSeconds ?? 0) : null})`);
  return id;
}

export async function insertCallRating(
  db: Db,
  r: { contactId: string; agentId: string | null; rating: 1 | 2 | 3; ratedAt: Date },
) {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO call_ratings (id, contact_id, agent_id, rating, rated_at)
    VALUES (${id}, ${r.contactId}, ${r.agentId}, ${r.rating}, ${iso(r.ratedAt)})`);
  return id;
}
