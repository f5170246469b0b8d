import type { SearchResponse } from '@hotline/shared/contracts/knowledge';
import type { DbOrTx } from '../../platform/db/client.js';
import { matchRanges, snippetAround } from './highlight.js';
import { listSynonymGroups, searchDocuments, toTsQuery, type SearchRow } from './search.repository.js';
import { hanBigrams, queryTerms } from './segmentation.js';

const MAX_ALTERNATIVES = 12;

/**
 * Synonym groups are read on every keystroke of every agent but change rarely: they are cached per database handle
 * for a few seconds. An edit on this node invalidates at once; other nodes follow within SYNONYM_CACHE_MS.
 */
const SYNONYM_CACHE_MS = 5_000;
const synonymCache = new WeakMap<object, { at: number; groups: string[][] }>();

export function invalidateSynonymCache(db: DbOrTx): void {
  synonymCache.delete(db);
}

async function synonymGroups(db: DbOrTx): Promise<string[][]> {
  const cached = synonymCache.get(db);
  if (cached && Date.now() - cached.at < SYNONYM_CACHE_MS) return cached.groups;
  const groups = (await listSynonymGroups(db)).map((g) => g.terms);
  synonymCache.set(db, { at: Date.now(), groups });
  return groups;
}

/**
 * The query and its rewrites through the synonym groups: 「开饭店办什么」 with 开饭店 = 开餐馆 also searches
 * 「开餐馆办什么」. A phrase is replaced where it occurs; the original query always comes first.
 */
export function expandWithSynonyms(query: string, groups: string[][]): string[] {
  const alternatives = [query];
  for (const group of groups) {
    for (const term of group) {
      if (!term || !query.includes(term)) continue;
      for (const other of group) {
        if (other === term) continue;
        const rewritten = query.split(term).join(other);
        if (!alternatives.includes(rewritten)) alternatives.push(rewritten);
      }
    }
  }
  return alternatives.slice(0, MAX_ALTERNATIVES);
}

function normaliseQuery(q: string): string {
  return q.replace(/\s+/g, ' ').trim().slice(0, 100);
}

export interface SearchPlan {
  /** AND within an alternative, OR across alternatives. */
  alternatives: string[][];
  /** Looser second try: any term, plus bigrams of the raw query (as-you-type fragments such as 开饭). */
  fallback: string[];
  highlightTerms: string[];
}

export function planSearch(q: string, synonymGroups: string[][]): SearchPlan {
  const query = normaliseQuery(q);
  const rewrites = expandWithSynonyms(query, synonymGroups);
  const alternatives = rewrites.map(queryTerms).filter((terms) => terms.length > 0);
  const allTerms = [...new Set(alternatives.flat())];
  const fallback = [...new Set([...allTerms, ...rewrites.flatMap(hanBigrams)])];
  // Highlight the synonyms' phrases too: the agent sees why 开餐馆 matched 开饭店.
  const synonymPhrases = rewrites.filter((r) => r !== query && r.length <= 20);
  return { alternatives, fallback, highlightTerms: [...new Set([...allTerms, ...synonymPhrases, query])] };
}

function toResponse(rows: SearchRow[], plan: SearchPlan): SearchResponse {
  const terms = plan.highlightTerms;
  return {
    terms: [...new Set(plan.alternatives.flat())],
    items: rows
      .filter((r) => r.matterId)
      .map((r) => {
        const snippet = snippetAround(r.bodyText, terms);
        return {
          matterId: r.matterId!,
          code: r.code,
          name: r.title,
          nameMatches: matchRanges(r.title, terms),
          snippet: snippet.text,
          snippetMatches: snippet.matches,
          departmentName: r.departmentName,
          visitClass: r.visitClass ?? 'one_visit',
          rank: r.rank,
          situations: r.situations,
        };
      }),
    bundles: rows
      .filter((r) => r.bundleId)
      .map((r) => ({
        id: r.bundleId!,
        code: r.code,
        name: r.title,
        nameMatches: matchRanges(r.title, terms),
        description: r.bodyText,
      })),
  };
}

/**
 * Searches published matters and bundles: strict first (every term of one phrasing), then loose (any term or
 * bigram) when the strict search finds nothing — so a partly typed or chatty question still finds something.
 */
export async function searchKnowledge(db: DbOrTx, q: string, limit: number): Promise<SearchResponse> {
  const plan = planSearch(q, await synonymGroups(db));
  let rows = await searchDocuments(db, toTsQuery(plan.alternatives), limit);
  if (rows.length === 0 && plan.fallback.length > 0) {
    rows = await searchDocuments(db, toTsQuery(plan.fallback.map((t) => [t])), limit);
  }
  return toResponse(rows, plan);
}
