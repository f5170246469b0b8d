import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReportWorkbook, type ReportTicketRow } from './report-writer.js';

const ROWS = 50_000;
v8.setFlagsFromString('--expose-gc');
/** A full collection before each sample: what is measured is what is still held, not garbage awaiting GC. */
const gc = vm.runInNewContext('gc') as () => void;
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function* generated(onBatch: () => void): AsyncGenerator<ReportTicketRow[]> {
  const at = new Date('2026-11-01T02:00:00Z');
  for (let i = 0; i < ROWS; i += 5000) {
    yield Array.from({ length: 5000 }, (_, k) => ({
      number: `20261101${String(i + k).padStart(7, '0')}`,
      createdAt: at,
      channel: 'phone',
      type: 'complaint',
      status: 'closed',
      title: '小区门口餐馆油烟扰民，多次反映未解决，请尽快处理',
      department: '市市场监督管理局',
      callerName: '张三丰',
      callerPhone: '13912345678',
      confidential: false,
    }));
    onBatch();
  }
}

describe('issue 14 report writer memory', () => {
  it(`writes ${ROWS.toLocaleString()} lines with the buffered bytes bounded (backpressure), not growing with the rows`, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'report-writer-'));
    dirs.push(dir);
    const file = path.join(dir, 'r.xlsx');
    // Buffers (exceljs' sheet buffer, archiver's entry stream, zlib) live outside the JS heap: arrayBuffers is what
    // grew by ~500 bytes a row (≈ 26 MB here, 680 MB RSS at a million) before the writer waited for the deflater.
    gc();
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let heapPeak = 0;
    const sample = () => {
      gc();
      const m = process.memoryUsage();
      peak = Math.max(peak, m.arrayBuffers - base);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    };
    const started = performance.now();
    const count = await writeReportWorkbook(
      file,
      '内存测试',
      { from: '', to: '', dim: 'unit', rows: [] },
      generated(sample),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(count).toBe(ROWS);
    expect((await stat(file)).size).toBeGreaterThan(1_000_000);
    console.log(
      `report writer: ${ROWS} rows in ${seconds.toFixed(1)} s, peak held buffers ${(peak / 1e6).toFixed(1)} MB, heap ${(heapPeak / 1e6).toFixed(0)} MB`,
    );
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
