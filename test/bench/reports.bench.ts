/**
 * `npm run bench reports`: 1,000,000 ticket lines through the report writer (exceljs streaming WorkbookWriter for the
 * workbook, the detail rows rendered straight to SpreadsheetML) into a temporary file. Prints the time, the peak
 * resident memory and the load average; targets ≤ 60 s and ≤ 200 MB. The rows are generated in memory batch by batch
 * (the database side is keyset pages of 5,000), so this measures the writer itself.
 *
 * THE YARDSTICK, run alternately with the writer (BENCH_REPORT_ROUNDS rounds, default 2): the same rows as CSV text
 * through zlib deflate at the writer's level (1) into a file — the floor any compressed export pays (text, deflate,
 * disk). Printed: each run, the medians and the writer's median as a multiple of the yardstick's.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { writeReportWorkbook, type ReportTicketRow } from '../../server/src/modules/supervision/report-writer.js';
import { percentile } from './stats.js';

const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 2);

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

async function yardstick(file: string): Promise<void> {
  async function* csv() {
    for await (const batch of batches())
      yield batch
        .map(
          (t) =>
            `${t.number},${t.createdAt.toISOString()},${t.channel},${t.type},${t.status},${t.title},${t.department},${t.callerName},${t.callerPhone}\n`,
        )
        .join('');
  }
  await pipeline(Readable.from(csv()), zlib.createDeflateRaw({ level: 1 }), createWriteStream(file));
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-bench-'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const writer: number[] = [];
  const yard: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      let started = performance.now();
      await yardstick(path.join(dir, 'yardstick.csv.deflate'));
      yard.push((performance.now() - started) / 1000);
      console.log(`yardstick (CSV + deflate): ${yard.at(-1)!.toFixed(1)} s, load ${load()}`);
      const file = path.join(dir, 'report.xlsx');
      started = performance.now();
      const rows = await writeReportWorkbook(file, '压测报表', { from: '', to: '', dim: 'unit', rows: [] }, batches());
      writer.push((performance.now() - started) / 1000);
      const { size } = await stat(file);
      console.log(
        `report writer: ${rows.toLocaleString()} rows in ${writer.at(-1)!.toFixed(1)} s, file ${(size / 1e6).toFixed(1)} MB, ` +
          `peak RSS so far ${(peak / 1e6).toFixed(0)} MB, load ${load()}`,
      );
    }
    const w = percentile(writer, 50);
    const y = percentile(yard, 50);
    console.log(
      `median: writer ${w.toFixed(1)} s, yardstick ${y.toFixed(1)} s (${(w / y).toFixed(2)}× yardstick), ` +
        `peak RSS ${(peak / 1e6).toFixed(0)} MB (targets ≤ 60 s, ≤ 200 MB)`,
    );
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}
