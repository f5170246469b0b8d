import { loadExcelJs } from '../intelligence/exceljs-loader.js';
import { maskName, maskPhone } from '@hotline/shared/domain/phone';
import { CHANNEL_LABELS, TICKET_STATE_LABELS, TICKET_TYPE_LABELS } from '@hotline/shared/domain/ticket-types';
import { METRIC_KEYS, METRICS, formatRate } from '@hotline/shared/domain/metrics';
import type { MetricsResponse } from '@hotline/shared/contracts/supervision';

/** One ticket line of a report: caller masked, confidential callers left out. */
export interface ReportTicketRow {
  number: string;
  createdAt: Date;
  channel: string;
  type: string;
  status: string;
  title: string;
  department: string | null;
  callerName: string;
  callerPhone: string;
  confidential: boolean;
}

interface Drainable {
  writableNeedDrain?: boolean;
  /** readable-stream 2.x (archiver's PassThrough) has no `writableNeedDrain`, only its state. */
  _writableState?: { needDrain?: boolean };
  once(event: 'drain' | 'error' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'error' | 'close', listener: () => void): unknown;
}

/** Resolves once `stream` can take more (or at once when it is not backed up). */
function drainOf(stream: Drainable | undefined): Promise<void> {
  if (!(stream?.writableNeedDrain ?? stream?._writableState?.needDrain)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

/**
 * Backpressure for exceljs' streaming writer, which has none: a committed row is written into the sheet's buffer
 * (`StreamBuf`), which pipes 64 KB blocks into the zip entry without looking at `write()`'s answer — so a fast
 * producer piles the whole sheet up in memory ahead of the deflater (≈ 680 MB at a million rows). After each batch
 * we wait until the zip entry's input and the file stream have drained: the producer then runs at the deflater's pace
 * and memory stays flat. The internals read here (`stream.pipes`, `workbook.stream`) are exceljs 4.x's.
 */
async function drained(sheet: unknown, workbook: unknown): Promise<void> {
  const sheetStream = (sheet as { stream?: { pipes?: Drainable[] } }).stream;
  for (const pipe of sheetStream?.pipes ?? []) await drainOf(pipe);
  await drainOf((workbook as { stream?: Drainable }).stream);
}

/** exceljs 4.x WorksheetWriter state the fast path relies on (checked at run time). */
interface SheetWriterInternals {
  startedData: boolean;
  _rowZero: number;
  stream: { write(chunk: Buffer): unknown };
}

const COLUMNS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are what it looks for
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex -- as above
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** exceljs' xmlEncode: the five entities escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (c) => ENTITY[c] ?? '') : text;
}

/** One row as exceljs writes a string row without shared strings (`t="str"`); empty strings are left out. */
export function rowXml(rowNo: number, values: string[]): string {
  let xml = `<row r="${rowNo}" spans="1:${values.length}" x14ac:dyDescent="0.25">`;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== '') xml += `<c r="${COLUMNS[i]}${rowNo}" t="str"><v>${xmlText(v)}</v></c>`;
  }
  return xml + '</row>';
}

/**
 * Writes a report workbook with exceljs' streaming WorkbookWriter: the figures sheet, then the ticket lines as they
 * come from a database cursor, each batch rendered and written at once — memory stays flat whatever the row count.
 */
export async function writeReportWorkbook(
  file: string,
  title: string,
  figures: MetricsResponse,
  rows: AsyncIterable<ReportTicketRow[]>,
): Promise<number> {
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  const summary = workbook.addWorksheet('指标汇总');
  summary.addRow([title]).commit();
  summary.addRow(['单位', ...METRIC_KEYS.map((k) => METRICS[k].label)]).commit();
  for (const row of figures.rows) {
    summary
      .addRow([
        row.label,
        ...METRIC_KEYS.map((k) => {
          const v = row.metrics[k] ?? null;
          return METRICS[k].kind === 'rate' ? formatRate(v) : v === null ? '—' : Math.round(v);
        }),
      ])
      .commit();
  }
  summary.commit();
  const sheet = workbook.addWorksheet('工单明细');
  sheet.addRow(['工单编号', '受理时间', '渠道', '类型', '状态', '标题', '主办单位', '来电人', '联系电话']).commit();
  // The header row went through exceljs (it opens <sheetData>); the ticket lines are rendered straight to SpreadsheetML
  // text, one string per batch, into the sheet's stream — exceljs' Row/Cell objects and XmlStream cost ~25 µs a row.
  const writer = sheet as unknown as SheetWriterInternals;
  if (!writer.startedData || typeof writer.stream?.write !== 'function')
    throw new Error('exceljs WorksheetWriter internals changed: expected startedData and stream');
  let rowNo = writer._rowZero;
  let count = 0;
  const CHUNK = 1 << 20;
  for await (const batch of rows) {
    // Each row's text is encoded straight into a 1 MB buffer handed to the sheet stream when full: no batch-sized
    // string (flattening one cost ~10 µs a row in Buffer.from) and no per-row Buffer.
    let buf = Buffer.allocUnsafe(CHUNK);
    let used = 0;
    for (const t of batch) {
      const xml = rowXml(rowNo, [
        t.number,
        t.createdAt.toISOString(),
        (CHANNEL_LABELS as Record<string, string>)[t.channel] ?? '',
        (TICKET_TYPE_LABELS as Record<string, string>)[t.type] ?? '',
        (TICKET_STATE_LABELS as Record<string, string>)[t.status] ?? '',
        t.title,
        t.department ?? '',
        t.confidential ? '（保密）' : (maskName(t.callerName) ?? ''),
        t.confidential ? '' : (maskPhone(t.callerPhone) ?? ''),
      ]);
      if (used + xml.length * 3 > buf.length) {
        if (used > 0) writer.stream.write(buf.subarray(0, used));
        buf = Buffer.allocUnsafe(Math.max(CHUNK, xml.length * 3));
        used = 0;
      }
      used += buf.write(xml, used, 'utf8');
      rowNo += 1;
    }
    count += batch.length;
    if (used > 0) writer.stream.write(buf.subarray(0, used));
    writer._rowZero = rowNo;
    await drained(sheet, workbook);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
