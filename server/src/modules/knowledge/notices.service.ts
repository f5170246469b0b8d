import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type {
  AttachNoticeBody,
  NoticePreview,
  NoticeSelection,
  NoticeView,
  PublicNotice,
} from '@hotline/shared/contracts/knowledge';
import {
  missingNoticeSections,
  NOTICE_SECTION_LABELS,
  NoticeRenderError,
  renderNoticeSmsSegments,
  renderNoticeSmsText,
  renderOnceNotice,
  type OnceNotice,
  type RenderNoticeInput,
} from '@hotline/shared/domain/notice-rendering';
import { isMobileNumber, maskPhone } from '@hotline/shared/domain/phone';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import type { Queues } from '../../platform/queue/queues.js';
import { badRequest, conflict, notFound, unprocessable } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { tickets } from '../tickets/tickets.table.js';
import { insertOutboxMessage, updateOutboxMessage } from '../notifications/notifications.repository.js';
import { enqueueSms, type DeliveryListener } from '../notifications/sms-delivery.service.js';
import { recordGap } from './curation.service.js';
import type { KbActor } from './kb-actor.js';
import { kbBundles } from './knowledge.table.js';
import { findMatter, findPublishedSituations, findVersion, loadContents } from './matters.repository.js';
import { toNoticeSource } from './matters.service.js';
import { ticketNotices, type TicketNoticeRow } from './notices.table.js';

/** Placeholder link of a preview: the real token exists only once the notice is stored on a ticket. */
const PREVIEW_LINK = 'https://12345.example/notice/（发送后生成）';

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Resolves the agent's choice against the published knowledge base. */
async function resolveSelection(
  db: DbOrTx,
  selection: NoticeSelection,
): Promise<{ input: Omit<RenderNoticeInput, 'renderedAt'>; bundleId: string | null }> {
  if (selection.bundleId && selection.matterId) throw badRequest('请选择一个事项或一个“一件事”，不能同时选择');
  if (selection.bundleId) {
    const [bundle] = await db.select().from(kbBundles).where(eq(kbBundles.id, selection.bundleId));
    if (!bundle) throw notFound('一件事不存在');
    const found = await findPublishedSituations(db, bundle.situationCodes);
    const missing = bundle.situationCodes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw unprocessable(`一件事中的办事情形未发布，暂不能生成告知单：${missing.join('、')}`);
    // One part per matter, in the order its first situation appears in the bundle.
    const order: string[] = [];
    const codesByMatter = new Map<string, string[]>();
    for (const code of bundle.situationCodes) {
      const s = found.find((f) => f.code === code)!;
      if (!codesByMatter.has(s.matterId)) {
        order.push(s.matterId);
        codesByMatter.set(s.matterId, []);
      }
      codesByMatter.get(s.matterId)!.push(code);
    }
    const versions = order.map((id) => found.find((f) => f.matterId === id)!);
    const contents = await loadContents(
      db,
      versions.map((v) => v.version),
    );
    return {
      bundleId: bundle.id,
      input: {
        bundle: { code: bundle.code, name: bundle.name, description: bundle.description },
        parts: versions.map((v) => ({
          matter: toNoticeSource(
            { id: v.matterId, code: v.matterCode },
            v.version,
            contents.get(v.version.id)!,
            v.departmentName,
          ),
          situationCodes: codesByMatter.get(v.matterId)!,
        })),
        remarks: selection.remarks ?? null,
      },
    };
  }
  if (!selection.matterId) throw badRequest('请选择事项或“一件事”');
  const found = await findMatter(db, selection.matterId);
  const version = found?.matter.publishedVersionId ? await findVersion(db, found.matter.publishedVersionId) : null;
  if (!found || !version) throw notFound('事项不存在或尚未发布');
  const content = (await loadContents(db, [version])).get(version.id)!;
  let situationCodes = selection.situationCodes ?? [];
  // A matter with a single situation needs no choice.
  if (situationCodes.length === 0 && content.situations.length === 1) situationCodes = [content.situations[0]!.code];
  return {
    bundleId: null,
    input: {
      bundle: null,
      parts: [{ matter: toNoticeSource(found.matter, version, content, found.departmentName), situationCodes }],
      remarks: selection.remarks ?? null,
    },
  };
}

