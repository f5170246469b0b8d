/**
 * Splitting an SMS into numbered segments of at most 70 characters (the length of one Chinese SMS, UCS-2).
 * Each segment starts with its number, e.g. `(1/3)`, and the number counts towards the 70 characters.
 * Links are never cut in two: a phone cannot open half a URL.
 */

export const SMS_SEGMENT_LENGTH = 70;

/** Characters as the phone counts them (code points, so an emoji or a rare 汉字 is one, not two). */
export function smsLength(text: string): number {
  return Array.from(text).length;
}

const URL_PATTERN = /https?:\/\/[^\s，。；、）)]+/g;

/** Splits text into atoms: URLs stay whole (unless told not to), everything else is single characters. */
function atomsOf(text: string, keepUrlsWhole: boolean): string[] {
  if (!keepUrlsWhole) return Array.from(text);
  const atoms: string[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    atoms.push(...Array.from(text.slice(last, match.index)));
    atoms.push(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  atoms.push(...Array.from(text.slice(last)));
  return atoms;
}

const prefixFor = (index: number, total: number) => `(${index}/${total})`;

function fill(atoms: string[], total: number, maxLength: number): string[] | null {
  const segments: string[] = [];
  let current: string[] = [];
  let currentLength = 0;
  const budget = () => maxLength - smsLength(prefixFor(segments.length + 1, total));
  for (const atom of atoms) {
    const atomLength = smsLength(atom);
    if (atomLength > budget()) return null; // a URL longer than a whole segment cannot be kept whole
    if (currentLength + atomLength > budget()) {
      segments.push(current.join(''));
      current = [];
      currentLength = 0;
      // A segment never starts with a space.
      if (atom.trim() === '') continue;
    }
    current.push(atom);
    currentLength += atomLength;
  }
  if (current.length) segments.push(current.join(''));
  return segments;
}

/**
 * Splits `text` into numbered segments, each at most `maxLength` characters including its `(i/n)` prefix.
 * A text that fits in one SMS is returned as is, without a number.
 */
export function splitSms(text: string, maxLength = SMS_SEGMENT_LENGTH): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (smsLength(trimmed) <= maxLength) return [trimmed];
  let atoms = atomsOf(trimmed, true);
  // The prefix length depends on the total, and the total on the prefix: iterate until it is stable.
  let total = 2;
  for (let round = 0; round < 10; round++) {
    const segments = fill(atoms, total, maxLength);
    if (segments === null) {
      // Only when a link is longer than a whole segment: it has to be cut like any other text.
      atoms = atomsOf(trimmed, false);
      continue;
    }
    if (segments.length === total) return segments.map((s, i) => `${prefixFor(i + 1, total)}${s}`);
    total = segments.length;
  }
  throw new Error('SMS segmentation did not converge');
}
