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
export type Algorithm = 'nb' | 'logreg' | 'blend';

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
  /** Inverse document frequency per bucket, 0 for a bucket never seen in training (it says nothing). */
  idf: Float32Array;
  /** Softmax temperature fitted on the held-out part, so a confidence of 0.9 is right about 9 times in 10. */
  temperature: number;
}

/** Bound on the weight table (floats): the table shrinks its hash space as the number of units grows. */
const MAX_WEIGHTS = 8 * 1024 * 1024;

export function hashBitsFor(classCount: number): number {
  return Math.max(12, Math.min(18, Math.floor(Math.log2(MAX_WEIGHTS / Math.max(1, classCount)))));
}

function emptyModel(algorithm: Algorithm, classes: string[], idf: Float32Array, bits: number): LinearModel {
  return {
    algorithm,
    bits,
    classes,
    bias: new Float32Array(classes.length),
    weights: new Float32Array((1 << bits) * classes.length),
    idf,
    temperature: 1,
  };
}

/** Document frequency → IDF over the training samples' buckets (smoothed; unseen buckets get 0). */
export function computeIdf(samples: Sample[], bits: number): Float32Array {
  const mask = (1 << bits) - 1;
  const df = new Float32Array(1 << bits);
  for (const { features } of samples) for (const index of features.indexes) df[index & mask]! += 1;
  const n = samples.length;
  for (let b = 0; b < df.length; b++) df[b] = df[b]! > 0 ? Math.log((n + 1) / (df[b]! + 1)) + 1 : 0;
  return df;
}

/** TF-IDF of one ticket under a model's IDF: sublinear term frequency × IDF, L2-normalised. */
export function weightedValues(idf: Float32Array, bits: number, features: Features): Float32Array {
  const mask = (1 << bits) - 1;
  const out = new Float32Array(features.indexes.length);
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    const w = Math.log1p(features.values[i]!) * idf[features.indexes[i]! & mask]!;
    out[i] = w;
    norm += w * w;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < out.length; i++) out[i]! *= scale;
  }
  return out;
}

/** Raw class scores (log-odds up to a constant, before the temperature) of one ticket. */
export function scoreClasses(model: LinearModel, features: Features, out = new Float64Array(model.classes.length)) {
  return scoreWeighted(model, features.indexes, weightedValues(model.idf, model.bits, features), out);
}

function scoreWeighted(
  model: LinearModel,
  indexes: Uint32Array,
  values: Float32Array,
  out = new Float64Array(model.classes.length),
) {
  const C = model.classes.length;
  const mask = (1 << model.bits) - 1;
  out.set(model.bias);
  for (let i = 0; i < indexes.length; i++) {
    const v = values[i]!;
    if (v === 0) continue;
    const base = (indexes[i]! & mask) * C;
    for (let c = 0; c < C; c++) out[c]! += model.weights[base + c]! * v;
  }
  return out;
}

