import { and, asc, desc, eq, isNull, isNotNull } from 'drizzle-orm';
import type {
  BundleBody,
  BundleList,
  BundleView,
  GapList,
  GapSource,
  SynonymGroup,
} from '@hotline/shared/contracts/knowledge';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { users } from '../auth/users.table.js';
import { isKbEditor, type KbActor } from './kb-actor.js';
import { kbBundles, kbGaps, kbMatters, kbSynonyms, type BundleRow } from './knowledge.table.js';
import { findPublishedSituations } from './matters.repository.js';
import { upsertBundleDocument } from './search.repository.js';
import { invalidateSynonymCache } from './search.service.js';

/** Bundles (一件事), synonyms (同义词) and the gap list (知识缺口): the editors' upkeep of search and notices. */

export async function bundleViews(db: DbOrTx, bundles: BundleRow[]): Promise<BundleView[]> {
  const situations = await findPublishedSituations(db, [...new Set(bundles.flatMap((b) => b.situationCodes))]);
  const byCode = new Map(situations.map((s) => [s.code, s]));
  return bundles.map((b) => ({
    id: b.id,
    code: b.code,
    name: b.name,
    description: b.description,
    demo: b.demo,
    situations: b.situationCodes.map((code) => {
      const s = byCode.get(code);
      return {
        code,
        name: s?.situationName ?? code,
        matterId: s?.matterId ?? null,
        matterName: s?.version.name ?? null,
        departmentName: s?.departmentName ?? null,
      };
    }),
  }));
}

/** Every situation of a bundle must exist in a published matter: a notice cannot be rendered from a missing one. */
export async function indexBundle(db: DbOrTx, bundle: BundleRow): Promise<void> {
  const situations = await findPublishedSituations(db, bundle.situationCodes);
  const names = bundle.situationCodes.map((code) => {
    const s = situations.find((x) => x.code === code);
    return s ? `${s.version.name} ${s.situationName}` : '';
  });
  await upsertBundleDocument(db, { ...bundle, situationNames: names });
}

function normaliseTerms(terms: string[]): string[] {
  return [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 2))];
}

export async function recordGap(
  db: DbOrTx,
  actor: AuditActor,
  gap: { question: string; source: GapSource; ticketId: string | null; reportedBy: string | null },
): Promise<string> {
  const [row] = await db
    .insert(kbGaps)
    .values({ question: gap.question.trim(), source: gap.source, ticketId: gap.ticketId, reportedBy: gap.reportedBy })
    .returning({ id: kbGaps.id });
  await recordAudit(db, actor, {
    action: 'kb.gap_record',
    entityType: 'kb_gap',
    entityId: row!.id,
    detail: { source: gap.source, ticketId: gap.ticketId },
  });
  return row!.id;
}

