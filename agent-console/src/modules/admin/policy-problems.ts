/**
 * The server answers a refused 时限规则 save with one sentence: either its own reasons joined with 「；」
 * (「时限规则有误：第3行：时限必须大于0；缺少…」) or a schema message naming the API field
 * (「字段「rules.19.duration.amount」不符合要求」). An administrator thinks in table rows and form labels,
 * so field paths are rewritten into them; everything else is shown as the server wrote it.
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
}

function rewriteField(path: string, labels: ProblemLabels): string | null {
  const rule = /^rules\.(\d+)\.(.+)$/.exec(path);
  if (rule) {
    const column = RULE_COLUMNS[rule[2]!];
    return column ? labels.ruleField(Number(rule[1]) + 1, labels.ruleColumn(column)) : null;
  }
  const setting = /^settings\.(\w+)$/.exec(path);
  return setting ? `「${labels.setting(setting[1]!)}」` : null;
}

export function describePolicyProblems(message: string, labels: ProblemLabels): string[] {
  const body = message.startsWith('时限规则有误：') ? message.slice('时限规则有误：'.length) : message;
  return body
    .split('；')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) =>
      part.replace(
        /(字段)?「((?:rules|settings)\.[\w.]+)」/g,
        (whole, _prefix, path: string) => rewriteField(path, labels) ?? whole,
      ),
    );
}
