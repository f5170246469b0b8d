import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { SearchResponse } from '@hotline/shared/contracts/knowledge';
import { searchKnowledge } from '../api';

/** Waits this long after the last keystroke before searching: fast enough to feel live, without a request per key. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Search-as-you-type: debounced, and an older request is aborted when a newer one starts. */
export function useKnowledgeSearch(query: Ref<string>) {
  const result = ref<SearchResponse | null>(null);
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: AbortController | null = null;

  async function run(q: string) {
    inFlight?.abort();
    if (!q.trim()) {
      result.value = null;
      loading.value = false;
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    try {
      const response = await searchKnowledge(q.trim(), controller.signal);
      if (!controller.signal.aborted) result.value = response;
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) result.value = null;
    } finally {
      if (inFlight === controller) loading.value = false;
    }
  }

  watch(query, (q) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(q), SEARCH_DEBOUNCE_MS);
  });

  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
    inFlight?.abort();
  });

  return { result, loading };
}
