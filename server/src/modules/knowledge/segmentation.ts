import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

/**
 * Chinese word segmentation for search. Postgres has no Chinese parser, so text is cut by jieba here and stored
 * space-separated; the `simple` text-search configuration then only splits on the spaces.
 */
const require = createRequire(import.meta.url);

let instance: JiebaType | null = null;
function jieba(): JiebaType {
  if (!instance) {
    // Loading the default dictionary takes ~0.5 s: once per process, on first use.
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
  }
  return instance;
}

const CJK = /\p{Script=Han}/u;
const WORDLIKE = /^[\p{L}\p{N}]+$/u;

/** Words that carry no meaning for finding a matter (「我想办理什么」). */
const STOP_WORDS = new Set([
  '我',
  '我们',
  '你',
  '您',
  '想',
  '想要',
  '要',
  '需要',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪里',
  '哪些',
  '在哪',
  '可以',
  '能',
  '能否',
  '请问',
  '一下',
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '是',
  '有',
  '和',
  '与',
  '及',
  '或',
  '在',
  '去',
  '到',
  '给',
]);

function normalise(token: string): string {
  return token.trim().toLowerCase();
}

/** Adjacent Han character pairs of every Han run: the fallback that finds two-character words jieba merged away. */
export function hanBigrams(text: string): string[] {
  const bigrams: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  }
  return bigrams;
}

/** Segmented, de-duplicated words of `text` in search mode (二手房 → 二手, 二手房). */
export function segmentWords(text: string): string[] {
  const words = jieba()
    .cutForSearch(text, true)
    .map(normalise)
    .filter((w) => WORDLIKE.test(w));
  return [...new Set(words)];
}

/** The space-separated tokens stored for the index: jieba words plus Han bigrams. */
export function indexTokens(text: string): string {
  return [...new Set([...segmentWords(text), ...hanBigrams(text)])].join(' ');
}

/**
 * The terms of a query: jieba words without stop words; single Han characters are dropped when anything longer
 * remains (「开」 of 开饭店 would match half the catalogue).
 */
export function queryTerms(query: string): string[] {
  const words = segmentWords(query).filter((w) => !STOP_WORDS.has(w));
  const longer = words.filter((w) => Array.from(w).length > 1 || !CJK.test(w));
  return longer.length > 0 ? longer : words;
}

/** Warms the dictionary so the first search is not slow. */
export function warmSegmenter(): void {
  jieba();
}