export function softmax(scores: Float64Array, temperature = 1, out = new Float64Array(scores.length)): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp((scores[i]! - max) / temperature);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** The model's calibrated distribution over units for one ticket. */
export function distribution(model: LinearModel, features: Features): Float64Array {
  return softmax(scoreClasses(model, features), model.temperature);
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

/** Shared by the learners: the IDF of the training set and each sample's TF-IDF values, computed once. */
export interface Prepared {
  bits: number;
  idf: Float32Array;
  values: Float32Array[];
}

export function prepare(classes: string[], samples: Sample[]): Prepared {
  const bits = hashBitsFor(classes.length);
  const idf = computeIdf(samples, bits);
  return { bits, idf, values: samples.map((s) => weightedValues(idf, bits, s.features)) };
}

/**
 * Multinomial naive Bayes over TF-IDF (Rennie et al. 2003). Each bucket's log-probabilities are centred across
 * units: a feature common to all units adds the same to every score, so it is stored as 0 — and a bucket never seen
 * in training is 0 too. A 退单 removes its features from the unit's counts.
 */
export function trainNaiveBayes(
  classes: string[],
  samples: Sample[],
  alpha = 0.1,
  prepared = prepare(classes, samples),
): LinearModel {
  const model = emptyModel('nb', classes, prepared.idf, prepared.bits);
  const C = classes.length;
  const mask = (1 << model.bits) - 1;
  const counts = model.weights; // counts first, centred log-probabilities after
  const totals = new Float64Array(C);
  const docs = new Float64Array(C);
  samples.forEach(({ features, label, positive }, k) => {
    const sign = positive ? 1 : -1;
    if (positive) docs[label]! += 1;
    const values = prepared.values[k]!;
    for (let i = 0; i < features.indexes.length; i++) {
      const cell = (features.indexes[i]! & mask) * C + label;
      const next = Math.max(0, counts[cell]! + sign * values[i]!);
      totals[label]! += next - counts[cell]!;
      counts[cell] = next;
    }
  });
  const size = 1 << model.bits;
  const docSum = docs.reduce((a, b) => a + b, 0);
  const denominator = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    denominator[c] = Math.log(totals[c]! + alpha * size);
    model.bias[c] = Math.log((docs[c]! + 1) / (docSum + C));
  }
  for (let f = 0; f < size; f++) {
    const base = f * C;
    if (model.idf[f] === 0) {
      counts.fill(0, base, base + C);
      continue;
    }
    let mean = 0;
    for (let c = 0; c < C; c++) {
      counts[base + c] = Math.log(counts[base + c]! + alpha) - denominator[c]!;
      mean += counts[base + c]!;
    }
    mean /= C;
    for (let c = 0; c < C; c++) counts[base + c]! -= mean;
  }
  return model;
}

export interface LogregOptions {
  epochs?: number;
  learningRate?: number;
  seed?: number;
}

/**
 * Multinomial logistic (softmax) regression by SGD over the same TF-IDF values: learns which features tell units
 * apart rather than which are merely frequent. A 退单 pushes only the unit that returned it down.
 */
export function trainLogisticRegression(
  classes: string[],
  samples: Sample[],
  options: LogregOptions = {},
  prepared = prepare(classes, samples),
): LinearModel {
  const model = emptyModel('logreg', classes, prepared.idf, prepared.bits);
  const C = classes.length;
  const mask = (1 << model.bits) - 1;
  const epochs = options.epochs ?? 6;
  const rate0 = options.learningRate ?? 0.5;
  const scores = new Float64Array(C);
  const gradient = new Float64Array(C);
  // The units whose gradient is not negligible for this sample (usually a few once the model has learned): only their
  // weights are updated, so the update costs features × those units instead of features × every unit.
  const probabilities = new Float64Array(C);
  const moving = new Int32Array(C);
  const movingGradient = new Float64Array(C);
  const total = samples.length * epochs;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(samples.length, (options.seed ?? 15) + epoch);
    for (let k = 0; k < order.length; k++) {
      const { features, label, positive } = samples[order[k]!]!;
      const values = prepared.values[order[k]!]!;
      const rate = rate0 * (1 - (0.9 * step++) / total);
      const p = softmax(scoreWeighted(model, features.indexes, values, scores), 1, probabilities);
      if (positive) {
        for (let c = 0; c < C; c++) gradient[c] = p[c]! - (c === label ? 1 : 0);
      } else {
        // 退单: only the unit that returned it is pushed down, the others are left as they are.
        gradient.fill(0);
        gradient[label] = p[label]!;
      }
      let count = 0;
      for (let c = 0; c < C; c++) {
        const g = gradient[c]!;
        model.bias[c]! -= rate * 0.1 * g;
        if (g > 1e-4 || g < -1e-4) {
          moving[count] = c;
          movingGradient[count++] = g;
        }
      }
      const { indexes } = features;
      for (let i = 0; i < indexes.length; i++) {
        const base = (indexes[i]! & mask) * C;
        const step = rate * values[i]!;
        if (step === 0) continue;
        for (let k = 0; k < count; k++) model.weights[base + moving[k]!]! -= step * movingGradient[k]!;
      }
    }
  }
  return model;
}

