import { queryTerms } from '../knowledge/segmentation.js';

/**
 * Features of a ticket for 智能派单, hashed into a fixed space (the hashing trick: no vocabulary to store, new words
 * cost nothing): jieba words, character bigrams and trigrams of the content (they survive typos and words jieba does
 * not know), character bigrams of the address, the request type and the matter.
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

/** Keeps letters and digits only; punctuation and spaces separate runs. */
function runsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words that say nothing about the unit (polite phrases of every call); jieba's stop words are removed as well. */
const FILLER = new Set([
  '市民',
  '来电',
  '反映',
  '反应',
  '诉求',
  '希望',
  '要求',
  '尽快',
  '处理',
  '解决',
  '相关',
  '部门',
  '问题',
  '情况',
  '谢谢',
  '你好',
  '您好',
]);

export interface Features {
  /** Hashed features (full 32-bit hashes, unique). */
  indexes: Uint32Array;
  /** Value of each feature (1/√n normalisation, address and metadata weighted). */
  values: Float32Array;
  /** The jieba words behind the content features, for the reasons shown to the agent. */
  words: string[];
}

export function featurize(ticket: TicketText): Features {
  const weights = new Map<number, number>();
  const add = (index: number, weight: number) => weights.set(index, (weights.get(index) ?? 0) + weight);
  const words = queryTerms(ticket.content.slice(0, 2000)).filter((w) => !FILLER.has(w) && w.length > 1);
  for (const w of words) add(hashFeature('w', w), 1);
  for (const run of runsOf(ticket.content.slice(0, 2000))) {
    for (let i = 0; i + 1 < run.length; i++) {
      add(hashFeature('b', run.slice(i, i + 2)), 0.5);
      if (i + 2 < run.length) add(hashFeature('t', run.slice(i, i + 3)), 0.5);
    }
  }
  if (ticket.address) {
    for (const run of runsOf(ticket.address.slice(0, 200))) {
      for (let i = 0; i + 1 < run.length; i++) add(hashFeature('a', run.slice(i, i + 2)), 0.3);
    }
  }
  if (ticket.type) add(hashFeature('y', ticket.type), 1);
  if (ticket.matterId) add(hashFeature('m', ticket.matterId), 2);
  const indexes = new Uint32Array(weights.size);
  const values = new Float32Array(weights.size);
  let norm = 0;
  for (const v of weights.values()) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  let i = 0;
  for (const [index, v] of weights) {
    indexes[i] = index;
    values[i] = v * scale;
    i++;
  }
  return { indexes, values, words: [...new Set(words)] };
}
