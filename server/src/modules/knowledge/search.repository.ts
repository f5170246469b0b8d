import { sql } from 'drizzle-orm';
import type { MatterContent } from '@hotline/shared/contracts/knowledge';
import type { VisitClass } from '@hotline/shared/domain/notice-rendering';
import type { DbOrTx } from '../../platform/db/client.js';
import { kbSearchDocuments, kbSynonyms } from './knowledge.table.js';
import { indexTokens } from './segmentation.js';

/** The text of a matter that search reads, beyond its name and keywords. */
function matterBody(content: MatterContent, departmentName: string): string {
  return [
    content.category,
    departmentName,
    ...content.situations.flatMap((s) => [s.name, ...s.conditions, ...s.materials.map((m) => m.name)]),
    content.fees,
    content.place,
  ].join('；');
}

export interface MatterDocumentInput {
  matterId: string;
  code: string;
  departmentName: string;
  content: MatterContent;
}

/** The row stored for a published matter: segmented tokens by weight, plus what a result shows. */
export function matterDocument(input: MatterDocumentInput) {
  const { content } = input;
  const body = matterBody(content, input.departmentName);
  return {
    matterId: input.matterId,
    bundleId: null,
    title: content.name,
    bodyText: `${content.keywords.join('、')}。${body}`,
    departmentName: input.departmentName,
    visitClass: content.visitClass,
    code: input.code,
    situations: content.situations.map((s) => ({ code: s.code, name: s.name })),
    nameTokens: indexTokens(`${content.name} ${input.code}`),
    keywordTokens: indexTokens(content.keywords.join(' ')),
    bodyTokens: indexTokens(body),
  };
}

/** Indexes (or re-indexes) the published version of a matter. */
export async function upsertMatterDocument(db: DbOrTx, input: MatterDocumentInput): Promise<void> {
  const doc = matterDocument(input);
  await db
    .insert(kbSearchDocuments)
    .values(doc)
    .onConflictDoUpdate({ target: kbSearchDocuments.matterId, set: { ...doc, matterId: undefined } });
}

export async function upsertBundleDocument(
  db: DbOrTx,
  bundle: { id: string; code: string; name: string; description: string; situationNames: string[] },
): Promise<void> {
  const doc = {
    matterId: null,
    bundleId: bundle.id,
    title: bundle.name,
    bodyText: bundle.description,
    departmentName: '',
    visitClass: null,
    code: bundle.code,
    situations: [],
    nameTokens: indexTokens(`${bundle.name} ${bundle.code}`),
    keywordTokens: indexTokens(bundle.situationNames.join(' ')),
    bodyTokens: indexTokens(bundle.description),
  };
  await db
    .insert(kbSearchDocuments)
    .values(doc)
    .onConflictDoUpdate({ target: kbSearchDocuments.bundleId, set: { ...doc, bundleId: undefined } });
}

export interface SearchRow {
  matterId: string | null;
  bundleId: string | null;
  title: string;
  bodyText: string;
  departmentName: string;
  visitClass: VisitClass | null;
  code: string;
  situations: { code: string; name: string }[];
  rank: number;
}

/**
 * Lexemes are letters and digits only (segmentation drops everything else), so quoting them cannot break the query.
 * Each alternative is an AND of its terms; alternatives (synonyms) are ORed.
 */
export function toTsQuery(alternatives: string[][]): string {
  return alternatives
    .filter((terms) => terms.length > 0)
    .map((terms) => `(${terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ')})`)
    .join(' | ');
}

type SearchSqlRow = {
  matter_id: string | null;
  bundle_id: string | null;
  title: string;
  body_text: string;
  department_name: string;
  visit_class: VisitClass | null;
  code: string;
  situations: { code: string; name: string }[];
  rank: number;
};

/** Matches in the body only are ranked among at most this many candidates: a broad term must not rank thousands. */
const BODY_CANDIDATES = 500;

/**
 * Ranked full-text search over matters and bundles, in two steps of one statement. Names and keywords first (a small
 * GIN-indexed vector, ranked A above B); only when they give fewer than `limit` hits (a one-time filter: the body
 * scan does not even start otherwise) are body matches added, ranked after them. So a name always ranks above a
 * mention in the body, and a term common in material lists stays cheap.
 */
export async function searchDocuments(db: DbOrTx, tsquery: string, limit: number): Promise<SearchRow[]> {
  if (!tsquery) return [];
  const rows = await db.execute<SearchSqlRow>(sql`
    with q as materialized (select to_tsquery('simple', ${tsquery}) as query),
    title_hits as (
      select d.id, 1 + ts_rank(d.title_document, q.query) as rank
      from kb_search_documents d, q
      where d.title_document @@ q.query
      order by rank desc, d.title
      limit ${limit}
    ),
    body_candidates as (
      select d.id, d.document
      from kb_search_documents d, q
      where (select count(*) from title_hits) < ${limit}
        and d.document @@ q.query and not (d.title_document @@ q.query)
      limit ${BODY_CANDIDATES}
    ),
    body_hits as (
      select c.id, ts_rank(c.document, q.query) as rank
      from body_candidates c, q
      order by rank desc
      limit ${limit}
    ),
    hits as (select * from title_hits union all select * from body_hits)
    select d.matter_id, d.bundle_id, d.title, d.body_text, d.department_name, d.visit_class, d.code, d.situations,
           h.rank
    from hits h join kb_search_documents d on d.id = h.id
    order by h.rank desc, d.title
    limit ${limit}
  `);
  return rows.map((r) => ({
    matterId: r.matter_id,
    bundleId: r.bundle_id,
    title: r.title,
    bodyText: r.body_text,
    departmentName: r.department_name,
    visitClass: r.visit_class,
    code: r.code,
    situations: r.situations,
    rank: Number(r.rank),
  }));
}

export async function listSynonymGroups(db: DbOrTx) {
  return db.select().from(kbSynonyms).orderBy(kbSynonyms.updatedAt);
}