/** Renders and enforces: a notice missing any required section is refused, naming what is missing. */
export async function renderEnforcedNotice(db: DbOrTx, selection: NoticeSelection, now: Date) {
  const { input, bundleId } = await resolveSelection(db, selection);
  let notice: OnceNotice;
  try {
    notice = renderOnceNotice({ ...input, renderedAt: now });
  } catch (error) {
    if (error instanceof NoticeRenderError) throw unprocessable(error.message, 'notice_invalid');
    throw error;
  }
  const missing = missingNoticeSections(notice);
  if (missing.length) {
    const list = missing.map((m) => `「${m.matterName}」的${NOTICE_SECTION_LABELS[m.section]}`).join('、');
    throw unprocessable(`一次告知单缺少必备内容：${list}，请联系知识库采编补全后再告知`, 'notice_incomplete');
  }
  return { notice, bundleId };
}

/**
 * Renders the notice, stores it on the ticket with the versions it came from and, when asked, writes the SMS to the
 * outbox — all inside the caller's transaction (the tickets intake may call it in its own). The caller enqueues the
 * SMS with `enqueueSms(queues, outboxId)` after the commit.
 */
export async function attachNoticeInTransaction(
  tx: DbOrTx,
  actor: AuditActor & { userId: string | null },
  ticket: { id: string; callerPhone: string },
  body: AttachNoticeBody,
  options: { now: Date; publicBaseUrl: string; smsProviderName: string },
): Promise<{ row: TicketNoticeRow; outboxId: string | null; phone: string | null }> {
  const { now } = options;
  const { notice, bundleId } = await renderEnforcedNotice(tx, body, now);
  const token = newToken();
  const link = `${options.publicBaseUrl}/notice/${token}`;
  const segments = renderNoticeSmsSegments(notice, link);
  const send = body.send === true;
  if (send && !isMobileNumber(ticket.callerPhone)) {
    throw unprocessable('来电号码不是手机号码，无法发送短信；请将告知单链接口头告知或改用其他方式', 'not_mobile');
  }
  const [inserted] = await tx
    .insert(ticketNotices)
    .values({
      ticketId: ticket.id,
      matterVersionId: notice.parts.length === 1 && !bundleId ? notice.parts[0]!.versionId : null,
      bundleId,
      sourceVersions: notice.parts.map((p) => ({
        matterId: p.matterId,
        versionId: p.versionId,
        versionNo: p.versionNo,
      })),
      rendered: notice,
      smsSegments: segments,
      token,
      deliveryStatus: send ? 'sending' : 'not_sent',
      createdBy: actor.userId,
      createdAt: now,
    })
    .returning();
  let outboxId: string | null = null;
  if (send) {
    const message = await insertOutboxMessage(tx, {
      noticeId: inserted!.id,
      phone: ticket.callerPhone,
      body: renderNoticeSmsText(notice, link),
      segments,
      provider: options.smsProviderName,
      createdAt: now,
    });
    outboxId = message.id;
  }
  await recordAudit(tx, actor, {
    action: 'ticket.notice_attach',
    entityType: 'ticket',
    entityId: ticket.id,
    detail: {
      noticeId: inserted!.id,
      bundleId,
      versions: notice.parts.map((p) => `${p.matterCode}@v${p.versionNo}`),
      smsQueued: send,
    },
  });
  return { row: inserted!, outboxId, phone: send ? ticket.callerPhone : null };
}

/** `callerPhone` is shown (masked) only once an SMS went, or was meant to go, to it. */
function toView(row: TicketNoticeRow, callerPhone: string | null): NoticeView {
  const phone = row.deliveryStatus === 'not_sent' ? null : callerPhone;
  return {
    id: row.id,
    ticketId: row.ticketId,
    token: row.token,
    publicPath: `/notice/${row.token}`,
    notice: row.rendered,
    smsSegments: row.smsSegments,
    delivery: {
      status: row.deliveryStatus,
      attempts: row.deliveryAttempts,
      lastError: row.deliveryError,
      sentAt: row.deliveredAt?.toISOString() ?? null,
      phone: maskPhone(phone),
    },
    createdAt: row.createdAt.toISOString(),
  };
}

/** Keeps the notice's delivery state in step with its SMS (called by the notifications worker). */
export const updateNoticeDelivery: DeliveryListener = async (db, change) => {
  await db
    .update(ticketNotices)
    .set({
      deliveryStatus: change.status,
      deliveryAttempts: change.attempts,
      deliveryError: change.error,
      ...(change.status === 'sent' ? { deliveredAt: change.at } : {}),
    })
    .where(eq(ticketNotices.id, change.noticeId));
};

/** What the notice shows when its SMS could not even be queued (the queue was down right after the commit). */
export const SMS_NOT_QUEUED = '短信未能进入发送队列，请稍后重新发送告知单';

/**
 * Queues the SMS of a notice whose transaction has committed. The ticket and the notice are kept whatever happens
 * here: when the queue refuses the job, the notice (and its outbox message) are marked failed with a reason, so the
 * agent sees "发送失败" on the ticket instead of a notice stuck in "发送中" — never a lost SMS nor a lost ticket.
 */
