import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { PublicEnquiryBody, PublicEnquiryResponse, PublicEnquiryStatus } from '@hotline/shared/contracts/tickets';
import { TICKET_STATE_LABELS } from '@hotline/shared/domain/ticket-types';
import { toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import { notFound } from '../../platform/http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { auditLog } from '../audit/audit.table.js';
import { ticketReplies } from '../dispatch/dispatch.table.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketIntake } from './ticket-intake.service.js';
import { tickets } from './tickets.table.js';

/** Unambiguous characters only (no 0/O, 1/I/L): citizens type the code from an SMS or a screenshot. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function newQueryCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function hashQueryCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

/** Audit actions a citizen may see as progress steps, with the words they read. Everything else stays internal. */
const PUBLIC_STEPS: Record<string, string> = {
  'ticket.create': '已受理',
  'ticket.dispatch': '已派发承办单位',
  'ticket.sign': '承办单位已签收',
  'ticket.auto_sign': '承办单位已签收',
  'ticket.reply_review': '承办单位已答复',
  'ticket.callback': '已回访',
  'ticket.reopen': '重新办理',
  'ticket.close': '已办结',
  'ticket.merge': '已与相同诉求合并办理',
  // Shown only when approved (see publicStepLabel): the citizen is told the new deadline (issue 9.9).
  'ticket.extension_review': '经审核同意延期办理',
  'ticket.callback_verdict': '已回访',
};

/** The citizen-facing label of an audit row; null for rows the citizen is not shown (a refused extension). */
function publicStepLabel(action: string, detail: Record<string, unknown> | null): string | null {
  if (action === 'ticket.extension_review') {
    if (detail?.approve !== true) return null;
    const due = typeof detail.newDueAt === 'string' ? toShanghaiDate(new Date(detail.newDueAt)) : null;
    return due ? `经审核同意延期办理，办理期限延至${due}` : PUBLIC_STEPS[action]!;
  }
  return PUBLIC_STEPS[action] ?? null;
}

const NOT_FOUND_MESSAGE = '未找到该诉求，请核对编号和查询码';

/** 网上诉求: the public web form (no sign-in) and its progress query by number + query code. */
export function createPublicEnquiries(deps: { db: Db; clock: Clock; intake: TicketIntake }) {
  const { db, clock, intake } = deps;

  async function submit(actor: TicketActor, body: PublicEnquiryBody): Promise<PublicEnquiryResponse> {
    const queryCode = newQueryCode();
    const { ticket } = await intake.createTicket(
      actor,
      {
        channel: 'web',
        type: body.type ?? 'consultation',
        urgency: 'normal',
        caller: { name: body.name, phone: body.phone },
        address: body.address || '（未填写）',
        content: body.content,
        decision: 'dispatch',
      },
      { queryCodeHash: hashQueryCode(queryCode) },
    );
    return { number: ticket.number, queryCode };
  }

  /**
   * A honeypot hit: answer exactly like a success so the bot learns nothing, store nothing. The fake number has
   * today's prefix and a counter no real ticket uses (9xxxxx).
   */
  function decoy(): PublicEnquiryResponse {
    const day = toShanghaiDate(clock.now()).replaceAll('-', '');
    return { number: `${day}9${String(randomInt(100000)).padStart(5, '0')}`, queryCode: newQueryCode() };
  }

  async function status(number: string, code: string): Promise<PublicEnquiryStatus> {
    const [ticket] = await db
      .select({
        id: tickets.id,
        number: tickets.number,
        status: tickets.status,
        createdAt: tickets.createdAt,
        queryCodeHash: tickets.queryCodeHash,
      })
      .from(tickets)
      .where(eq(tickets.number, number))
      .limit(1);
    const expected = Buffer.from(ticket?.queryCodeHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(hashQueryCode(code), 'hex');
    if (!ticket?.queryCodeHash || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw notFound(NOT_FOUND_MESSAGE);
    }
    const events = await db
      .select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'ticket'),
          eq(auditLog.entityId, ticket.id),
          inArray(auditLog.action, Object.keys(PUBLIC_STEPS)),
        ),
      )
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    const [reply] = await db
      .select({ content: ticketReplies.content })
      .from(ticketReplies)
      .where(and(eq(ticketReplies.ticketId, ticket.id), eq(ticketReplies.review, 'approved')))
      .orderBy(desc(ticketReplies.reviewedAt))
      .limit(1);
    return {
      number: ticket.number,
      statusLabel: TICKET_STATE_LABELS[ticket.status],
      createdAt: ticket.createdAt.toISOString(),
      steps: events.flatMap((e) => {
        const label = publicStepLabel(e.action, e.detail as Record<string, unknown> | null);
        return label ? [{ at: e.at.toISOString(), label }] : [];
      }),
      reply: reply?.content ?? null,
    };
  }

  return { submit, decoy, status };
}
export type PublicEnquiries = ReturnType<typeof createPublicEnquiries>;
