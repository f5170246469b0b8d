import { count, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { departments } from '../departments/departments.table.js';
import { generateDemoHistory } from './demo-history.js';
import { insertHistoryBatch } from './history-import.service.js';
import { historyImports } from './intelligence.table.js';
import type { HistoryRow } from './history-row.js';

/** Size of the demo history: enough for every unit to have dozens of examples. */
export const DEMO_HISTORY_TICKETS = 4000;

/**
 * DEMO 历史工单: a year of dispatched, accepted tickets across the 30 demo units, so suggestions make sense on a fresh
 * start (the worker trains the first model when it starts and finds none: startIntelligenceSchedules). Idempotent:
 * skipped when a history import already exists.
 */
export async function seedDemoHistory(db: Db, now = new Date()): Promise<void> {
  const [existing] = await db.select({ n: count() }).from(historyImports);
  if (existing!.n > 0) return;
  const units = await db.select({ id: departments.id, code: departments.code }).from(departments);
  const idByCode = new Map(units.map((u) => [u.code, u.id]));
  const [batchRow] = await db
    .insert(historyImports)
    .values({ fileKind: 'csv', startedAt: now, finishedAt: now, imported: 0 })
    .returning({ id: historyImports.id });
  const rows: HistoryRow[] = generateDemoHistory(DEMO_HISTORY_TICKETS, now)
    .filter((r) => idByCode.has(r.unitCode))
    .map((r, i) => ({
      line: i + 2,
      receivedAt: r.receivedAt,
      type: r.type,
      urgency: r.urgency,
      address: r.address,
      content: r.content,
      departmentId: idByCode.get(r.unitCode)!,
      callerName: '',
      callerPhone: '',
      confidential: r.type === 'report',
    }));
  for (let i = 0; i < rows.length; i += 500) await insertHistoryBatch(db, batchRow!.id, rows.slice(i, i + 500));
  await db.update(historyImports).set({ imported: rows.length }).where(eq(historyImports.id, batchRow!.id));
}
