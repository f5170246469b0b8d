// Seeds the DEMO matter knowledge base (demo-data/): fictional but realistic matters of the demo city 示范市,
// marked demo = true so they are never mistaken for an official catalogue.
import { eq } from 'drizzle-orm';
import type { MatterContent } from '@hotline/shared/contracts/knowledge';
import type { Db } from '../../platform/db/client.js';
import { departments } from '../departments/departments.table.js';
import { DEMO_BUNDLES, DEMO_MATTERS, type DemoMatter } from './demo-data/index.js';
import { indexBundle } from './curation.service.js';
import { kbBundles, kbSynonyms } from './knowledge.table.js';
import { findMatterByCode, insertMatter, insertVersion, updateMatter } from './matters.repository.js';
import { upsertMatterDocument } from './search.repository.js';

/** Phrasings citizens use for the same thing; editors maintain more in the console. */
export const DEMO_SYNONYM_GROUPS: string[][] = [
  ['开饭店', '开餐馆', '开饭馆', '开餐厅'],
  ['二手房过户', '不动产转移登记', '房产过户', '买房过户'],
  ['办社保卡', '社会保障卡申领', '社保卡办理'],
  ['社保', '社会保险'],
  ['医保', '医疗保险'],
  ['公积金', '住房公积金'],
  ['提公积金', '公积金提取'],
  ['上户口', '户口登记', '落户'],
  ['噪音', '噪声'],
  ['驾照', '驾驶证'],
  ['营业执照', '工商执照'],
];

function contentOf(matter: DemoMatter): MatterContent {
  return {
    name: matter.name,
    category: matter.category,
    visitClass: matter.visitClass,
    legalBasis: matter.legalBasis,
    fees: matter.fees,
    legalTimeLimitDays: matter.legalTimeLimitDays,
    promisedTimeLimitDays: matter.promisedTimeLimitDays,
    place: matter.place,
    hours: matter.hours,
    phone: matter.phone,
    onlineUrl: matter.onlineUrl,
    keywords: matter.keywords,
    situations: matter.situations.map((s) => ({
      code: s.code,
      name: s.name,
      conditions: s.conditions,
      notes: s.notes ?? null,
      materials: s.materials.map((m) => ({ ...m, note: m.note ?? null })),
    })),
  };
}

/**
 * Every seventh demo matter is due for review in the past, so the stale list has something to show; the others
 * are due at the end of 2027.
 */
function reviewDueOn(index: number): string {
  return index % 7 === 3 ? '2026-01-15' : '2027-12-31';
}

/** Idempotent: matters and bundles that exist (by code) are left as they are. */
export async function seedKnowledgeBase(db: Db): Promise<void> {
  const departmentRows = await db
    .select({ id: departments.id, code: departments.code, name: departments.name })
    .from(departments);
  const byCode = new Map(departmentRows.map((d) => [d.code, d]));
  const now = new Date();
  await db.transaction(async (tx) => {
    for (const [index, demo] of DEMO_MATTERS.entries()) {
      if (await findMatterByCode(tx, demo.code)) continue;
      const department = byCode.get(demo.departmentCode);
      if (!department) throw new Error(`demo matter ${demo.code}: unknown department ${demo.departmentCode}`);
      const matter = await insertMatter(tx, {
        code: demo.code,
        departmentId: department.id,
        reviewDueOn: reviewDueOn(index),
        demo: true,
      });
      const content = contentOf(demo);
      const version = await insertVersion(tx, {
        matterId: matter.id,
        versionNo: 1,
        status: 'published',
        content,
        createdBy: null,
        changeNote: '示范数据',
        createdAt: now,
      });
      await updateMatter(tx, matter.id, { publishedVersionId: version.id });
      await upsertMatterDocument(tx, {
        matterId: matter.id,
        code: demo.code,
        departmentName: department.name,
        content,
      });
    }
    for (const demo of DEMO_BUNDLES) {
      const [existing] = await tx.select({ id: kbBundles.id }).from(kbBundles).where(eq(kbBundles.code, demo.code));
      if (existing) continue;
      const [bundle] = await tx
        .insert(kbBundles)
        .values({
          code: demo.code,
          name: demo.name,
          description: demo.description,
          situationCodes: demo.situationCodes,
          demo: true,
        })
        .returning();
      await indexBundle(tx, bundle!);
    }
    // Synonyms are seeded once: after that they belong to the editors (a deleted group must stay deleted).
    const [anyGroup] = await tx.select({ id: kbSynonyms.id }).from(kbSynonyms).limit(1);
    if (!anyGroup) await tx.insert(kbSynonyms).values(DEMO_SYNONYM_GROUPS.map((terms) => ({ terms })));
  });
}
