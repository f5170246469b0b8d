import { featurize, type TicketText } from './dispatch-features.js';
import { rank, topWords, type LinearModel } from './dispatch-model.js';
import type { TerritoryIndex } from './territory.js';

export interface RankedUnit {
  departmentId: string;
  confidence: number;
  reasons: string[];
}

export interface RankingContext {
  model: LinearModel | null;
  territory: TerritoryIndex;
  /** Units the dispatch catalogue (派单目录) names for the ticket's matter/type/area. */
  catalogueUnits: string[];
}

/** Share of the final confidence given to the dispatch catalogue when it names units. */
const CATALOGUE_SHARE = 0.25;

/**
 * Model probabilities, then the 属地 rule (the probability the model gives to territorial units of a kind moves to the
 * street or district the address names), then the catalogue. Pure: the suggestion service and the evaluation share it.
 */
export function rankUnits(ticket: TicketText, context: RankingContext, limit = 5): RankedUnit[] {
  const { model, territory } = context;
  const probability = new Map<string, number>();
  const reasons = new Map<string, string[]>();
  const reasonFor = (id: string) => {
    let list = reasons.get(id);
    if (!list) reasons.set(id, (list = []));
    return list;
  };
  const features = featurize(ticket);
  const modelRank = model ? rank(model, features) : [];
  for (const { classIndex, probability: p } of modelRank) probability.set(model!.classes[classIndex]!, p);

  const { street, district } = territory.match(ticket.address);
  for (const match of [street, district]) {
    if (!match) continue;
    const kind = match.unit.kind;
    let mass = 0;
    for (const [id, p] of probability) {
      if (id !== match.unit.id && territory.kindOf(id) === kind) {
        mass += p;
        probability.set(id, 0);
      }
    }
    const own = probability.get(match.unit.id) ?? 0;
    // No model yet: the named unit is still a reasonable suggestion, with modest confidence.
    probability.set(match.unit.id, model ? own + mass : Math.max(own, kind === 'street' ? 0.4 : 0.3));
    if (own + mass > 0.05 || !model) {
      reasonFor(match.unit.id).push(`地址含「${match.matched}」，属${kind === 'street' ? '该街道' : '该区县'}属地管理`);
    }
  }

  if (context.catalogueUnits.length) {
    const share = CATALOGUE_SHARE / context.catalogueUnits.length;
    for (const [id, p] of probability) probability.set(id, p * (1 - CATALOGUE_SHARE));
    for (const id of context.catalogueUnits) {
      probability.set(id, (probability.get(id) ?? 0) + share);
      reasonFor(id).push('派单目录：该事项由本单位承办');
    }
  }

  const ranked = [...probability]
    .filter(([, p]) => p > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
  return ranked.map(([departmentId, confidence]) => {
    const list = reasonFor(departmentId);
    if (model) {
      const classIndex = model.classes.indexOf(departmentId);
      if (classIndex >= 0) {
        const words = topWords(model, features, classIndex);
        if (words.length) list.unshift(`关键词：${words.join('、')}`);
      }
    }
    if (!list.length) list.push('历史上同类工单多由该单位承办');
    return { departmentId, confidence: Math.round(confidence * 1000) / 1000, reasons: list };
  });
}
