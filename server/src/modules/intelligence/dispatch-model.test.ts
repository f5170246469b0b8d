import { describe, expect, it } from 'vitest';
import { featurize, placeWords } from './dispatch-features.js';
import { topicDistribution } from './duplicates.js';
import {
  decodeModel,
  encodeModel,
  fitTemperature,
  rank,
  trainLogisticRegression,
  trainNaiveBayes,
} from './dispatch-model.js';
import { rankUnits } from './dispatch-ranking.js';
import { evaluate, isNotWorse, trainDispatchModel, type HistoryExample } from './dispatch-training.js';
import { createTerritoryIndex, type TerritoryUnit } from './territory.js';

const UNITS: TerritoryUnit[] = [
  { id: 'drone', code: 'KZ', name: '市空域管理办公室', kind: 'city_department', parentId: null },
  { id: 'food', code: 'SJ', name: '市市场监督管理局', kind: 'city_department', parentId: null },
  { id: 'water', code: 'SW', name: '市水务集团', kind: 'public_enterprise', parentId: null },
  { id: 'dist', code: 'QY', name: '东湖区人民政府', kind: 'district', parentId: null },
  { id: 'st1', code: 'JD1', name: '东湖区柳营街道', kind: 'street', parentId: 'dist' },
  { id: 'st2', code: 'JD2', name: '东湖区桃源街道', kind: 'street', parentId: 'dist' },
];
const territory = createTerritoryIndex(UNITS);

/** A fixture history with a known structure; `i` varies the wording deterministically. */
function history(): HistoryExample[] {
  const out: HistoryExample[] = [];
  const start = Date.UTC(2025, 0, 1);
  const templates: [string, string[], string][] = [
    [
      'drone',
      ['小区上空无人机航拍扰民', '有人放飞无人机在学校上空盘旋', '无人机夜间航拍拍到住户窗户'],
      '东湖区人民路{n}号',
    ],
    ['food', ['饭店卖过期食品', '超市食品标签不全', '餐馆后厨卫生很差有老鼠'], '东湖区解放路{n}号'],
    ['water', ['家里停水一整天', '路边水管爆裂在冒水', '自来水发黄有异味'], '东湖区新华路{n}号'],
    ['st1', ['路边占道经营摆摊', '垃圾堆放在小区门口没人清理', '商户占用人行道堆放杂物'], '东湖区柳营街道柳营路{n}号'],
  ];
  let i = 0;
  for (let round = 0; round < 40; round++) {
    for (const [unit, texts, address] of templates) {
      const text = texts[round % texts.length]!;
      out.push({
        content: `市民来电反映${text}，已经第${(round % 5) + 1}次了，希望尽快处理`,
        address: address.replace('{n}', String(round + 1)),
        type: 'complaint',
        departmentId: unit,
        accepted: true,
        at: new Date(start + i++ * 3_600_000),
      });
    }
  }
  return out;
}

describe('issue 15 dispatch model (智能派单)', () => {
  it('a unit whose words never appear elsewhere is always top-1; the held-out evaluation is time-split', async () => {
    const outcome = await trainDispatchModel(history(), UNITS, territory);
    expect(outcome.evaluation.heldOut).toBe(32); // newest 20% of 160
    expect(outcome.evaluation.top1).toBeGreaterThan(0.9);
    for (const text of ['楼上有人用无人机航拍', '无人机一直在阳台外面飞', '投诉无人机']) {
      const [top] = rankUnits(
        { content: text, address: '东湖区某路' },
        { model: outcome.model, territory, catalogueUnits: [] },
      );
      expect(top!.departmentId, text).toBe('drone');
      expect(top!.reasons.join('')).toContain('无人机');
    }
  });

  it('a street named in the address takes a 属地 matter, even a street with no history', async () => {
    const { model } = await trainDispatchModel(history(), UNITS, territory);
    const [top] = rankUnits(
      { content: '小区门口有人占道经营摆摊卖水果', address: '东湖区桃源街道桃源路8号' },
      { model, territory, catalogueUnits: [] },
    );
    expect(top!.departmentId).toBe('st2');
    expect(top!.reasons.join('')).toContain('属地');
    // The same problem with no street in the address stays with the street history knows.
    const [plain] = rankUnits(
      { content: '小区门口有人占道经营摆摊卖水果', address: '东湖区' },
      { model, territory, catalogueUnits: [] },
    );
    expect(plain!.departmentId).toBe('st1');
  });

  it('a returned dispatch (退单) lowers that unit for that text', () => {
    const classes = UNITS.slice(0, 3).map((u) => u.id);
    const base = history()
      .filter((e) => classes.includes(e.departmentId))
      .map((e) => ({ features: featurize(e), label: classes.indexOf(e.departmentId), positive: true }));
    const text = { content: '井盖缺失很危险', address: '东湖区新华路1号' };
    // Some 井盖 tickets went to the water company and were accepted …
    const accepted = Array.from({ length: 3 }, () => ({ features: featurize(text), label: 2, positive: true }));
    const before = trainLogisticRegression(classes, [...base, ...accepted]);
    // … and later ones were returned by it.
    const returned = Array.from({ length: 6 }, () => ({ features: featurize(text), label: 2, positive: false }));
    const after = trainLogisticRegression(classes, [...base, ...accepted, ...returned]);
    const p = (m: typeof before) => rank(m, featurize(text)).find((r) => r.classIndex === 2)!.probability;
    expect(p(after)).toBeLessThan(p(before) - 0.1);
    // Naive Bayes takes the same negative examples (counts removed).
    const nbBefore = trainNaiveBayes(classes, [...base, ...accepted]);
    const nbAfter = trainNaiveBayes(classes, [...base, ...accepted, ...returned]);
    expect(p(nbAfter)).toBeLessThan(p(nbBefore));
  });

  it('a model with a worse evaluation is not promoted', () => {
    const current = { top1: 0.93, top3: 0.98, heldOut: 100 };
    expect(isNotWorse({ top1: 0.9, top3: 0.99, heldOut: 100 }, current)).toBe(false);
    expect(isNotWorse({ top1: 0.94, top3: 0.97, heldOut: 100 }, current)).toBe(false);
    expect(isNotWorse({ top1: 0.93, top3: 0.98, heldOut: 120 }, current)).toBe(true);
    expect(isNotWorse({ top1: 0.5, top3: 0.5, heldOut: 1 }, null)).toBe(true);
  });

  it('round-trips through its Postgres encoding', () => {
    const classes = ['a', 'b'];
    const samples = [
      { features: featurize({ content: '停水' }), label: 0, positive: true },
      { features: featurize({ content: '油烟' }), label: 1, positive: true },
    ];
    const model = trainLogisticRegression(classes, samples);
    const copy = decodeModel(encodeModel(model));
    expect(copy.classes).toEqual(classes);
    expect(rank(copy, featurize({ content: '停水' }))).toEqual(rank(model, featurize({ content: '停水' })));
  });
});

