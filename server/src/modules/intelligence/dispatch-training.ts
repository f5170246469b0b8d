import type { ModelEvaluation } from '@hotline/shared/contracts/intelligence';
import { featurize, type TicketText } from './dispatch-features.js';
import {
  blend,
  fitTemperature,
  prepare,
  trainLogisticRegression,
  trainNaiveBayes,
  type Algorithm,
  type LinearModel,
  type Sample,
} from './dispatch-model.js';
import { rankUnits } from './dispatch-ranking.js';
import type { TerritoryIndex, TerritoryUnit } from './territory.js';

/** One dispatch round as a training example. */
export interface HistoryExample extends TicketText {
  departmentId: string;
  /** false: the unit returned it (退单) — a negative example for that unit. */
  accepted: boolean;
  at: Date;
}

export interface TrainingOutcome {
  model: LinearModel;
  evaluation: ModelEvaluation;
  samples: number;
}

/** Share of the newest history held out for the evaluation (time split: the model never sees the future). */
export const HELD_OUT_SHARE = 0.2;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Featurises in slices, letting the event loop breathe (HTTP stays responsive if worker and server share a process). */
async function toSamples(examples: HistoryExample[], classIndex: Map<string, number>): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < examples.length; i++) {
    if (i % 2000 === 1999) await yieldToLoop();
    const e = examples[i]!;
    samples.push({ features: featurize(e), label: classIndex.get(e.departmentId)!, positive: e.accepted });
  }
  return samples;
}

/** The three candidates on one prepared set: naive Bayes, the regression, and their blend (no extra training). */
async function trainAll(classes: string[], samples: Sample[]): Promise<Record<Algorithm, LinearModel>> {
  const prepared = prepare(classes, samples);
  await yieldToLoop();
  const nb = trainNaiveBayes(classes, samples, 0.1, prepared);
  await yieldToLoop();
  const logreg = trainLogisticRegression(classes, samples, {}, prepared);
  return { nb, logreg, blend: blend(nb, logreg) };
}

async function trainOne(algorithm: Algorithm, classes: string[], samples: Sample[]): Promise<LinearModel> {
  const prepared = prepare(classes, samples);
  await yieldToLoop();
  if (algorithm === 'nb') return trainNaiveBayes(classes, samples, 0.1, prepared);
  const logreg = trainLogisticRegression(classes, samples, {}, prepared);
  if (algorithm === 'logreg') return logreg;
  await yieldToLoop();
  return blend(trainNaiveBayes(classes, samples, 0.1, prepared), logreg);
}

export function evaluate(
  model: LinearModel,
  heldOut: HistoryExample[],
  territory: TerritoryIndex,
  units: Map<string, TerritoryUnit>,
): ModelEvaluation {
  let top1 = 0;
  let top3 = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, hits: 0 }));
  const perUnit = new Map<string, { heldOut: number; top1: number; confused: Map<string, number> }>();
  for (const e of heldOut) {
    const ranked = rankUnits(e, { model, territory, catalogueUnits: [] }, 3);
    let stats = perUnit.get(e.departmentId);
    if (!stats) perUnit.set(e.departmentId, (stats = { heldOut: 0, top1: 0, confused: new Map() }));
    stats.heldOut++;
    if (ranked[0]) {
      const bin = bins[Math.min(9, Math.floor(ranked[0].confidence * 10))]!;
      bin.n++;
      bin.confidence += ranked[0].confidence;
      if (ranked[0].departmentId === e.departmentId) bin.hits++;
    }
    if (ranked[0]?.departmentId === e.departmentId) {
      top1++;
      stats.top1++;
    } else if (ranked[0]) {
      stats.confused.set(ranked[0].departmentId, (stats.confused.get(ranked[0].departmentId) ?? 0) + 1);
    }
    if (ranked.some((r) => r.departmentId === e.departmentId)) top3++;
  }
  const ref = (id: string) => {
    const u = units.get(id);
    return { id, code: u?.code ?? '', name: u?.name ?? '（已删除单位）' };
  };
  const confusion = [...perUnit].map(([id, s]) => {
    const worst = [...s.confused].sort((a, b) => b[1] - a[1])[0];
    return {
      department: ref(id),
      heldOut: s.heldOut,
      top1: s.top1,
      mostConfusedWith: worst ? ref(worst[0]) : null,
      confusedCount: worst?.[1] ?? 0,
    };
  });
  confusion.sort((a, b) => a.top1 / a.heldOut - b.top1 / b.heldOut);
  const n = heldOut.length;
  return {
    top1: n ? top1 / n : 0,
    top3: n ? top3 / n : 0,
    heldOut: n,
    algorithm: model.algorithm,
    temperature: model.temperature,
    // Expected calibration error of the top suggestion's confidence (10 bins): 0 = a confidence of 0.9 is right 9 in 10.
    calibrationError: n ? bins.reduce((sum, b) => sum + Math.abs(b.hits - b.confidence), 0) / n : 0,
    confusion,
  };
}

/**
 * Trains both learners on the oldest 80% of the history, evaluates them on the newest 20% (accepted dispatches only:
 * a 退单 has no right answer to check), keeps the better one and retrains it on everything for serving.
 */
export async function trainDispatchModel(
  examples: HistoryExample[],
  unitList: TerritoryUnit[],
  territory: TerritoryIndex,
): Promise<TrainingOutcome> {
  const sorted = [...examples].sort((a, b) => a.at.getTime() - b.at.getTime());
  const classes = [...new Set(sorted.map((e) => e.departmentId))].sort();
  if (classes.length < 2) throw new Error('历史工单中承办单位少于 2 个，无法训练派单模型');
  const classIndex = new Map(classes.map((id, i) => [id, i]));
  const units = new Map(unitList.map((u) => [u.id, u]));
  const cut = Math.floor(sorted.length * (1 - HELD_OUT_SHARE));
  const samples = await toSamples(sorted, classIndex);
  const trainPart = samples.slice(0, cut);
  const heldOut = sorted.slice(cut).filter((e) => e.accepted);

  // Calibration and the choice of learner use the held-out part only; the figures reported are on it too.
  const heldOutSamples = samples.slice(cut).filter((s) => s.positive);
  let best: { algorithm: Algorithm; evaluation: ModelEvaluation; temperature: number } | null = null;
  const candidates = await trainAll(classes, trainPart);
  for (const algorithm of ['nb', 'logreg', 'blend'] as const) {
    const candidate = candidates[algorithm];
    candidate.temperature = fitTemperature(candidate, heldOutSamples);
    await yieldToLoop();
    const evaluation = evaluate(candidate, heldOut, territory, units);
    const better =
      !best ||
      evaluation.top1 + evaluation.top3 > best.evaluation.top1 + best.evaluation.top3 + 1e-9 ||
      (Math.abs(evaluation.top1 + evaluation.top3 - best.evaluation.top1 - best.evaluation.top3) <= 1e-9 &&
        algorithm === 'blend');
    if (better) best = { algorithm, evaluation, temperature: candidate.temperature };
    await yieldToLoop();
  }
  const model = await trainOne(best!.algorithm, classes, samples);
  model.temperature = best!.temperature;
  return { model, evaluation: best!.evaluation, samples: samples.length };
}

/** A new version replaces the serving one only if its held-out evaluation is not worse. */
export function isNotWorse(candidate: ModelEvaluation, current: ModelEvaluation | null | undefined): boolean {
  if (!current) return true;
  const EPSILON = 0.002; // rounding noise between two held-out sets of similar size
  return candidate.top1 + EPSILON >= current.top1 && candidate.top3 + EPSILON >= current.top3;
}
