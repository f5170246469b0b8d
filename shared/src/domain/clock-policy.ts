/**
 * Clock policy (时限规则): how long each clock runs, per clock kind × ticket type × urgency × category flag.
 * It is data — rows the server keeps in a table an administrator edits — with the defaults of DOMAIN §5.
 */
import {
  CLOCK_KINDS,
  CLOCK_KIND_LABELS,
  type CategoryFlag,
  type ClockKind,
  type ClockUnit,
  type TicketType,
  type Urgency,
} from './ticket-types.js';

export interface ClockDuration {
  amount: number;
  unit: ClockUnit;
}

/** One policy row; a null dimension matches any ticket. */
export interface ClockPolicyRow {
  kind: ClockKind;
  type: TicketType | null;
  urgency: Urgency | null;
  /** Matches a ticket carrying this flag (tickets may carry several). */
  category: CategoryFlag | null;
  duration: ClockDuration;
  /**
   * Higher wins among matching rows. "Most specific" is ambiguous across dimensions (is a 水电气热 row more specific
   * than a 咨询 row?), and DOMAIN ranks by risk, not by how many columns are filled — so precedence is explicit data.
   * Defaults: `CLOCK_RULE_PRIORITY`.
   */
  priority: number;
  /** Why the row exists (shown to the administrator). */
  note?: string;
}

/**
 * Default precedence: life or property at risk (特急 or 涉及生命财产安全) > 水电气热 > 紧急 > 疑难复杂 > per request type >
 * fallback. A 特急 water-main burst gets the 2-hour clock, not the 24-hour utilities one; an urgent (紧急) complex
 * case gets the urgent 3 days, not the complex 7; a complex case may be extended to 15 working days in all (its own
 * `extension` row), not the general 20.
 */
export const CLOCK_RULE_PRIORITY = {
  lifeSafety: 400,
  utilities: 300,
  urgent: 250,
  complex: 200,
  type: 100,
  fallback: 0,
} as const;

export interface ClockSubject {
  kind: ClockKind;
  type: TicketType;
  urgency: Urgency;
  categories: readonly CategoryFlag[];
}

const minutes = (amount: number): ClockDuration => ({ amount, unit: 'calendar_minutes' });
const workingDays = (amount: number): ClockDuration => ({ amount, unit: 'working_days' });
const P = CLOCK_RULE_PRIORITY;

function row(
  kind: ClockKind,
  match: { type?: TicketType; urgency?: Urgency; category?: CategoryFlag },
  duration: ClockDuration,
  priority: number,
  note: string,
): ClockPolicyRow {
  return {
    kind,
    type: match.type ?? null,
    urgency: match.urgency ?? null,
    category: match.category ?? null,
    duration,
    priority,
    note,
  };
}

/** Maximum total extension (延期) granted over a ticket's life, in working days. */
export const MAX_TOTAL_EXTENSION_WORKING_DAYS = 20;
/** 复杂件: 7 working days, extendable by the policy to 15 in all (7 + 8). */
export const COMPLEX_HANDLING_WORKING_DAYS = 7;
export const COMPLEX_MAX_HANDLING_WORKING_DAYS = 15;