/** Weight of naive Bayes in the blend (its centred log-probabilities are on a larger scale than the regression's). */
export const BLEND_NB_SHARE = 0.25;

/**
 * Both learners summed into one linear model: naive Bayes is steady on rare words seen a few times, the regression
 * sharp on the features that separate units; a sum of two linear models is one linear model, so serving costs the same.
 */
export function trainBlend(classes: string[], samples: Sample[], prepared = prepare(classes, samples)): LinearModel {
  return blend(
    trainNaiveBayes(classes, samples, 0.1, prepared),
    trainLogisticRegression(classes, samples, {}, prepared),
  );
}

/** The blend of two learners trained on the same prepared samples (same classes, IDF and table size). */
export function blend(nb: LinearModel, lr: LinearModel): LinearModel {
  const model = emptyModel('blend', nb.classes, nb.idf, nb.bits);
  for (let i = 0; i < model.weights.length; i++) model.weights[i] = BLEND_NB_SHARE * nb.weights[i]! + lr.weights[i]!;
  for (let c = 0; c < nb.classes.length; c++) model.bias[c] = BLEND_NB_SHARE * nb.bias[c]! + lr.bias[c]!;
  return model;
}

/**
 * Temperature scaling (Guo et al. 2017): the single T that minimises the negative log-likelihood of the right unit
 * on held-out tickets. It never changes the model's order, only how sure it says it is. T is kept ≥ 1: a held-out
 * part written like the training part (templated exports, one clerk's phrasing) would otherwise sharpen the model
 * beyond what it learned, and tomorrow's callers word things differently — over-confidence is what 直派 must not get.
 */
export function fitTemperature(model: LinearModel, heldOut: { features: Features; label: number }[]): number {
  if (!heldOut.length) return 1;
  const scores = heldOut.map((h) => scoreClasses(model, h.features));
  let best = { t: 1, nll: Infinity };
  for (let k = 0; k <= 16; k++) {
    const t = Math.pow(2, k / 4);
    let nll = 0;
    for (let i = 0; i < scores.length; i++) {
      const label = heldOut[i]!.label;
      if (label < 0) continue;
      nll -= Math.log(Math.max(1e-12, softmax(scores[i]!, t)[label]!));
    }
    if (nll < best.nll) best = { t, nll };
  }
  return best.t;
}

export interface Ranked {
  classIndex: number;
  probability: number;
}

export function rank(model: LinearModel, features: Features): Ranked[] {
  const p = distribution(model, features);
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

/**
 * Model bytes for Postgres: a JSON header line, then bias, IDF and weights, gzip-compressed (the table is mostly
 * zeros). A header without `idf` is a version stored before TF-IDF: it decodes with an IDF of 1 everywhere.
 */
export function encodeModel(model: LinearModel): Buffer {
  const header = Buffer.from(
    `${JSON.stringify({ algorithm: model.algorithm, bits: model.bits, classes: model.classes, temperature: model.temperature, idf: true })}\n`,
    'utf8',
  );
  const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return gzipSync(Buffer.concat([header, bytes(model.bias), bytes(model.idf), bytes(model.weights)]), { level: 1 });
}

export function decodeModel(bytes: Buffer): LinearModel {
  const raw = gunzipSync(bytes);
  const newline = raw.indexOf(10);
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as {
    algorithm: Algorithm;
    bits: number;
    classes: string[];
    temperature?: number;
    idf?: boolean;
  };
  const C = header.classes.length;
  const size = 1 << header.bits;
  const body = raw.subarray(newline + 1);
  const floats = new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  const idf = header.idf ? floats.slice(C, C + size) : new Float32Array(size).fill(1);
  return {
    algorithm: header.algorithm,
    bits: header.bits,
    classes: header.classes,
    temperature: header.temperature ?? 1,
    bias: floats.slice(0, C),
    idf,
    weights: floats.subarray(header.idf ? C + size : C),
  };
}

export function modelBytes(model: LinearModel): number {
  return model.weights.byteLength + model.bias.byteLength + model.idf.byteLength;
}
