/**
 * Text likeness for 并单 (duplicate detection): the same place written differently and the same problem in other words.
 * Pure functions over character bigrams, which survive the usual variation of hand-typed Chinese (missing city prefix,
 * 号/號, full-width digits, Chinese numerals, spacing) without a dictionary.
 */
const CN_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Chinese numerals up to 9999 (一百二十三 → 123), applied only where they stand for a house or building number. */
function chineseNumber(text: string): string {
  return text.replace(/[零〇一二两三四五六七八九十百千]+(?=[号號栋幢楼单元室弄巷层])/g, (run) => {
    // 四零三号: digit by digit; 四百零三号: with units.
    if (!/[十百千]/.test(run)) return [...run].map((ch) => CN_DIGITS[ch] ?? '').join('');
    let total = 0;
    let current = 0;
    for (const ch of run) {
      if (ch in CN_DIGITS) current = Number(CN_DIGITS[ch]);
      else {
        const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
        total += (current || 1) * unit;
        current = 0;
      }
    }
    return String(total + current);
  });
}

/** Canonical form of an address: full-width → half-width, numerals → digits, no spaces/punctuation, no city prefix. */
export function normaliseAddress(address: string): string {
  return chineseNumber(
    address
      .normalize('NFKC')
      .replace(/號/g, '号')
      .replace(/幢/g, '栋')
      .replace(/[\s\p{P}]/gu, ''),
  )
    .replace(/^.{0,6}?[省]/, '')
    .replace(/^.{0,6}?市(?=.)/, '')
    .toLowerCase();
}

export function bigramSet(text: string): Set<string> {
  const chars = Array.from(text);
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of two bigram sets (0–1). */
export function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Dice with a weight per element (rare bigrams count more than the boilerplate of every call). */
export function weightedDice(a: Set<string>, b: Set<string>, weight: (x: string) => number): number {
  let shared = 0;
  let total = 0;
  for (const x of a) {
    const w = weight(x);
    total += w;
    if (b.has(x)) shared += 2 * w;
  }
  for (const x of b) total += weight(x);
  return total > 0 ? shared / total : 0;
}

/** Inverse document frequency of bigrams over a pool of texts (the candidate tickets of the window). */
export function bigramIdf(texts: string[]): (bigram: string) => number {
  const df = new Map<string, number>();
  for (const text of texts)
    for (const g of bigramSet(text.replace(/[\s\p{P}\d]/gu, ''))) df.set(g, (df.get(g) ?? 0) + 1);
  const n = texts.length;
  // Squared: the boilerplate of every call ("我要反映个事") weighs next to nothing against the words of the problem.
  return (g) => Math.log((n + 1) / ((df.get(g) ?? 0) + 0.5)) ** 2;
}

/** Share of the shorter set found in the longer (an address missing its district still matches). */
export function containment(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / small.size;
}

/** House numbers of an address (the part that separates two doors of one street). */
export function houseNumbers(address: string): string[] {
  return address.match(/\d+(?=[号栋楼单元室弄巷层])/g) ?? [];
}

/** The part of an address below the district and street (road, number, building): what tells two places apart. */
function addressTail(normalised: string): string {
  return normalised
    .replace(/^.*?(区|县)/, '')
    .replace(/^.*?(街道|镇|乡)/, '')
    .replace(/(附近|门口|旁边|对面|这边|那边)$/, '');
}

export function addressLikeness(a: string, b: string): number {
  const na = normaliseAddress(a).replace(/(附近|门口|旁边|对面|这边|那边)$/, '');
  const nb = normaliseAddress(b).replace(/(附近|门口|旁边|对面|这边|那边)$/, '');
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const whole = 0.5 * dice(bigramSet(na), bigramSet(nb)) + 0.5 * containment(bigramSet(na), bigramSet(nb));
  const ta = addressTail(na);
  const tb = addressTail(nb);
  const tail =
    ta && tb
      ? ta === tb
        ? 1
        : 0.5 * dice(bigramSet(ta), bigramSet(tb)) + 0.5 * containment(bigramSet(ta), bigramSet(tb))
      : whole;
  const base = 0.3 * whole + 0.7 * tail;
  const ha = houseNumbers(na);
  const hb = houseNumbers(nb);
  // Same street, different door: a strong sign of two incidents.
  if (ha.length && hb.length && ha[0] !== hb[0]) return base * 0.5;
  return base;
}

/** Words of every call that say nothing about the incident. */
const FILLER =
  /(市民|来电|反映|反应|投诉|举报|咨询|诉求|希望|要求|请|尽快|相关部门|处理|解决|一下|情况|问题|你好|您好|谢谢|了|的|吗|呢|吧)/g;

/**
 * Likeness of the problem described, with the place taken out: bigrams of either address (and house numbers) are
 * removed from both texts, so two different problems at one door do not look alike because both name the door.
 */
export function contentLikeness(
  a: string,
  b: string,
  wordsA: string[],
  wordsB: string[],
  addresses: string[] = [],
  weight: (bigram: string) => number = () => 1,
): number {
  const place = new Set<string>();
  for (const address of addresses) for (const g of bigramSet(normaliseAddress(address))) place.add(g);
  const clean = (text: string) => {
    const out = new Set<string>();
    const flat = chineseNumber(text.normalize('NFKC'))
      .replace(FILLER, ' ')
      .replace(/[\s\p{P}\d]/gu, ' ');
    for (const run of flat.split(' ')) {
      if (run.length < 2) continue; // a lone character left between fillers says nothing
      for (const g of bigramSet(run)) if (!place.has(g)) out.add(g);
    }
    return out;
  };
  // Words are not compared apart: unweighted, the polite frame of every call (你好/麻烦/你们) would dominate them.
  void wordsA;
  void wordsB;
  return weightedDice(clean(a), clean(b), weight);
}
