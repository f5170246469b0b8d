import type { DispatchSuggestionResult, SuggestionsShown } from '@hotline/shared/contracts/intelligence';

/**
 * What the agent had on screen, sent with the dispatch so the server records the unit chosen against it (rank taken,
 * overridden); null when nothing was suggested.
 */
export function suggestionsShown(result: DispatchSuggestionResult | null | undefined): SuggestionsShown | null {
  if (!result || result.items.length === 0) return null;
  return {
    modelVersion: result.modelVersion,
    suggestedDepartmentIds: result.items.map((i) => i.department.id),
    suggestedConfidences: result.items.map((i) => Math.min(1, Math.max(0, i.confidence))),
  };
}
