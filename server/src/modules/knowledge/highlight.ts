/**
 * Highlighting of search hits: HTML-escaped text with the matched terms wrapped in <mark>. Done here rather than with
 * ts_headline because the index holds segmented tokens, while the agent must see the original sentence.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Intervals [start, end) of every occurrence of any term, longest terms first, without overlaps. */
function matchIntervals(text: string, terms: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const taken: [number, number][] = [];
  const sorted = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  for (const term of sorted) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(term, from);
      if (at < 0) break;
      const end = at + term.length;
      if (!taken.some(([s, e]) => at < e && end > s)) taken.push([at, end]);
      from = at + 1;
    }
  }
  return taken.sort((a, b) => a[0] - b[0]);
}

/** The whole text, escaped, with matches marked. */
export function highlightTerms(text: string, terms: string[]): string {
  let out = '';
  let last = 0;
  for (const [start, end] of matchIntervals(text, terms)) {
    out += `${escapeHtml(text.slice(last, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    last = end;
  }
  return out + escapeHtml(text.slice(last));
}

/** A window of about `width` characters around the first match (or the start), escaped and marked. */
export function snippetAround(text: string, terms: string[], width = 60): string {
  const first = matchIntervals(text, terms)[0];
  const chars = text;
  if (!first) return highlightTerms(chars.length > width ? `${chars.slice(0, width)}…` : chars, terms);
  const start = Math.max(0, first[0] - Math.floor(width / 3));
  const end = Math.min(chars.length, start + width);
  const window = chars.slice(start, end);
  return `${start > 0 ? '…' : ''}${highlightTerms(window, terms)}${end < chars.length ? '…' : ''}`;
}
