import { and, desc } from 'drizzle-orm';
import { MAX_EXPORT_ROWS, type TicketExportBody } from '@hotline/shared/contracts/tickets';
import { maskName, maskPhone } from '@hotline/shared/domain/phone';
import {
  CHANNEL_LABELS,
  TICKET_STATE_LABELS,
  TICKET_TYPE_LABELS,
  URGENCY_LABELS,
} from '@hotline/shared/domain/ticket-types';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { departmentRefs } from '../departments/departments.repository.js';
import { loadExcelJs } from '../intelligence/exceljs-loader.js';
import type { TicketActor } from './ticket-actor.js';
import { listFilter } from './ticket-query.service.js';
import { callerHiddenFromUnits } from './ticket-views.js';
import { tickets, type TicketRow } from './tickets.table.js';

const HEADER = [
  '工单编号',
  '受理时间',
  '渠道',
  '类型',
  '紧急程度',
  '状态',
  '标题',
  '事发地址',
  '主办单位',
  '办理期限',
  '诉求人',
  '联系电话',
];

/** 2026-12-02 09:30 in Beijing time: what a spreadsheet reader expects, not UTC. */
function beijing(instant: Date | null): string {
  if (!instant) return '';
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The caller as an exported sheet may carry them: masked (张*, 138****1234) for every role, and withheld for 保密
 * tickets and every 举报 whoever exports — a file leaves the system's access rules behind.
 */
export function exportedCaller(ticket: Pick<TicketRow, 'callerName' | 'callerPhone' | 'confidential' | 'type'>) {
  if (callerHiddenFromUnits(ticket)) return { name: '（保密）', phone: '' };
  return { name: maskName(ticket.callerName) ?? '', phone: maskPhone(ticket.callerPhone) ?? '' };
}

/**
 * 导出: any ticket list (the same filter and the same role/unit scope as the list itself) as an XLSX workbook,
 * newest first. The export is a view of personal data (masked callers) and is audited with the tickets it holds.
 */
export function createTicketExport(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function exportList(
    actor: TicketActor,
    query: TicketExportBody,
  ): Promise<{ buffer: Buffer; fileName: string; count: number }> {
    const now = clock.now();
    const filter = listFilter(actor, query, now) ?? null;
    const rows = filter
      ? await db
          .select()
          .from(tickets)
          .where(filter.length ? and(...filter) : undefined)
          .orderBy(desc(tickets.createdAt), desc(tickets.id))
          .limit(MAX_EXPORT_ROWS + 1)
      : [];
    if (rows.length > MAX_EXPORT_ROWS) {
      throw badRequest(`导出的工单超过${MAX_EXPORT_ROWS}条，请缩小筛选范围后再导出`, 'export_too_large');
    }
    const units = await departmentRefs(
      db,
      rows.map((r) => r.leadDepartmentId),
    );

    const workbook = new (loadExcelJs().Workbook)();
    const sheet = workbook.addWorksheet('工单列表');
    sheet.addRow(HEADER);
    for (const t of rows) {
      const caller = exportedCaller(t);
      sheet.addRow([
        t.number,
        beijing(t.createdAt),
        CHANNEL_LABELS[t.channel],
        TICKET_TYPE_LABELS[t.type],
        URGENCY_LABELS[t.urgency],
        TICKET_STATE_LABELS[t.status],
        t.title,
        t.address,
        t.leadDepartmentId ? (units.get(t.leadDepartmentId)?.name ?? '') : '',
        beijing(t.dueAt),
        caller.name,
        caller.phone,
      ]);
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    await recordAudit(db, actor, {
      action: 'ticket.export',
      entityType: 'ticket_list',
      detail: {
        count: rows.length,
        // The filter as asked, without the search text (it may be a phone number).
        filter: { ...query, q: query.q ? '（检索词）' : undefined },
        numbers: rows.map((r) => r.number),
      },
    });
    const stamp = beijing(now).replace(/[-: ]/g, '').slice(0, 12);
    return { buffer, fileName: `工单导出-${stamp}.xlsx`, count: rows.length };
  }

  return { exportList };
}
export type TicketExport = ReturnType<typeof createTicketExport>;
