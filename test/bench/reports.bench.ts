/**
 * `npm run bench reports`: 1,000,000 ticket lines through the report writer (exceljs streaming WorkbookWriter) into a
 * temporary file. Prints the time and the peak resident memory; targets ≤ 60 s and ≤ 200 MB. The rows are generated in
 * memory batch by batch (the database side is keyset pages of 5,000), so this measures the writer itself.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeReportWorkbook, type ReportTicketRow } from '../../server/src/modules/supervision/report-writer.js';

const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 1_000_000);

async function* batches(): AsyncGenerator<ReportTicketRow[]> {
  const at = new Date('2026-11-01T02:00:00Z');
  for (let i = 0; i < ROWS; i += 5000) {
    const n = Math.min(5000, ROWS - i);
    yield Array.from({ length: n }, (_, k) => ({
      number: `20261101${String(i + k).padStart(7, '0')}`,
      createdAt: at,
      channel: 'phone',
      type: 'complaint',
      status: 'closed',
      title: '小区门口餐馆油烟扰民，多次反映未解决',
      department: '市市场监督管理局',
      callerName: '张三丰',
      callerPhone: '13912345678',
      confidential: (i + k) % 50 === 0,
    }));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-bench-'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const started = performance.now();
    const file = path.join(dir, 'report.xlsx');
    const rows = await writeReportWorkbook(file, '压测报表', { from: '', to: '', dim: 'unit', rows: [] }, batches());
    const seconds = (performance.now() - started) / 1000;
    const { size } = await stat(file);
    console.log(
      `${rows.toLocaleString()} rows in ${seconds.toFixed(1)} s, file ${(size / 1e6).toFixed(1)} MB, ` +
        `peak RSS ${(peak / 1e6).toFixed(0)} MB (targets ≤ 60 s, ≤ 200 MB)`,
    );
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}
