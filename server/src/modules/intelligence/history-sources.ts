import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './exceljs-loader.js';
import { HISTORY_IMPORT_LIMITS } from '@hotline/shared/contracts/intelligence';
import { readCsvRecords } from './csv-records.js';

/** One row of an import file, before checking: its line, its cells in file order, the cells cut for length. */
export interface RawRow {
  line: number;
  cells: (string | Date | undefined)[];
  overflow: number[];
}

/** CSV rows, streamed; the first yielded row is the header. */
export async function* csvRows(stream: Readable): AsyncGenerator<RawRow> {
  for await (const record of readCsvRecords(stream, { maxFieldChars: HISTORY_IMPORT_LIMITS.contentMax })) {
    yield { line: record.line, cells: record.fields, overflow: record.overflow };
  }
}

function cellValue(value: ExcelJS.CellValue): string | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    return undefined;
  }
  return String(value);
}

/** Excel stores a date as days since 1899-12-30 in wall-clock time, with no zone: read as Beijing time. */
function timeCell(value: ExcelJS.CellValue): string | Date | undefined {
  if (typeof value === 'number' && value > 0 && value < 2_958_466) {
    return new Date(Math.round((value - 25_569) * 86_400_000) - 8 * 3600_000);
  }
  return cellValue(value);
}

/**
 * XLSX rows of the first worksheet, streamed by exceljs' WorkbookReader (rows are not kept); the first is the header.
 * Shared strings are cached by the reader (an .xlsx stores each distinct text once) — the only part that grows
 * with the file.
 */
export async function* xlsxRows(stream: Readable): AsyncGenerator<RawRow> {
  const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(stream, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  let sheets = 0;
  let timeColumn = -1;
  for await (const sheet of reader) {
    if (sheets++ > 0) continue; // only the first sheet, but drain the rest so the zip stream ends
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: (string | Date | undefined)[] = [];
      const overflow: number[] = [];
      for (let i = 1; i < values.length; i++) {
        const value = i - 1 === timeColumn ? timeCell(values[i]) : cellValue(values[i]);
        if (typeof value === 'string' && value.length > HISTORY_IMPORT_LIMITS.contentMax) overflow.push(i - 1);
        cells.push(value);
      }
      if (row.number === 1) timeColumn = cells.findIndex((c) => c === 'received_at' || c === '受理时间');
      yield { line: row.number, cells, overflow };
    }
  }
}
