import type { ModelEvaluation } from '@hotline/shared/contracts/intelligence';
import { featurize, type TicketText } from './dispatch-features.js';
import {
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

function train(algorithm: Algorithm, classes: string[], samples: Sample[]): LinearModel {
  return algorithm === 'nb' ? trainNaiveBayes(classes, samples) : trainLogisticRegression(classes, samples);
}

export function evaluate(
  model: LinearModel,
  heldOut: HistoryExample[],
  territory: TerritoryIndex,
  units: Map<string, TerritoryUnit>,
): ModelEvaluation {
  let top1 = 0;
  let top3 = 0;
  const perUnit = new Map<string, { heldOut: number; top1: number; confused: Map<string, number> }>();
  for (const e of heldOut) {
    const ranked = rankUnits(e, { model, territory, catalogueUnits: [] }, 3);
    let stats = perUnit.get(e.departmentId);
    if (!stats) perUnit.set(e.departmentId, (stats = { heldOut: 0, top1: 0, confused: new Map() }));
    stats.heldOut++;
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

  let best: { algorithm: Algorithm; evaluation: ModelEvaluation } | null = null;
  for (const algorithm of ['nb', 'logreg'] as const) {
    const candidate = train(algorithm, classes, trainPart);
    await yieldToLoop();
    const evaluation = evaluate(candidate, heldOut, territory, units);
    if (!best || evaluation.top1 > best.evaluation.top1) best = { algorithm, evaluation };
    await yieldToLoop();
  }
  const model = train(best!.algorithm, classes, samples);
  return { model, evaluation: best!.evaluation, samples: samples.length };
}

/** A new version replaces the serving one only if its held-out evaluation is not worse. */
export function isNotWorse(candidate: ModelEvaluation, current: ModelEvaluation | null | undefined): boolean {
  if (!current) return true;
  const EPSILON = 0.002; // rounding noise between two held-out sets of similar size
  return candidate.top1 + EPSILON >= current.top1 && candidate.top3 + EPSILON >= current.top3;
}
