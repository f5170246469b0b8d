import { describe, expect, it } from 'vitest';
import { DEMO_BUNDLES, DEMO_DEPARTMENT_CODES, DEMO_MATTERS } from './index.js';
import type { DemoMatter, DemoSituation } from './index.js';

const allSituations: DemoSituation[] = DEMO_MATTERS.flatMap((m) => m.situations);
const situationByCode = new Map(allSituations.map((s) => [s.code, s]));
const matterOfSituation = new Map<string, DemoMatter>(
  DEMO_MATTERS.flatMap((m) => m.situations.map((s) => [s.code, m] as const)),
);

function matterNamed(name: string): DemoMatter {
  const matter = DEMO_MATTERS.find((m) => m.name === name);
  if (!matter) throw new Error(`matter ${name} not found`);
  return matter;
}

function bundleNamed(name: string) {
  const bundle = DEMO_BUNDLES.find((b) => b.name.startsWith(name));
  if (!bundle) throw new Error(`bundle ${name} not found`);
  return bundle;
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('demo matter knowledge base', () => {
  it('has at least 42 matters', () => {
    expect(DEMO_MATTERS.length).toBeGreaterThanOrEqual(42);
  });

  it('uses unique codes for matters, situations and bundles (no collisions between kinds)', () => {
    const codes = [
      ...DEMO_MATTERS.map((m) => m.code),
      ...allSituations.map((s) => s.code),
      ...DEMO_BUNDLES.map((b) => b.code),
    ];
    expect(duplicates(codes)).toEqual([]);
  });

  it('gives every matter 1–4 situations whose codes extend the matter code', () => {
    for (const matter of DEMO_MATTERS) {
      expect(matter.code, matter.name).toMatch(/^\d{6}-[A-Z]{2}-\d{3}$/);
      expect(matter.situations.length, matter.name).toBeGreaterThanOrEqual(1);
      expect(matter.situations.length, matter.name).toBeLessThanOrEqual(4);
      for (const situation of matter.situations) {
        expect(situation.code, `${matter.name}/${situation.name}`).toMatch(new RegExp(`^${matter.code}-\\d{2}$`));
      }
    }
  });

  it('gives every situation at least one condition and one material, with sane material fields', () => {
    for (const situation of allSituations) {
      expect(situation.conditions.length, situation.code).toBeGreaterThanOrEqual(1);
      expect(situation.materials.length, situation.code).toBeGreaterThanOrEqual(1);
      expect(
        situation.materials.some((m) => m.required),
        `${situation.code} has a required material`,
      ).toBe(true);
      for (const material of situation.materials) {
        expect(material.name.trim(), situation.code).not.toBe('');
        expect(material.source.trim(), `${situation.code}/${material.name}`).not.toBe('');
        expect(Number.isInteger(material.copies) && material.copies >= 1, `${situation.code}/${material.name}`).toBe(
          true,
        );
      }
      expect(duplicates(situation.materials.map((m) => m.name)), situation.code).toEqual([]);
    }
  });

  it('uses only the demo department codes, and every department owns at least one matter', () => {
    const known = new Set<string>(DEMO_DEPARTMENT_CODES);
    for (const matter of DEMO_MATTERS) expect(known.has(matter.departmentCode), matter.name).toBe(true);
    const used = new Set(DEMO_MATTERS.map((m) => m.departmentCode));
    expect([...known].filter((d) => !used.has(d))).toEqual([]);
  });

  it('fills the 一次告知 fields of every matter', () => {
    for (const matter of DEMO_MATTERS) {
      expect(matter.legalBasis.length, matter.name).toBeGreaterThanOrEqual(1);
      expect(matter.keywords.length, matter.name).toBeGreaterThanOrEqual(3);
      for (const field of [matter.fees, matter.place, matter.hours, matter.phone, matter.category]) {
        expect(field.trim(), matter.name).not.toBe('');
      }
      if (matter.onlineUrl !== null) expect(matter.onlineUrl, matter.name).toMatch(/^https:\/\//);
      if (matter.legalTimeLimitDays !== null && matter.promisedTimeLimitDays !== null) {
        expect(matter.promisedTimeLimitDays, matter.name).toBeLessThanOrEqual(matter.legalTimeLimitDays);
      }
    }
  });

  it('marks the business licence as shared electronically wherever it is a material', () => {
    const licences = allSituations.flatMap((s) => s.materials).filter((m) => m.name === '营业执照');
    expect(licences.length).toBeGreaterThan(10);
    for (const licence of licences) expect(licence.sharedElectronically).toBe(true);
  });

  it('splits 普通货物运输经营许可 into exactly 新办 / 变更 / 注销', () => {
    const matter = matterNamed('普通货物运输经营许可');
    expect(matter.departmentCode).toBe('JTYS');
    expect(matter.situations.map((s) => s.name)).toEqual(['新办', '变更', '注销']);
  });

  it('covers second-hand housing transfer by 买卖 / 赠与 / 继承', () => {
    const matter = matterNamed('不动产转移登记');
    expect(matter.departmentCode).toBe('ZRZY');
    const names = matter.situations.map((s) => s.name).join('|');
    for (const kind of ['买卖', '赠与', '继承']) expect(names).toContain(kind);
  });

  it('lists the 驾驶证申领 matter as a 最多跑一次 exception', () => {
    expect(matterNamed('机动车驾驶证申领（初次申领）').visitClass).toBe('exception');
  });

  it('finds matters by the colloquial phrasings citizens use', () => {
    const keywords = new Set(DEMO_MATTERS.flatMap((m) => m.keywords));
    for (const phrase of [
      '开饭店',
      '开餐馆',
      '开饭馆',
      '二手房过户',
      '买房过户',
      '办社保卡',
      '提公积金',
      '上户口',
      '办护照',
      '装水表',
      '开通燃气',
    ]) {
      expect(keywords.has(phrase), phrase).toBe(true);
    }
  });
});

describe('demo 一件事 bundles', () => {
  it('has at least 4 bundles, each referring only to existing situations without repeats', () => {
    expect(DEMO_BUNDLES.length).toBeGreaterThanOrEqual(4);
    for (const bundle of DEMO_BUNDLES) {
      expect(bundle.situationCodes.length, bundle.name).toBeGreaterThanOrEqual(2);
      expect(duplicates(bundle.situationCodes), bundle.name).toEqual([]);
      for (const code of bundle.situationCodes) expect(situationByCode.has(code), `${bundle.name}: ${code}`).toBe(true);
    }
  });

  const departmentsOf = (name: string) =>
    bundleNamed(name).situationCodes.map((code) => matterOfSituation.get(code)?.departmentCode);

  it('开餐馆一件事 spans licence, food permit, fire check, pollutant registration and signboard', () => {
    expect(departmentsOf('开餐馆一件事')).toEqual(['SCJG', 'SCJG', 'XF', 'STHJ', 'CG']);
    const names = bundleNamed('开餐馆一件事').situationCodes.map((c) => matterOfSituation.get(c)?.name ?? '');
    expect(names[0]).toContain('营业执照设立登记');
    expect(names[1]).toBe('食品经营许可');
  });

  it('二手房交易一件事 includes transfer registration, deed tax and water/power/gas transfers', () => {
    const departments = departmentsOf('二手房交易一件事');
    for (const d of ['ZRZY', 'SW', 'SWJT', 'GD', 'RQ']) expect(departments).toContain(d);
  });

  it('外贸企业开办一件事 combines the 十一证合一 registrations', () => {
    const departments = departmentsOf('外贸企业开办一件事');
    for (const d of ['SCJG', 'SWU', 'HG', 'GA']) expect(departments).toContain(d);
  });

  it('新生儿出生一件事 covers birth certificate, household registration, medical insurance and social security card', () => {
    expect(departmentsOf('新生儿出生一件事')).toEqual(['WJ', 'GA', 'YB', 'RS']);
  });
});