describe('issue 15 features, calibration and topics', () => {
  it('reads the place words of an address without the city, district or number', () => {
    expect(placeWords('示范市西湖区文三路18号')).toEqual(['文三路']);
    expect(placeWords('上城区湖滨街道吴山路12号锦绣小区3栋')).toEqual(expect.arrayContaining(['吴山路', '锦绣小区']));
  });

  it('the fitted temperature never sharpens the model, and softens an over-confident one', async () => {
    const outcome = await trainDispatchModel(history(), UNITS, territory);
    expect(outcome.model.temperature).toBeGreaterThanOrEqual(1);
    // The fixture's held-out part is always right and the model is sure of it: its calibration error is near 0.
    expect(outcome.evaluation.top1).toBe(1);
    expect(outcome.evaluation.calibrationError).toBeLessThan(0.02);
    // Held-out tickets whose label disagrees with the text half of the time: a high temperature fits them best.
    const classes = outcome.model.classes;
    const noisy = history()
      .slice(0, 40)
      .map((e, i) =>
        i % 2 ? e : { ...e, departmentId: classes[(classes.indexOf(e.departmentId) + 1) % classes.length]! },
      );
    const noisySamples = noisy.map((e) => ({ features: featurize(e), label: classes.indexOf(e.departmentId) }));
    const sharp = { ...outcome.model, temperature: 1 };
    const temperature = fitTemperature(sharp, noisySamples);
    expect(temperature).toBeGreaterThan(1);

    // The calibration error measures it: sure of itself and right half the time is off by about one half …
    const units = new Map(UNITS.map((u) => [u.id, u]));
    const before = evaluate(sharp, noisy, territory, units);
    expect(before.top1).toBe(0.5);
    expect(before.calibrationError).toBeGreaterThan(0.4);
    // … never less than the gap between the mean confidence and the hit rate (binning cannot hide that gap) …
    const meanConfidence =
      noisy.reduce(
        (sum, e) => sum + rankUnits(e, { model: sharp, territory, catalogueUnits: [] }, 1)[0]!.confidence,
        0,
      ) / noisy.length;
    expect(before.calibrationError).toBeGreaterThanOrEqual(Math.abs(meanConfidence - before.top1) - 1e-9);
    // … and the fitted temperature brings it down to a fraction of that, with the same ranking.
    const after = evaluate({ ...sharp, temperature }, noisy, territory, units);
    expect(after.top1).toBe(before.top1);
    expect(after.calibrationError).toBeLessThan(0.2);
    expect(after.calibrationError).toBeLessThan(before.calibrationError / 2);
  });

  it('sums every street into one topic for 并单, so two street problems agree whichever street the model guessed', async () => {
    // Both streets have the same history (the same problems, each in its own streets' addresses).
    const both = history().flatMap((e) =>
      e.departmentId === 'st1'
        ? [
            e,
            {
              ...e,
              departmentId: 'st2',
              address: e.address!.replace('柳营', '桃源'),
              at: new Date(e.at.getTime() + 1),
            },
          ]
        : [e],
    );
    const { model } = await trainDispatchModel(both, UNITS, territory);
    expect(model.classes).toHaveLength(5);
    const topics = topicDistribution(model, (id) => territory.kindOf(id));
    const p = topics('垃圾堆放在小区门口没人清理');
    expect(p).toHaveLength(4); // drone, food, water, and one "street" topic
    // Split over two streets, neither street is sure; summed, the topic is.
    const street = model.classes.indexOf('st1');
    expect(
      rank(model, featurize({ content: '垃圾堆放在小区门口没人清理' })).find((r) => r.classIndex === street)!
        .probability,
    ).toBeLessThan(0.6);
    expect(Math.max(...p)).toBeGreaterThan(0.8);
  });
});
