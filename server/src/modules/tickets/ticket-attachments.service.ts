import { randomUUID } from 'node:crypto';
import { and, eq, type SQLWrapper } from 'drizzle-orm';
import { MAX_ATTACHMENT_BYTES } from '@hotline/shared/contracts/attachments';
import type { Tx } from '../../platform/db/client.js';
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

/** A file as uploaded, checked: decoded, within 5 MB, and a JPEG, PNG or PDF by its first bytes (400 otherwise). */
export interface CheckedFile {
  fileName: string;
  mimeType: 'image/jpeg' | 'image/png' | 'application/pdf';
  content: Buffer;
}

export function checkUploadedFile(input: { fileName: string; contentBase64: string }): CheckedFile {
  const content = Buffer.from(input.contentBase64, 'base64');
  const name = input.fileName;
  if (content.length === 0) throw badRequest(`附件「${name}」内容为空或不是有效的 base64`, 'attachment_empty');
  if (content.length > MAX_ATTACHMENT_BYTES) throw badRequest(`附件「${name}」超过 5 MB`, 'attachment_too_large');
  const mimeType = detectFileType(content);
  if (!mimeType) throw badRequest(`附件「${name}」只能是 JPEG、PNG 图片或 PDF 文件`, 'attachment_type');
  return { fileName: name, mimeType, content };
}

/**
 * The files of a unit's reply (办理反馈), written in the reply's own transaction and marked with the reply and the
 * unit: only that unit and the hotline may download them.
 */
/**
 * The files of a unit's reply as one INSERT not yet run (issue 12: the reply goes out in one write statement), with
 * the ids made here; null when there are none.
 */
export function replyAttachmentsStatement(
  tx: Tx,
  input: { ticketId: string; replyId: string; departmentId: string; uploadedBy: string | null; at: Date },
  files: CheckedFile[],
): { statement: SQLWrapper; ids: string[] } | null {
  if (files.length === 0) return null;
  const ids = files.map(() => randomUUID());
  const statement = tx.insert(ticketAttachments).values(
    files.map((f, index) => ({
      id: ids[index]!,
      ticketId: input.ticketId,
      replyId: input.replyId,
      departmentId: input.departmentId,
      fileName: f.fileName,
      mimeType: f.mimeType,
      size: f.content.length,
      content: f.content,
      uploadedBy: input.uploadedBy,
      createdAt: input.at,
    })),
  );
  return { statement, ids };
}

/** 信件扫描件: scanned letters attached to a ticket, kept in Postgres (bytea); also the files of units' replies. */
export function createTicketAttachments(deps: TicketActionDeps) {
  const { db, clock } = deps;

  async function attach(actor: TicketActor, ticketId: string, input: { fileName: string; contentBase64: string }) {
    const { content, mimeType } = checkUploadedFile(input);
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
   * user needs a round on the ticket and never gets the scan of a 保密 ticket or a 举报 (404 either way). A file of a
   * unit's reply goes to that unit and the hotline only (another unit on the ticket gets 404). Every download is
   * audited like the detail view.
   */
  async function download(actor: TicketActor, ticketId: string, attachmentId: string) {
    return db.transaction(async (tx) => {
      const ticket = await findTicket(tx, ticketId);
      if (!ticket) throw notFound('附件不存在或无权查看');
      const [row] = await tx
        .select()
        .from(ticketAttachments)
        .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId)))
        .limit(1);
      if (!row) throw notFound('附件不存在或无权查看');
      if (isDepartmentActor(actor)) {
        const ownUnit = !!actor.departmentId && (await departmentHasRound(tx, ticketId, actor.departmentId));
        const allowed = row.replyId
          ? ownUnit && row.departmentId === actor.departmentId
          : ownUnit && !callerHiddenFromUnits(ticket);
        if (!allowed) throw notFound('附件不存在或无权查看');
      }
      await recordAudit(tx, actor, {
        action: 'ticket.view_personal_data',
        entityType: 'ticket',
        entityId: ticketId,
        detail: { number: ticket.number, attachmentId: row.id, fileName: row.fileName, replyId: row.replyId },
      });
      return row;
    });
  }

  return { attach, download };
}
export type TicketAttachments = ReturnType<typeof createTicketAttachments>;
