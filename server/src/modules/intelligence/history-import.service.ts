import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import {
  HISTORY_IMPORT_LIMITS,
  type HistoryImportProgress,
  type HistoryImportResult,
} from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { departments } from '../departments/departments.table.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { historyImports, importedTickets } from './intelligence.table.js';
import { checkHistoryRow, columnPositions, type HistoryColumn, type HistoryRow } from './history-row.js';
import { csvRows, xlsxRows, type RawRow } from './history-sources.js';

/** Rows per insert transaction: big enough to be fast, small enough that memory stays flat. */
const BATCH_ROWS = 500;

export type HistoryFileKind = 'csv' | 'xlsx';

export interface ImportProgress {
  rowsRead: number;
  imported: number;
  rejected: number;
}

/**
 * 历史工单导入: streams the file row by row, checks each row, inserts good rows in batches as archived tickets
 * (归档; no clocks, no notifications) with an accepted dispatch round to the named unit, and lists refused rows with
 * their line and a Chinese reason. A batch is one transaction, so a crash leaves whole batches only.
 */
export function createHistoryImportService({ db, clock }: { db: Db; clock: Clock }) {
  async function unitIndex(): Promise<Map<string, string>> {
    const rows = await db
      .select({ id: departments.id, code: departments.code, name: departments.name })
      .from(departments);
    const map = new Map<string, string>();
    for (const row of rows) {
      map.set(row.code, row.id);
      map.set(row.name, row.id);
    }
    return map;
  }

  return {
    async importFile(
      actor: AuditActor,
      kind: HistoryFileKind,
      stream: Readable,
      options: { importId?: string; onProgress?: (progress: ImportProgress) => void } = {},
    ): Promise<HistoryImportResult> {
      const { onProgress } = options;
      if (options.importId) {
        const [taken] = await db
          .select({ id: historyImports.id })
          .from(historyImports)
          .where(eq(historyImports.id, options.importId));
        if (taken) {
          stream.resume();
          throw conflict('该导入编号已使用，请重新选择文件导入', 'import_id_taken');
        }
      }
      const rows = kind === 'csv' ? csvRows(stream) : xlsxRows(stream);
      const first = await rows.next();
      if (first.done) throw badRequest('文件为空，没有表头', 'import_empty');
      const positions = columnPositions(first.value.cells.map((c) => (c instanceof Date ? '' : (c ?? ''))));
      if ('missing' in positions) {
        stream.resume();
        throw badRequest(`表头缺少列：${positions.missing.join('、')}`, 'import_missing_columns');
      }
      const columnAt = new Map<number, HistoryColumn>([...positions].map(([column, index]) => [index, column]));

      const [batchRow] = await db
        .insert(historyImports)
        .values({
          ...(options.importId ? { id: options.importId } : {}),
          fileKind: kind,
          startedBy: actor.userId,
          startedAt: clock.now(),
        })
        .returning({ id: historyImports.id });
      const importId = batchRow!.id;
      const context = { unitByKey: await unitIndex(), now: clock.now() };
      const rejected: HistoryImportResult['rejected'] = [];
      let rejectedCount = 0;
      let imported = 0;
      let rowsRead = 0;
      let batch: HistoryRow[] = [];
      /** Progress for the console's polling: the counters on the import's row, once per batch. */
      const report = async () => {
        const progress = { rowsRead, imported, rejected: rejectedCount };
        await db.update(historyImports).set(progress).where(eq(historyImports.id, importId));
        onProgress?.(progress);
      };

      const take = (raw: RawRow) => {
        if (raw.cells.every((c) => c === undefined || (typeof c === 'string' && !c.trim()))) return; // blank line
        rowsRead++;
        const overflow = new Set<HistoryColumn>();
        for (const index of raw.overflow) {
          const column = columnAt.get(index);
          if (column) overflow.add(column);
        }
        const checked = checkHistoryRow(
          raw.line,
          (column) => raw.cells[positions.get(column) ?? -1],
          overflow,
          context,
        );
        if ('reason' in checked) {
          rejectedCount++;
          if (rejected.length < HISTORY_IMPORT_LIMITS.rejectedListMax)
            rejected.push({ line: raw.line, reason: checked.reason });
        } else batch.push(checked);
      };

      for await (const raw of rows) {
        take(raw);
        if (batch.length >= BATCH_ROWS) {
          await insertHistoryBatch(db, importId, batch);
          imported += batch.length;
          batch = [];
          await report();
        }
      }
      await insertHistoryBatch(db, importId, batch);
      imported += batch.length;
      onProgress?.({ rowsRead, imported, rejected: rejectedCount });

      await db.transaction(async (tx) => {
        await tx
          .update(historyImports)
          .set({ rowsRead, imported, rejected: rejectedCount, finishedAt: clock.now() })
          .where(eq(historyImports.id, importId));
        await recordAudit(tx, actor, {
          action: 'history.import',
          entityType: 'history_import',
          entityId: importId,
          detail: { kind, imported, rejected: rejectedCount },
        });
      });
      return { imported, rejectedCount, rejected };
    },

    /** 导入进度 of one import (any admin may watch; the counters hold no personal data). */
    async progress(importId: string): Promise<HistoryImportProgress> {
      const [row] = await db
        .select({
          rowsRead: historyImports.rowsRead,
          imported: historyImports.imported,
          rejected: historyImports.rejected,
          finishedAt: historyImports.finishedAt,
        })
        .from(historyImports)
        .where(eq(historyImports.id, importId));
      if (!row) throw notFound('导入记录不存在（可能尚未开始）', 'import_not_found');
      return {
        importId,
        rowsRead: row.rowsRead,
        imported: row.imported,
        rejected: row.rejected,
        finished: row.finishedAt !== null,
      };
    },
  };
}

export type HistoryImportService = ReturnType<typeof createHistoryImportService>;

function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Inserts checked rows as archived tickets with an accepted lead round, marked as imported. One transaction. */
export async function insertHistoryBatch(db: Db, importId: string, batch: HistoryRow[]): Promise<void> {
  if (!batch.length) return;
  await db.transaction(async (tx) => {
    const seq = await tx.execute<{ n: string }>(
      sql`select nextval('history_ticket_seq')::text as n from generate_series(1, ${batch.length})`,
    );
    const numbers = [...seq].map((r) => r.n);
    const inserted = await tx
      .insert(tickets)
      .values(
        batch.map((row, i) => ({
          number: `H${beijingDay(row.receivedAt)}${numbers[i]!.padStart(8, '0')}`,
          status: 'archived' as const,
          channel: 'phone' as const,
          type: row.type,
          urgency: row.urgency,
          title: row.content.replace(/\s+/g, ' ').slice(0, 30),
          content: row.content,
          address: row.address,
          callerName: row.callerName,
          callerPhone: row.callerPhone,
          confidential: row.confidential,
          leadDepartmentId: row.departmentId,
          currentRound: 1,
          createdAt: row.receivedAt,
          updatedAt: row.receivedAt,
        })),
      )
      .returning({ id: tickets.id });
    await tx.insert(dispatchRounds).values(
      batch.map((row, i) => ({
        ticketId: inserted[i]!.id,
        round: 1,
        departmentId: row.departmentId,
        role: 'lead' as const,
        active: false,
        dispatchedAt: row.receivedAt,
        signedAt: row.receivedAt,
      })),
    );
    await tx
      .insert(importedTickets)
      .values(batch.map((row, i) => ({ ticketId: inserted[i]!.id, importId, line: row.line })));
  });
}
