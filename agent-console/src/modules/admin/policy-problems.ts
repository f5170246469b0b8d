import type { ValidationProblem } from '@hotline/shared/contracts/problems';

/**
 * What is wrong with a 时限规则 table, in the administrator's terms (table rows and form labels). Two sources, both
 * without reading field names out of Chinese prose:
 * - schema problems (`{ path, code, message }`, from the console's own check against the contract or from the
 *   server's 400): the path says the row and column;
 * - the service's own reasons (「时限规则有误：第3行：时限必须大于0；缺少…」), already in rows: one line each.
 */
const RULE_COLUMNS: Record<string, string> = {
  kind: 'kind',
  type: 'type',
  urgency: 'urgency',
  category: 'category',
  'duration.amount': 'amount',
  'duration.unit': 'unit',
  duration: 'amount',
  priority: 'priority',
  note: 'note',
};

export interface ProblemLabels {
  /** The heading of a rules-table column, by key of `adminUi.clockPolicy.columns`. */
  ruleColumn(column: string): string;
  /** A settings label, by key of `adminUi.clockPolicy.settings`. */
  setting(name: string): string;
  /** 「第{row}行「{column}」」 */
  ruleField(row: number, column: string): string;
  /** What a problem on no known field is about (the table as a whole). */
  whole: string;
}

function fieldLabel(path: string, labels: ProblemLabels): string {
  const rule = /^rules\.(\d+)\.(.+)$/.exec(path);
  if (rule) {
    const column = RULE_COLUMNS[rule[2]!];
    return column
      ? labels.ruleField(Number(rule[1]) + 1, labels.ruleColumn(column))
      : labels.ruleField(Number(rule[1]) + 1, labels.whole);
  }
  const setting = /^settings\.(\w+)$/.exec(path);
  return setting ? `「${labels.setting(setting[1]!)}」` : labels.whole;
}

/** One line per schema problem: where (row and column, or setting) and what. */
export function describeSchemaProblems(problems: readonly ValidationProblem[], labels: ProblemLabels): string[] {
  return problems.map((problem) => `${fieldLabel(problem.path, labels)}${problem.message}`);
}

/** The service's refusal, one reason per line. */
export function describePolicyProblems(message: string, _labels?: ProblemLabels): string[] {
  const body = message.startsWith('时限规则有误：') ? message.slice('时限规则有误：'.length) : message;
  return body
    .split('；')
    .map((part) => part.trim())
    .filter(Boolean);
}
