import { queryTerms } from '../knowledge/segmentation.js';
import { featurize } from './dispatch-features.js';
import { distribution, type LinearModel } from './dispatch-model.js';
import { addressLikeness, contentLikeness } from './similarity.js';

export interface DuplicateProbe {
  content: string;
  address?: string | null;
  at: Date;
}

export interface DuplicateScore {
  score: number;
  reasons: string[];
}

/**
 * How likely two requests are the same incident (0–1): the place and the problem must both agree (a geometric mean,
 * so one strong signal cannot carry a missing other), slightly discounted when far apart in time.
 */
export interface DuplicateSignals {
  /** Bigram weights over the candidate pool (IDF); uniform when absent. */
  idf?: (bigram: string) => number;
  /** The dispatch model's unit distribution of a text: the same problem in other words goes to the same unit. */
  unitsOf?: (text: string) => Float64Array | null;
}

/**
 * The dispatch model's view of a text as a topic for 并单: its unit distribution with the territorial units of one
 * kind (every street, every district) summed into one — "street work" is one topic whichever street; the place
 * itself is compared by the address. Without this, street problems spread over all streets and never agree.
 */
export function topicDistribution(
  model: LinearModel,
  kindOf: (departmentId: string) => string | undefined,
): (text: string) => Float64Array {
  const groups = new Map<string, number>();
  const groupOf = model.classes.map((id) => {
    const kind = kindOf(id);
    const key = kind === 'street' || kind === 'district' ? `kind:${kind}` : `unit:${id}`;
    if (!groups.has(key)) groups.set(key, groups.size);
    return groups.get(key)!;
  });
  return (text) => {
    const p = distribution(model, featurize({ content: text }));
    const out = new Float64Array(groups.size);
    for (let c = 0; c < p.length; c++) out[groupOf[c]!]! += p[c]!;
    return out;
  };
}

/**
 * How surely the model sends both texts to the same unit: the cosine of the two distributions (same shape), scaled by
 * how confident each is (two flat "don't know" distributions are alike but say nothing).
 */
function sameUnitAgreement(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let maxA = 0;
  let maxB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
    if (a[i]! > maxA) maxA = a[i]!;
    if (b[i]! > maxB) maxB = b[i]!;
  }
  return na && nb ? (dot / Math.sqrt(na * nb)) * Math.sqrt(maxA * maxB) : 0;
}

export function scoreDuplicate(
  probe: DuplicateProbe & { words?: string[]; units?: Float64Array | null },
  other: DuplicateProbe & { words?: string[]; units?: Float64Array | null },
  windowHours: number,
  signals: DuplicateSignals = {},
): DuplicateScore {
  const wordsA = probe.words ?? queryTerms(probe.content);
  const wordsB = other.words ?? queryTerms(other.content);
  const place = probe.address && other.address ? addressLikeness(probe.address, other.address) : 0.5;
  const text = Math.min(
    1,
    2.2 *
      contentLikeness(
        probe.content,
        other.content,
        wordsA,
        wordsB,
        [probe.address ?? '', other.address ?? ''],
        signals.idf,
      ),
  );
  const unitsA = probe.units ?? signals.unitsOf?.(probe.content) ?? null;
  const unitsB = other.units ?? signals.unitsOf?.(other.content) ?? null;
  // Agreement of the model alone never makes a duplicate (one unit handles many problems): it is capped below the line.
  const learned = unitsA && unitsB ? 0.8 * sameUnitAgreement(unitsA, unitsB) : 0;
  // Both signals agreeing count more than either alone.
  const topic = Math.min(1, Math.max(text, learned) + 0.5 * Math.min(text, learned));
  const hours = Math.abs(probe.at.getTime() - other.at.getTime()) / 3_600_000;
  const time = Math.max(0, 1 - hours / Math.max(1, windowHours));
  const score = Math.sqrt(place * topic) * (0.85 + 0.15 * time);
  const reasons: string[] = [];
  if (place >= 0.95) reasons.push('地址相同');
  else if (place >= 0.6) reasons.push('地址相近');
  const shared = wordsA.filter((w) => w.length > 1 && wordsB.includes(w)).slice(0, 4);
  if (topic >= 0.5) reasons.push(shared.length ? `诉求相似（${shared.join('、')}）` : '诉求相似');
  else if (shared.length) reasons.push(`共同词语：${shared.join('、')}`);
  reasons.push(
    hours < 1 ? '同一小时内受理' : hours < 24 ? `相隔 ${Math.round(hours)} 小时` : `相隔 ${Math.round(hours / 24)} 天`,
  );
  return { score: Math.round(score * 1000) / 1000, reasons };
}