export const DEFAULT_CLOCK_POLICY: readonly ClockPolicyRow[] = [
  // 签收 sign-for
  row('sign_for', { urgency: 'critical' }, minutes(15), P.lifeSafety, '特急：15分钟内签收'),
  row('sign_for', { category: 'life_safety' }, minutes(15), P.lifeSafety, '涉及生命财产安全：15分钟内签收'),
  row('sign_for', { category: 'utilities' }, minutes(30), P.utilities, '水电气热：30分钟内签收'),
  row('sign_for', { urgency: 'urgent' }, minutes(120), P.urgent, '紧急：2小时内签收'),
  row('sign_for', {}, workingDays(1), P.fallback, '其他：1个工作日内签收'),
  // 退单 return window
  row('return_window', { category: 'complex' }, workingDays(2), P.complex, '疑难复杂：2个工作日内退单'),
  row('return_window', {}, workingDays(1), P.fallback, '1个工作日内退单'),
  // 办理 handling
  row('handling', { urgency: 'critical' }, minutes(120), P.lifeSafety, '特急：2小时内办结'),
  row('handling', { category: 'life_safety' }, minutes(120), P.lifeSafety, '涉及生命财产安全：2小时内办结'),
  row('handling', { category: 'utilities' }, minutes(1440), P.utilities, '水电气热：24小时内办结'),
  row('handling', { urgency: 'urgent' }, workingDays(3), P.urgent, '紧急：3个工作日内办结'),
  row(
    'handling',
    { category: 'complex' },
    workingDays(COMPLEX_HANDLING_WORKING_DAYS),
    P.complex,
    '疑难复杂：7个工作日内办结，可延期至15个工作日',
  ),
  row('handling', { type: 'consultation' }, workingDays(3), P.type, '咨询：3个工作日'),
  row('handling', { type: 'help' }, workingDays(5), P.type, '求助：5个工作日'),
  row('handling', { type: 'complaint' }, workingDays(7), P.type, '投诉：7个工作日'),
  row('handling', { type: 'report' }, workingDays(7), P.type, '举报：7个工作日'),
  row('handling', { type: 'suggestion' }, workingDays(7), P.type, '建议：7个工作日'),
  row('handling', { type: 'praise' }, workingDays(7), P.type, '表扬：7个工作日'),
  row('handling', {}, workingDays(7), P.fallback, '其他：7个工作日'),
  // 延期 extension: the cap on the total extension, not a running clock of its own
  row(
    'extension',
    { category: 'complex' },
    workingDays(COMPLEX_MAX_HANDLING_WORKING_DAYS - COMPLEX_HANDLING_WORKING_DAYS),
    P.complex,
    '疑难复杂：延期累计不超过8个工作日（合计15个工作日）',
  ),
  row('extension', {}, workingDays(MAX_TOTAL_EXTENSION_WORKING_DAYS), P.fallback, '延期累计不超过20个工作日'),
  // 回访 callback: the working day after the reply
  row('callback', {}, workingDays(1), P.fallback, '反馈后下一个工作日回访'),
];

/** How many dimensions a row pins down; breaks ties between rows of equal priority. */
function specificity(r: ClockPolicyRow): number {
  return (r.type ? 1 : 0) + (r.urgency ? 1 : 0) + (r.category ? 1 : 0);
}

export function rowMatches(r: ClockPolicyRow, subject: ClockSubject): boolean {
  return (
    r.kind === subject.kind &&
    (r.type === null || r.type === subject.type) &&
    (r.urgency === null || r.urgency === subject.urgency) &&
    (r.category === null || subject.categories.includes(r.category))
  );
}

/**
 * The row that decides the clock: among matching rows, the highest `priority`; then the one pinning down more
 * dimensions; then the earlier row (so the result never depends on database order beyond the admin's own order).
 * Null when no row matches — the caller must treat that as a configuration error, not as "no deadline".
 */
export function resolveClockRule(rows: readonly ClockPolicyRow[], subject: ClockSubject): ClockPolicyRow | null {
  let best: ClockPolicyRow | null = null;
  for (const r of rows) {
    if (!rowMatches(r, subject)) continue;
    if (
      best === null ||
      r.priority > best.priority ||
      (r.priority === best.priority && specificity(r) > specificity(best))
    ) {
      best = r;
    }
  }
  return best;
}

export function resolveClockDuration(rows: readonly ClockPolicyRow[], subject: ClockSubject): ClockDuration | null {
  return resolveClockRule(rows, subject)?.duration ?? null;
}

/** Problems an administrator must fix before saving a policy (Chinese, shown in the console). */
export function validateClockPolicy(rows: readonly ClockPolicyRow[]): string[] {
  const problems: string[] = [];
  rows.forEach((r, i) => {
    const { amount, unit } = r.duration;
    if (!Number.isFinite(amount) || amount <= 0) problems.push(`第${i + 1}行：时限必须大于0`);
    if (unit === 'working_days' && !Number.isInteger(amount)) problems.push(`第${i + 1}行：工作日时限必须是整数`);
    if (!Number.isFinite(r.priority)) problems.push(`第${i + 1}行：优先级无效`);
  });
  for (const kind of CLOCK_KINDS) {
    const hasFallback = rows.some((r) => r.kind === kind && specificity(r) === 0);
    if (!hasFallback) problems.push(`缺少“${CLOCK_KIND_LABELS[kind]}”的默认规则（类型、紧急程度、类别均为空）`);
  }
  return problems;
}