export async function queueNoticeSms(
  db: DbOrTx,
  queues: Queues | null,
  sms: { outboxId: string; noticeId: string },
): Promise<void> {
  try {
    if (!queues) throw new Error('no queue');
    await enqueueSms(queues, sms.outboxId);
  } catch {
    await db
      .update(ticketNotices)
      .set({ deliveryStatus: 'failed', deliveryError: SMS_NOT_QUEUED })
      .where(eq(ticketNotices.id, sms.noticeId))
      .catch(() => undefined);
    await updateOutboxMessage(db, sms.outboxId, { status: 'failed', lastError: SMS_NOT_QUEUED }).catch(() => undefined);
  }
}

export function createNoticesService(deps: {
  db: Db;
  clock: Clock;
  queues: Queues;
  publicBaseUrl: string;
  smsProviderName: string;
}) {
  const { db, clock } = deps;

  async function findTicketForNotice(tx: DbOrTx, ticketId: string) {
    const [ticket] = await tx
      .select({ id: tickets.id, type: tickets.type, status: tickets.status, callerPhone: tickets.callerPhone })
      .from(tickets)
      .where(eq(tickets.id, ticketId))
      .for('update');
    if (!ticket) throw notFound('工单不存在或无权查看');
    if (ticket.status === 'archived') throw conflict('工单已归档，不能再添加一次告知单');
    return ticket;
  }

  const selectNoticesWithPhone = () =>
    db
      .select({ notice: ticketNotices, phone: tickets.callerPhone })
      .from(ticketNotices)
      .innerJoin(tickets, eq(tickets.id, ticketNotices.ticketId))
      .$dynamic();

  return {
    async preview(selection: NoticeSelection): Promise<NoticePreview> {
      const { notice } = await renderEnforcedNotice(db, selection, clock.now());
      return { notice, smsSegments: renderNoticeSmsSegments(notice, PREVIEW_LINK) };
    },

    /**
     * Renders the notice, stores it on the ticket with the versions it came from and, when asked, queues the SMS to
     * the caller. The job is enqueued after the commit.
     */
    async attachToTicket(actor: KbActor, ticketId: string, body: AttachNoticeBody): Promise<NoticeView> {
      const { row, outboxId, phone } = await db.transaction(async (tx) =>
        attachNoticeInTransaction(tx, actor, await findTicketForNotice(tx, ticketId), body, {
          now: clock.now(),
          publicBaseUrl: deps.publicBaseUrl,
          smsProviderName: deps.smsProviderName,
        }),
      );
      if (outboxId) {
        await queueNoticeSms(db, deps.queues, { outboxId, noticeId: row.id });
        const [fresh] = await db.select().from(ticketNotices).where(eq(ticketNotices.id, row.id));
        return toView(fresh ?? row, phone);
      }
      return toView(row, phone);
    },

    /** 「无匹配事项」: the consultation found no matter; the question goes on the gap list and the ticket may close. */
    async markNoMatchingMatter(actor: KbActor, ticketId: string, question: string): Promise<{ gapId: string }> {
      return db.transaction(async (tx) => {
        await findTicketForNotice(tx, ticketId);
        const gapId = await recordGap(tx, actor, {
          question,
          source: 'no_matching_matter',
          ticketId,
          reportedBy: actor.userId,
        });
        await recordAudit(tx, actor, {
          action: 'ticket.no_matching_matter',
          entityType: 'ticket',
          entityId: ticketId,
          detail: { gapId },
        });
        return { gapId };
      });
    },

    async get(noticeId: string): Promise<NoticeView> {
      const [row] = await selectNoticesWithPhone().where(eq(ticketNotices.id, noticeId));
      if (!row) throw notFound('告知单不存在');
      return toView(row.notice, row.phone);
    },

    async listForTicket(ticketId: string): Promise<{ items: NoticeView[] }> {
      const rows = await selectNoticesWithPhone()
        .where(eq(ticketNotices.ticketId, ticketId))
        .orderBy(desc(ticketNotices.createdAt));
      return { items: rows.map((r) => toView(r.notice, r.phone)) };
    },

    /** The citizen's page: the rendered notice only — no ticket, no phone, no name. */
    async getPublic(token: string): Promise<PublicNotice> {
      const [row] = await db
        .select({ rendered: ticketNotices.rendered, createdAt: ticketNotices.createdAt })
        .from(ticketNotices)
        .where(eq(ticketNotices.token, token));
      if (!row) throw notFound('告知单不存在或链接有误');
      return { notice: row.rendered, createdAt: row.createdAt.toISOString() };
    },
  };
}

export type NoticesService = ReturnType<typeof createNoticesService>;