export function createCurationService({ db, clock }: { db: Db; clock: Clock }) {
  const requireEditor = (actor: KbActor) => {
    if (!isKbEditor(actor)) throw forbidden('只有知识库采编可以执行此操作');
  };

  async function assertSituationsPublished(tx: DbOrTx, codes: string[]) {
    const found = new Set((await findPublishedSituations(tx, codes)).map((s) => s.code));
    const missing = codes.filter((c) => !found.has(c));
    if (missing.length) throw unprocessable(`以下办事情形不存在或所属事项未发布：${missing.join('、')}`);
  }

  return {
    async listBundles(): Promise<BundleList> {
      return { items: await bundleViews(db, await db.select().from(kbBundles).orderBy(asc(kbBundles.code))) };
    },

    async getBundle(id: string): Promise<BundleView> {
      const [row] = await db.select().from(kbBundles).where(eq(kbBundles.id, id));
      if (!row) throw notFound('一件事不存在');
      return (await bundleViews(db, [row]))[0]!;
    },

    async saveBundle(actor: KbActor, id: string | null, body: BundleBody): Promise<BundleView> {
      requireEditor(actor);
      const saved = await db.transaction(async (tx) => {
        await assertSituationsPublished(tx, body.situationCodes);
        const values = { ...body, updatedBy: actor.userId, updatedAt: clock.now() };
        let row: BundleRow | undefined;
        if (id) {
          [row] = await tx.update(kbBundles).set(values).where(eq(kbBundles.id, id)).returning();
          if (!row) throw notFound('一件事不存在');
        } else {
          const [existing] = await tx.select({ id: kbBundles.id }).from(kbBundles).where(eq(kbBundles.code, body.code));
          if (existing) throw conflict(`一件事编码 ${body.code} 已存在`, 'duplicate_code');
          [row] = await tx.insert(kbBundles).values(values).returning();
        }
        await indexBundle(tx, row!);
        await recordAudit(tx, actor, {
          action: id ? 'kb.bundle_update' : 'kb.bundle_create',
          entityType: 'kb_bundle',
          entityId: row!.id,
          detail: { situationCodes: body.situationCodes },
        });
        return row!;
      });
      return (await bundleViews(db, [saved]))[0]!;
    },

    async listSynonyms(): Promise<{ items: SynonymGroup[] }> {
      const rows = await db.select().from(kbSynonyms).orderBy(asc(kbSynonyms.updatedAt));
      return { items: rows.map((r) => ({ id: r.id, terms: r.terms, updatedAt: r.updatedAt.toISOString() })) };
    },

    async saveSynonyms(actor: KbActor, id: string | null, terms: string[]): Promise<SynonymGroup> {
      requireEditor(actor);
      const cleaned = normaliseTerms(terms);
      if (cleaned.length < 2) throw unprocessable('同义词组至少需要两个不同的词（每个词至少两个字）');
      const saved = await db.transaction(async (tx) => {
        const values = { terms: cleaned, updatedBy: actor.userId, updatedAt: clock.now() };
        const [row] = id
          ? await tx.update(kbSynonyms).set(values).where(eq(kbSynonyms.id, id)).returning()
          : await tx.insert(kbSynonyms).values(values).returning();
        if (!row) throw notFound('同义词组不存在');
        await recordAudit(tx, actor, {
          action: id ? 'kb.synonyms_update' : 'kb.synonyms_create',
          entityType: 'kb_synonyms',
          entityId: row.id,
          detail: { terms: cleaned },
        });
        return { id: row.id, terms: row.terms, updatedAt: row.updatedAt.toISOString() };
      });
      // After the commit, so no concurrent search re-caches the old groups.
      invalidateSynonymCache(db);
      return saved;
    },

    async deleteSynonyms(actor: KbActor, id: string): Promise<void> {
      requireEditor(actor);
      await db.transaction(async (tx) => {
        const [row] = await tx.delete(kbSynonyms).where(eq(kbSynonyms.id, id)).returning();
        if (!row) throw notFound('同义词组不存在');
        await recordAudit(tx, actor, {
          action: 'kb.synonyms_delete',
          entityType: 'kb_synonyms',
          entityId: id,
          detail: { terms: row.terms },
        });
      });
      invalidateSynonymCache(db);
    },

    async listGaps(open: boolean): Promise<GapList> {
      const rows = await db
        .select({ gap: kbGaps, reporter: users.displayName })
        .from(kbGaps)
        .leftJoin(users, eq(users.id, kbGaps.reportedBy))
        .where(open ? isNull(kbGaps.resolvedAt) : isNotNull(kbGaps.resolvedAt))
        .orderBy(desc(kbGaps.createdAt))
        .limit(500);
      return {
        items: rows.map(({ gap, reporter }) => ({
          id: gap.id,
          question: gap.question,
          source: gap.source,
          ticketId: gap.ticketId,
          reportedByName: reporter,
          createdAt: gap.createdAt.toISOString(),
          resolvedAt: gap.resolvedAt?.toISOString() ?? null,
          resolvedMatterId: gap.resolvedMatterId,
        })),
      };
    },

    /** An agent's search found nothing useful: the question goes on the gap list for the editors. */
    async reportSearchMiss(actor: KbActor, question: string): Promise<{ id: string }> {
      return db.transaction(async (tx) => ({
        id: await recordGap(tx, actor, { question, source: 'search_miss', ticketId: null, reportedBy: actor.userId }),
      }));
    },

    async resolveGap(actor: KbActor, id: string, matterId: string | undefined): Promise<void> {
      requireEditor(actor);
      await db.transaction(async (tx) => {
        if (matterId) {
          const [matter] = await tx.select({ id: kbMatters.id }).from(kbMatters).where(eq(kbMatters.id, matterId));
          if (!matter) throw unprocessable('关联的事项不存在');
        }
        const [row] = await tx
          .update(kbGaps)
          .set({ resolvedAt: clock.now(), resolvedBy: actor.userId, resolvedMatterId: matterId ?? null })
          .where(and(eq(kbGaps.id, id), isNull(kbGaps.resolvedAt)))
          .returning();
        if (!row) throw notFound('知识缺口不存在或已处理');
        await recordAudit(tx, actor, {
          action: 'kb.gap_resolve',
          entityType: 'kb_gap',
          entityId: id,
          detail: { matterId: matterId ?? null },
        });
      });
    },
  };
}

export type CurationService = ReturnType<typeof createCurationService>;
