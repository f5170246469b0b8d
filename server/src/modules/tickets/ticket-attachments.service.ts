import { and, eq } from 'drizzle-orm';
import { MAX_ATTACHMENT_BYTES } from '@hotline/shared/contracts/attachments';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { TicketActionDeps } from './ticket-action.js';
import { isDepartmentActor, type TicketActor } from './ticket-actor.js';
import { departmentHasRound, findTicket } from './tickets.repository.js';
import { callerHiddenFromUnits } from './ticket-views.js';
import { ticketAttachments } from './tickets.table.js';

/** The type of a file from its first bytes: the client's claimed type and file name are not trusted. */
export function detectFileType(content: Buffer): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (
    content.length >= 8 &&
    content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** 信件扫描件: scanned letters attached to a ticket, kept in Postgres (bytea). */
export function createTicketAttachments(deps: TicketActionDeps) {
  const { db, clock } = deps;

  async function attach(actor: TicketActor, ticketId: string, input: { fileName: string; contentBase64: string }) {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length === 0) throw badRequest('附件内容为空或不是有效的 base64');
    if (content.length > MAX_ATTACHMENT_BYTES) throw badRequest('附件不能超过 5 MB', 'attachment_too_large');
    const mimeType = detectFileType(content);
    if (!mimeType) throw badRequest('附件只能是 JPEG、PNG 图片或 PDF 文件', 'attachment_type');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const ticket = await findTicket(tx, ticketId);
      if (!ticket) throw notFound('工单不存在或无权查看');
      const [row] = await tx
        .insert(ticketAttachments)
        .values({
          ticketId,
          fileName: input.fileName,
          mimeType,
          size: content.length,
          content,
          uploadedBy: actor.userId,
          createdAt: now,
        })
        .returning({
          id: ticketAttachments.id,
          fileName: ticketAttachments.fileName,
          mimeType: ticketAttachments.mimeType,
          size: ticketAttachments.size,
        });
      await recordAudit(tx, actor, {
        action: 'ticket.attach',
        entityType: 'ticket',
        entityId: ticketId,
        detail: { attachmentId: row!.id, mimeType, size: content.length },
      });
      return row!;
    });
  }

  /**
   * The file itself. A scanned letter carries the writer's name and address, so it is personal data: a department
   * user needs a round on the ticket and never gets the scan of a 保密 ticket or a 举报 (404 either way), and every
   * download is audited like the detail view.
   */
  async function download(actor: TicketActor, ticketId: string, attachmentId: string) {
    return db.transaction(async (tx) => {
      const ticket = await findTicket(tx, ticketId);
      if (!ticket) throw notFound('附件不存在或无权查看');
      if (
        isDepartmentActor(actor) &&
        (callerHiddenFromUnits(ticket) ||
          !(actor.departmentId && (await departmentHasRound(tx, ticketId, actor.departmentId))))
      ) {
        throw notFound('附件不存在或无权查看');
      }
      const [row] = await tx
        .select()
        .from(ticketAttachments)
        .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId)))
        .limit(1);
      if (!row) throw notFound('附件不存在或无权查看');
      await recordAudit(tx, actor, {
        action: 'ticket.view_personal_data',
        entityType: 'ticket',
        entityId: ticketId,
        detail: { number: ticket.number, attachmentId: row.id, fileName: row.fileName },
      });
      return row;
    });
  }

  return { attach, download };
}
export type TicketAttachments = ReturnType<typeof createTicketAttachments>;
