import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExcelJs } from '../intelligence/exceljs-loader.js';
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

describe('issue 14 report writer content', () => {
  it('writes the ticket lines readable by exceljs: escaped text, masked callers, confidential left out', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'report-writer-'));
    dirs.push(dir);
    const file = path.join(dir, 'c.xlsx');
    const base: ReportTicketRow = {
      number: '202611010000001',
      createdAt: new Date('2026-11-01T02:00:00Z'),
      channel: 'phone',
      type: 'complaint',
      status: 'closed',
      title: '噪音 <扰民> & "油烟" \'夜间\'\u0001',
      department: null,
      callerName: '张三丰',
      callerPhone: '13912345678',
      confidential: false,
    };
    async function* two(): AsyncGenerator<ReportTicketRow[]> {
      yield [base];
      yield [
        { ...base, number: '202611010000002', title: '第二件', department: '市市场监督管理局', confidential: true },
      ];
    }
    const count = await writeReportWorkbook(file, '内容测试', { from: '', to: '', dim: 'unit', rows: [] }, two());
    expect(count).toBe(2);
    const workbook = new (loadExcelJs().Workbook)();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('工单明细')!;
    expect(sheet.rowCount).toBe(3);
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('工单编号');
    const first = values(2);
    expect(first[0]).toBe('202611010000001');
    expect(first[1]).toBe('2026-11-01T02:00:00.000Z');
    expect(first[5]).toBe('噪音 <扰民> & "油烟" \'夜间\'');
    expect(first[6]).toBeUndefined();
    expect(first[7]).not.toContain('三丰');
    expect(String(first[8])).toMatch(/^139\*{4}5678$/);
    expect(String(first[8])).not.toBe('13912345678');
    const second = values(3);
    expect(second[6]).toBe('市市场监督管理局');
    expect(second[7]).toBe('（保密）');
    expect(second[8]).toBeUndefined();
  });
});
