import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MatterContent, VersionStatus } from '@hotline/shared/contracts/knowledge';
import type { DbOrTx } from '../../platform/db/client.js';
import { departments } from '../departments/departments.table.js';
import { kbMaterials, kbMatters, kbMatterVersions, kbSituations, type MatterVersionRow } from './knowledge.table.js';

export async function insertMatter(
  db: DbOrTx,
  values: { code: string; departmentId: string; reviewDueOn: string; demo?: boolean },
) {
  const [row] = await db.insert(kbMatters).values(values).returning();
  return row!;
}

export async function findMatterByCode(db: DbOrTx, code: string) {
  const rows = await db.select().from(kbMatters).where(eq(kbMatters.code, code)).limit(1);
  return rows[0] ?? null;
}

/** The matter with its department's name; `lock` takes a row lock so concurrent edits of one matter queue. */
export async function findMatter(db: DbOrTx, id: string, lock = false) {
  const query = db
    .select({ matter: kbMatters, departmentName: departments.name })
    .from(kbMatters)
    .innerJoin(departments, eq(departments.id, kbMatters.departmentId))
    .where(eq(kbMatters.id, id))
    .limit(1);
  const rows = lock ? await query.for('update', { of: kbMatters }) : await query;
  return rows[0] ?? null;
}

const contentColumns = (content: MatterContent) => ({
  name: content.name,
  category: content.category,
  visitClass: content.visitClass,
  legalBasis: content.legalBasis,
  fees: content.fees,
  legalTimeLimitDays: content.legalTimeLimitDays,
  promisedTimeLimitDays: content.promisedTimeLimitDays,
  place: content.place,
  hours: content.hours,
  phone: content.phone,
  onlineUrl: content.onlineUrl,
  keywords: content.keywords,
});

async function insertSituations(db: DbOrTx, versionId: string, content: MatterContent): Promise<void> {
  if (content.situations.length === 0) return;
  const inserted = await db
    .insert(kbSituations)
    .values(
      content.situations.map((s, i) => ({
        versionId,
        code: s.code,
        name: s.name,
        conditions: s.conditions,
        notes: s.notes ?? null,
        sortOrder: i,
      })),
    )
    .returning({ id: kbSituations.id, code: kbSituations.code });
  const idByCode = new Map(inserted.map((r) => [r.code, r.id]));
  const materials = content.situations.flatMap((s) =>
    s.materials.map((m, i) => ({
      situationId: idByCode.get(s.code)!,
      name: m.name,
      form: m.form,
      copies: m.copies,
      required: m.required,
      deferrable: m.deferrable,
      source: m.source,
      sharedElectronically: m.sharedElectronically,
      note: m.note ?? null,
      sortOrder: i,
    })),
  );
  if (materials.length) await db.insert(kbMaterials).values(materials);
}

export async function insertVersion(
  db: DbOrTx,
  values: {
    matterId: string;
    versionNo: number;
    status: VersionStatus;
    content: MatterContent;
    createdBy: string | null;
    changeNote?: string | null;
    createdAt: Date;
  },
): Promise<MatterVersionRow> {
  const [row] = await db
    .insert(kbMatterVersions)
    .values({
      matterId: values.matterId,
      versionNo: values.versionNo,
      status: values.status,
      ...contentColumns(values.content),
      changeNote: values.changeNote ?? null,
      createdBy: values.createdBy,
      createdAt: values.createdAt,
    })
    .returning();
  await insertSituations(db, row!.id, values.content);
  return row!;
}

/** Replaces a draft's content (situations and materials are rewritten; a draft has no readers to preserve). */
export async function replaceDraftContent(
  db: DbOrTx,
  versionId: string,
  content: MatterContent,
  changeNote: string | null,
): Promise<void> {
  await db
    .update(kbMatterVersions)
    .set({ ...contentColumns(content), changeNote })
    .where(eq(kbMatterVersions.id, versionId));
  await db.delete(kbSituations).where(eq(kbSituations.versionId, versionId));
  await insertSituations(db, versionId, content);
}

export async function updateVersion(
  db: DbOrTx,
  versionId: string,
  patch: Partial<typeof kbMatterVersions.$inferInsert>,
) {
  await db.update(kbMatterVersions).set(patch).where(eq(kbMatterVersions.id, versionId));
}

export async function updateMatter(db: DbOrTx, matterId: string, patch: Partial<typeof kbMatters.$inferInsert>) {
  await db.update(kbMatters).set(patch).where(eq(kbMatters.id, matterId));
}

export async function findVersion(db: DbOrTx, versionId: string) {
  const rows = await db.select().from(kbMatterVersions).where(eq(kbMatterVersions.id, versionId)).limit(1);
  return rows[0] ?? null;
}

/** The version in the works (draft or review), if any. */
export async function findWorkingVersion(db: DbOrTx, matterId: string) {
  const rows = await db
    .select()
    .from(kbMatterVersions)
    .where(and(eq(kbMatterVersions.matterId, matterId), inArray(kbMatterVersions.status, ['draft', 'review'])))
    .limit(1);
  return rows[0] ?? null;
}

