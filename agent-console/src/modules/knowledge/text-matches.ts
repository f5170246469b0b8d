import type { TextMatch } from '@hotline/shared/contracts/knowledge';

export interface TextPart {
  text: string;
  marked: boolean;
}

/**
 * A text cut at the server's match positions, for the console to wrap the matched parts in <mark> itself (the text
 * stays text: Vue escapes it, no v-html). Ranges out of order, overlapping or past the end are ignored.
 */
export function splitByMatches(text: string, matches: readonly TextMatch[]): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const { start, end } of matches) {
    if (start < last || end <= start || end > text.length) continue;
    if (start > last) parts.push({ text: text.slice(last, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    last = end;
  }
  if (last < text.length) parts.push({ text: text.slice(last), marked: false });
  return parts;
}
