import { queryTerms } from '../knowledge/segmentation.js';

/**
 * Features of a ticket for 智能派单, hashed into a fixed space (the hashing trick: no vocabulary to store, new words
 * cost nothing):
 * - content: jieba words, and character 1-, 2- and 3-grams (they survive typos, dialect and words jieba does not
 *   know: 煤气/燃气 share 气, 打的/打车 share 打);
 * - address: place words (the road, community or village: 「文三路」「锦绣小区」) and character bigrams;
 * - the request type and the matter.
 * Values are raw term frequencies scaled per group; the model turns them into TF-IDF (see `weightedValues` in
 * dispatch-model.ts), so the boilerplate of every call weighs next to nothing without a hand-made stop list.
 */

export interface TicketText {
  content: string;
  address?: string | null;
  type?: string | null;
  matterId?: string | null;
}

/** FNV-1a over UTF-16 code units, with a namespace prefix so a word and a bigram never share a bucket by design. */
export function hashFeature(namespace: string, token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < namespace.length; i++) {
    h ^= namespace.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0; // the model masks it to its own table size
}

/** Full-width → half-width, lower case, every digit run → 0 (a house number or a date says nothing about the unit). */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\d+/g, '0');
}

/** Keeps letters and digits only; punctuation and spaces separate runs. */
function runsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Place words of an address: the named road, street, community, village or building (「文三路」「锦绣小区」). */
const PLACE_WORD =
  /[\p{Script=Han}A-Za-z0-9]{1,8}?(?:大道|大街|路|街|巷|弄|道|里|村|组|社区|小区|花园|公寓|大厦|广场|市场|苑|园|城|湾|府|庭|居|坊)/gu;

/** 区/县/旗 (not 小区/社区/园区) and 街道/镇/乡 at the start of an address: the administrative part. */
const ADMINISTRATIVE =
  /^(?:[\p{Script=Han}]{1,6}?(?<![小社园])(?:区|县|旗))?(?:[\p{Script=Han}]{1,6}?(?:街道|镇|乡))?/u;

export function placeWords(address: string): string[] {
  const local = address
    .normalize('NFKC')
    .replace(/^.*?(?:省|自治区)/, '')
    .replace(/^.*?(?:市|州|盟)(?=.)/, '')
    .replace(ADMINISTRATIVE, '');
  const words: string[] = [];
  for (const part of local.split(/[\d\s\p{P}]+|号|栋|幢|单元|室/u)) {
    for (const m of part.match(PLACE_WORD) ?? []) if (m.length >= 2) words.push(m);
  }
  return words;
}

export interface Features {
  /** Hashed features (full 32-bit hashes, unique). */
  indexes: Uint32Array;
  /** Term frequency of each feature, times its group's weight (TF-IDF and normalisation are the model's). */
  values: Float32Array;
  /** The jieba words behind the content features, for the reasons shown to the agent. */
  words: string[];
}

/** Weights of the feature groups (relative; each feature's IDF does the rest). */
const GROUP = { word: 1, unigram: 0.35, bigram: 0.7, trigram: 0.5, place: 0.6, addressBigram: 0.25, meta: 1 };

export function featurize(ticket: TicketText): Features {
  const weights = new Map<number, number>();
  const add = (index: number, weight: number) => weights.set(index, (weights.get(index) ?? 0) + weight);
  const content = normaliseText(ticket.content.slice(0, 2000));
  const words = queryTerms(content).filter((w) => w.length > 1 && !/^\d+$/.test(w));
  for (const w of words) add(hashFeature('w', w), GROUP.word);
  for (const run of runsOf(content)) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      add(hashFeature('u', chars[i]!), GROUP.unigram);
      if (i + 1 < chars.length) add(hashFeature('b', chars[i]! + chars[i + 1]!), GROUP.bigram);
      if (i + 2 < chars.length) add(hashFeature('t', chars[i]! + chars[i + 1]! + chars[i + 2]!), GROUP.trigram);
    }
  }
  if (ticket.address) {
    const address = ticket.address.slice(0, 200);
    for (const place of placeWords(address)) add(hashFeature('p', place), GROUP.place);
    for (const run of runsOf(normaliseText(address))) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) add(hashFeature('a', chars[i]! + chars[i + 1]!), GROUP.addressBigram);
    }
  }
  if (ticket.type) add(hashFeature('y', ticket.type), GROUP.meta);
  if (ticket.matterId) add(hashFeature('m', ticket.matterId), 2 * GROUP.meta);
  const indexes = new Uint32Array(weights.size);
  const values = new Float32Array(weights.size);
  let i = 0;
  for (const [index, v] of weights) {
    indexes[i] = index;
    values[i] = v;
    i++;
  }
  return { indexes, values, words: [...new Set(words)] };
}