export async function nextVersionNo(db: DbOrTx, matterId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number>`coalesce(max(${kbMatterVersions.versionNo}), 0)::int` })
    .from(kbMatterVersions)
    .where(eq(kbMatterVersions.matterId, matterId));
  return (row?.max ?? 0) + 1;
}

export async function listVersions(db: DbOrTx, matterId: string) {
  return db
    .select()
    .from(kbMatterVersions)
    .where(eq(kbMatterVersions.matterId, matterId))
    .orderBy(desc(kbMatterVersions.versionNo));
}

/** Full content (situations with their materials, in order) of each version asked for. */
export async function loadContents(db: DbOrTx, versions: MatterVersionRow[]): Promise<Map<string, MatterContent>> {
  const result = new Map<string, MatterContent>();
  if (versions.length === 0) return result;
  const ids = versions.map((v) => v.id);
  const situations = await db
    .select()
    .from(kbSituations)
    .where(inArray(kbSituations.versionId, ids))
    .orderBy(asc(kbSituations.sortOrder));
  const materials = situations.length
    ? await db
        .select()
        .from(kbMaterials)
        .where(
          inArray(
            kbMaterials.situationId,
            situations.map((s) => s.id),
          ),
        )
        .orderBy(asc(kbMaterials.sortOrder))
    : [];
  for (const v of versions) {
    result.set(v.id, {
      name: v.name,
      category: v.category,
      visitClass: v.visitClass,
      legalBasis: v.legalBasis,
      fees: v.fees,
      legalTimeLimitDays: v.legalTimeLimitDays,
      promisedTimeLimitDays: v.promisedTimeLimitDays,
      place: v.place,
      hours: v.hours,
      phone: v.phone,
      onlineUrl: v.onlineUrl,
      keywords: v.keywords,
      situations: situations
        .filter((s) => s.versionId === v.id)
        .map((s) => ({
          code: s.code,
          name: s.name,
          conditions: s.conditions,
          notes: s.notes,
          materials: materials
            .filter((m) => m.situationId === s.id)
            .map((m) => ({
              name: m.name,
              form: m.form,
              copies: m.copies,
              required: m.required,
              deferrable: m.deferrable,
              source: m.source,
              sharedElectronically: m.sharedElectronically,
              note: m.note,
            })),
        })),
    });
  }
  return result;
}

/** Published versions holding the given situation codes (for bundles), with matter and department. */
export async function findPublishedSituations(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      code: kbSituations.code,
      situationName: kbSituations.name,
      matterId: kbMatters.id,
      matterCode: kbMatters.code,
      version: kbMatterVersions,
      departmentName: departments.name,
    })
    .from(kbSituations)
    .innerJoin(kbMatterVersions, eq(kbMatterVersions.id, kbSituations.versionId))
    .innerJoin(kbMatters, eq(kbMatters.publishedVersionId, kbMatterVersions.id))
    .innerJoin(departments, eq(departments.id, kbMatters.departmentId))
    .where(inArray(kbSituations.code, codes));
}

export interface MatterListFilter {
  departmentId?: string;
  q?: string;
  status?: VersionStatus;
  staleOn?: string;
  limit: number;
  offset: number;
}

/** Matters with their published and working versions' headline fields, for the editor's lists. */
export async function listMatters(db: DbOrTx, filter: MatterListFilter) {
  const published = alias(kbMatterVersions, 'published');
  const working = alias(kbMatterVersions, 'working');
  const conditions = [
    filter.departmentId ? eq(kbMatters.departmentId, filter.departmentId) : undefined,
    filter.staleOn ? sql`${kbMatters.reviewDueOn} < ${filter.staleOn}` : undefined,
    filter.q
      ? sql`(${kbMatters.code} ilike ${`%${filter.q}%`} or coalesce(${working.name}, ${published.name}) ilike ${`%${filter.q}%`})`
      : undefined,
    filter.status ? sql`coalesce(${working.status}, ${published.status}) = ${filter.status}` : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length ? and(...conditions) : undefined;
  const base = db
    .select({
      matter: kbMatters,
      departmentName: departments.name,
      published: {
        versionNo: published.versionNo,
        name: published.name,
        category: published.category,
        visitClass: published.visitClass,
        status: published.status,
      },
      working: {
        versionNo: working.versionNo,
        name: working.name,
        category: working.category,
        visitClass: working.visitClass,
        status: working.status,
      },
    })
    .from(kbMatters)
    .innerJoin(departments, eq(departments.id, kbMatters.departmentId))
    .leftJoin(published, eq(published.id, kbMatters.publishedVersionId))
    .leftJoin(working, and(eq(working.matterId, kbMatters.id), inArray(working.status, ['draft', 'review'])));
  const rows = await base.where(where).orderBy(asc(kbMatters.code)).limit(filter.limit).offset(filter.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(kbMatters)
    .leftJoin(published, eq(published.id, kbMatters.publishedVersionId))
    .leftJoin(working, and(eq(working.matterId, kbMatters.id), inArray(working.status, ['draft', 'review'])))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}
