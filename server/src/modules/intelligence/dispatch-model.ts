import { gunzipSync, gzipSync } from 'node:zlib';
import { hashFeature, type Features } from './dispatch-features.js';

/**
 * The 智能派单 learners, written here (no library fits: see README). Both work over the same hashed features:
 * - `nb`: multinomial naive Bayes — the floor;
 * - `logreg`: multinomial logistic (softmax) regression trained by SGD — learns which features tell units apart
 *   rather than which are merely frequent, and takes a 退单 as a negative example for the unit that returned it.
 * Weights live in one Float32Array laid out feature-major (`bucket * classes + class`), so scoring reads one
 * contiguous run per feature.
 */
export type Algorithm = 'nb' | 'logreg';

export interface Sample {
  features: Features;
  /** Index of the unit in `classes`. */
  label: number;
  /** false = a 退单 by that unit: a negative example. */
  positive: boolean;
}

export interface LinearModel {
  algorithm: Algorithm;
  bits: number;
  /** Department ids, index = class. */
  classes: string[];
  bias: Float32Array;
  weights: Float32Array;
}

/** Bound on the weight table (floats): the table shrinks its hash space as the number of units grows. */
const MAX_WEIGHTS = 8 * 1024 * 1024;

export function hashBitsFor(classCount: number): number {
  return Math.max(12, Math.min(18, Math.floor(Math.log2(MAX_WEIGHTS / Math.max(1, classCount)))));
}

function emptyModel(algorithm: Algorithm, classes: string[]): LinearModel {
  const bits = hashBitsFor(classes.length);
  return {
    algorithm,
    bits,
    classes,
    bias: new Float32Array(classes.length),
    weights: new Float32Array((1 << bits) * classes.length),
  };
}

/** Raw class scores (log-odds up to a constant) of one ticket. */
export function scoreClasses(model: LinearModel, features: Features, out = new Float64Array(model.classes.length)) {
  const C = model.classes.length;
  const mask = (1 << model.bits) - 1;
  out.set(model.bias);
  const { indexes, values } = features;
  for (let i = 0; i < indexes.length; i++) {
    const base = (indexes[i]! & mask) * C;
    const v = values[i]!;
    for (let c = 0; c < C; c++) out[c]! += model.weights[base + c]! * v;
  }
  return out;
}

export function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Deterministic shuffle (mulberry32), so a training run is reproducible. */
function shuffled(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}

export function trainNaiveBayes(classes: string[], samples: Sample[], alpha = 0.1): LinearModel {
  const model = emptyModel('nb', classes);
  const C = classes.length;
  const mask = (1 << model.bits) - 1;
  const counts = model.weights; // counts first, log-probabilities after
  const totals = new Float64Array(C);
  const docs = new Float64Array(C);
  for (const { features, label, positive } of samples) {
    const sign = positive ? 1 : -1;
    if (positive) docs[label]! += 1;
    for (let i = 0; i < features.indexes.length; i++) {
      const cell = (features.indexes[i]! & mask) * C + label;
      const next = Math.max(0, counts[cell]! + sign * features.values[i]!);
      totals[label]! += next - counts[cell]!;
      counts[cell] = next;
    }
  }
  const size = 1 << model.bits;
  const docSum = docs.reduce((a, b) => a + b, 0);
  for (let c = 0; c < C; c++) {
    const denominator = Math.log(totals[c]! + alpha * size);
    model.bias[c] = Math.log((docs[c]! + 1) / (docSum + C));
    for (let f = 0; f < size; f++) counts[f * C + c] = Math.log(counts[f * C + c]! + alpha) - denominator;
  }
  return model;
}

export interface LogregOptions {
  epochs?: number;
  learningRate?: number;
  seed?: number;
}

export function trainLogisticRegression(
  classes: string[],
  samples: Sample[],
  options: LogregOptions = {},
): LinearModel {
  const model = emptyModel('logreg', classes);
  const C = classes.length;
  const mask = (1 << model.bits) - 1;
  const epochs = options.epochs ?? 6;
  const rate0 = options.learningRate ?? 0.5;
  const scores = new Float64Array(C);
  const gradient = new Float64Array(C);
  const total = samples.length * epochs;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(samples.length, (options.seed ?? 15) + epoch);
    for (let k = 0; k < order.length; k++) {
      const { features, label, positive } = samples[order[k]!]!;
      const rate = rate0 * (1 - (0.9 * step++) / total);
      const p = softmax(scoreClasses(model, features, scores));
      if (positive) {
        for (let c = 0; c < C; c++) gradient[c] = p[c]! - (c === label ? 1 : 0);
      } else {
        // 退单: only the unit that returned it is pushed down, the others are left as they are.
        gradient.fill(0);
        gradient[label] = p[label]!;
      }
      for (let c = 0; c < C; c++) model.bias[c]! -= rate * 0.1 * gradient[c]!;
      const { indexes, values } = features;
      for (let i = 0; i < indexes.length; i++) {
        const base = (indexes[i]! & mask) * C;
        const step = rate * values[i]!;
        for (let c = 0; c < C; c++) {
          const g = gradient[c]!;
          if (g > 1e-4 || g < -1e-4) model.weights[base + c]! -= step * g;
        }
      }
    }
  }
  return model;
}

export interface Ranked {
  classIndex: number;
  probability: number;
}

export function rank(model: LinearModel, features: Features): Ranked[] {
  const raw = scoreClasses(model, features);
  const p = softmax(raw);
  return [...p]
    .map((probability, classIndex) => ({ classIndex, probability }))
    .sort((a, b) => b.probability - a.probability);
}

/** The content words that weighed most for one unit (for the reasons shown to the agent). */
export function topWords(model: LinearModel, features: Features, classIndex: number, limit = 3): string[] {
  const C = model.classes.length;
  const mask = (1 << model.bits) - 1;
  const mean = (base: number) => {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += model.weights[base + c]!;
    return sum / C;
  };
  return features.words
    .map((word) => {
      const base = (hashFeature('w', word) & mask) * C;
      return { word, lift: model.weights[base + classIndex]! - mean(base) };
    })
    .filter((w) => w.lift > 0)
    .sort((a, b) => b.lift - a.lift)
    .slice(0, limit)
    .map((w) => w.word);
}

/** Model bytes for Postgres: a JSON header line, then bias and weights, gzip-compressed (the table is mostly zeros). */
export function encodeModel(model: LinearModel): Buffer {
  const header = Buffer.from(
    `${JSON.stringify({ algorithm: model.algorithm, bits: model.bits, classes: model.classes })}\n`,
    'utf8',
  );
  return gzipSync(
    Buffer.concat([
      header,
      Buffer.from(model.bias.buffer, model.bias.byteOffset, model.bias.byteLength),
      Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength),
    ]),
    { level: 1 },
  );
}

export function decodeModel(bytes: Buffer): LinearModel {
  const raw = gunzipSync(bytes);
  const newline = raw.indexOf(10);
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Omit<LinearModel, 'bias' | 'weights'>;
  const C = header.classes.length;
  const body = raw.subarray(newline + 1);
  const floats = new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  return { ...header, bias: floats.slice(0, C), weights: floats.subarray(C) };
}

export function modelBytes(model: LinearModel): number {
  return model.weights.byteLength + model.bias.byteLength;
}
