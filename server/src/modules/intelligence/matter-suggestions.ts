import type { MatterSuggestionList } from '@hotline/shared/contracts/intelligence';
import type { DbOrTx } from '../../platform/db/client.js';
import { searchKnowledge } from '../knowledge/search.service.js';
import { bigramSet, containment } from './similarity.js';

/**
 * 一次告知 panel: the top 3 matters (事项) and their most likely situation (办事情形) from the caller's words, through
 * the knowledge base's own Chinese search (jieba, synonyms, loose fallback for chatty sentences).
 */
export async function suggestMatters(db: DbOrTx, text: string): Promise<MatterSuggestionList> {
  const result = await searchKnowledge(db, text.slice(0, 500), 3);
  const top = result.items[0]?.rank || 1;
  const words = bigramSet(text.replace(/[\s\p{P}]/gu, ''));
  return {
    items: result.items.slice(0, 3).map((hit) => {
      const best = hit.situations
        .map((s) => ({ name: s.name, fit: containment(bigramSet(s.name), words) }))
        .sort((a, b) => b.fit - a.fit)[0];
      return {
        matterId: hit.matterId,
        name: hit.name,
        situation: best && best.fit > 0 ? best.name : null,
        score: Math.round((hit.rank / top) * 1000) / 1000,
      };
    }),
  };
}
