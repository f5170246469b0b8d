import {
  HISTORY_IMPORT_COLUMN_LABELS,
  HISTORY_IMPORT_COLUMNS,
  HISTORY_IMPORT_LIMITS,
  HISTORY_IMPORT_REQUIRED,
} from '@hotline/shared/contracts/intelligence';
import {
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  URGENCIES,
  URGENCY_LABELS,
  type TicketType,
  type Urgency,
} from '@hotline/shared/domain/ticket-types';

/** One column of the import file. */
export type HistoryColumn = (typeof HISTORY_IMPORT_COLUMNS)[number];

/** A row checked and ready to insert. */
export interface HistoryRow {
  line: number;
  receivedAt: Date;
  type: TicketType;
  urgency: Urgency;
  address: string;
  content: string;
  departmentId: string;
  callerName: string;
  callerPhone: string;
  confidential: boolean;
}

/** Maps the header to column positions; English names or their Chinese labels; refuses a file missing a column. */
export function columnPositions(header: string[]): Map<HistoryColumn, number> | { missing: string[] } {
  const byName = new Map<string, HistoryColumn>();
  for (const column of HISTORY_IMPORT_COLUMNS) {
    byName.set(column, column);
    byName.set(HISTORY_IMPORT_COLUMN_LABELS[column], column);
  }
  const positions = new Map<HistoryColumn, number>();
  header.forEach((name, index) => {
    const column = byName.get(name.trim().toLowerCase()) ?? byName.get(name.trim());
    if (column && !positions.has(column)) positions.set(column, index);
  });
  const missing = HISTORY_IMPORT_REQUIRED.filter((c) => !positions.has(c)).map(
    (c) => `${c}（${HISTORY_IMPORT_COLUMN_LABELS[c]}）`,
  );
  return missing.length ? { missing } : positions;
}

const typeByText = new Map<string, TicketType>();
for (const t of TICKET_TYPES) {
  typeByText.set(t, t);
  typeByText.set(TICKET_TYPE_LABELS[t], t);
}
const urgencyByText = new Map<string, Urgency>();
for (const u of URGENCIES) {
  urgencyByText.set(u, u);
  urgencyByText.set(URGENCY_LABELS[u], u);
}
const TRUE_TEXT = new Set(['是', 'true', '1', 'y', 'yes', '保密']);
const FALSE_TEXT = new Set(['否', 'false', '0', 'n', 'no', '']);

/** `2024-03-05 14:20[:33]`, `2024/3/5 14:20`, ISO 8601 with zone; without a zone the time is Beijing time. */
const LOCAL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function parseReceivedAt(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = value.trim();
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    const utc = Date.UTC(Number(y), month - 1, day, hour - 8, Number(mi), Number(s));
    const check = new Date(utc + 8 * 3600_000);
    if (check.getUTCDate() !== day) return null; // 2月30日
    return new Date(utc);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

export interface RowContext {
  unitByKey: Map<string, string>;
  now: Date;
}

const clip = (text: string) => (text.length > 20 ? `${text.slice(0, 20)}…` : text);

/**
 * Checks one row; returns the row or the Chinese reason it is refused. `overflow` lists columns whose cell exceeded
 * the reader's cap (their text was cut, so the row is refused, not truncated silently).
 */
export function checkHistoryRow(
  line: number,
  cell: (column: HistoryColumn) => string | Date | undefined,
  overflow: Set<HistoryColumn>,
  context: RowContext,
): HistoryRow | { reason: string } {
  const text = (column: HistoryColumn) => {
    const value = cell(column);
    return value instanceof Date ? value.toISOString() : (value ?? '').trim();
  };
  const L = HISTORY_IMPORT_LIMITS;
  for (const column of overflow) {
    return { reason: `${HISTORY_IMPORT_COLUMN_LABELS[column]}过长（超过 ${lengthLimit(column)} 字）` };
  }
  const rawTime = cell('received_at');
  if (rawTime === undefined || (typeof rawTime === 'string' && !rawTime.trim())) return { reason: '受理时间为空' };
  const receivedAt = parseReceivedAt(rawTime);
  if (!receivedAt) return { reason: `受理时间「${clip(String(rawTime))}」无法识别，应为 2024-03-05 14:20 的格式` };
  if (receivedAt.getTime() > context.now.getTime()) return { reason: '受理时间晚于当前时间' };
  const type = typeByText.get(text('type'));
  if (!type) return { reason: text('type') ? `诉求类型「${clip(text('type'))}」无法识别` : '诉求类型为空' };
  const urgency = urgencyByText.get(text('urgency'));
  if (!urgency) return { reason: text('urgency') ? `紧急程度「${clip(text('urgency'))}」无法识别` : '紧急程度为空' };
  const address = text('address');
  if (!address) return { reason: '地址为空' };
  if (address.length > L.addressMax) return { reason: `地址过长（超过 ${L.addressMax} 字）` };
  const content = text('content');
  if (!content) return { reason: '诉求内容为空' };
  if (content.length > L.contentMax) return { reason: `诉求内容过长（超过 ${L.contentMax} 字）` };
  const unit = text('unit');
  if (!unit) return { reason: '承办单位为空' };
  const departmentId = context.unitByKey.get(unit);
  if (!departmentId) return { reason: `承办单位「${clip(unit)}」不存在（应为单位编码或全称）` };
  const callerName = text('caller_name');
  if (callerName.length > L.callerNameMax) return { reason: `诉求人姓名过长（超过 ${L.callerNameMax} 字）` };
  const callerPhone = text('caller_phone').replace(/[\s-]/g, '');
  if (callerPhone && !/^\+?\d{3,20}$/.test(callerPhone))
    return { reason: `联系电话「${clip(callerPhone)}」格式不正确` };
  const flag = text('confidential').toLowerCase();
  if (!TRUE_TEXT.has(flag) && !FALSE_TEXT.has(flag)) return { reason: `保密标记「${clip(flag)}」应为 是/否` };
  // Every 举报 is confidential (DOMAIN §3), whatever the old system said.
  const confidential = TRUE_TEXT.has(flag) || type === 'report';
  return { line, receivedAt, type, urgency, address, content, departmentId, callerName, callerPhone, confidential };
}

function lengthLimit(column: HistoryColumn): number {
  const L = HISTORY_IMPORT_LIMITS;
  if (column === 'address') return L.addressMax;
  if (column === 'caller_name') return L.callerNameMax;
  if (column === 'caller_phone') return L.callerPhoneMax;
  return L.contentMax;
}
