import type { TextMatch } from '@hotline/shared/contracts/knowledge';

/**
 * Highlighting of search hits as match positions: the console marks them itself, so no HTML crosses the API. Done here
 * rather than with ts_headline because the index holds segmented tokens, while the agent must see the original sentence.
 */

/** Ranges [start, end) of every occurrence of any term, longest terms first, without overlaps, in order. */
export function matchRanges(text: string, terms: string[]): TextMatch[] {
  const lower = text.toLowerCase();
  const taken: TextMatch[] = [];
  const sorted = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  for (const term of sorted) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(term, from);
      if (at < 0) break;
      const end = at + term.length;
      if (!taken.some((m) => at < m.end && end > m.start)) taken.push({ start: at, end });
      from = at + 1;
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** A window of about `width` characters around the first match (or the start), with its matches re-based. */
export function snippetAround(text: string, terms: string[], width = 60): { text: string; matches: TextMatch[] } {
  const first = matchRanges(text, terms)[0];
  const start = first ? Math.max(0, first.start - Math.floor(width / 3)) : 0;
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const window = `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  // Matched again inside the window: a term cut by the window's edge is not marked half.
  const inner = text.slice(start, end);
  const matches = matchRanges(inner, terms).map((m) => ({
    start: m.start + prefix.length,
    end: m.end + prefix.length,
  }));
  return { text: window, matches };
}
