import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { TicketListQuery, TicketSummary } from '@hotline/shared/contracts/tickets';
import { listTickets } from '../api';
import { useTicketEventsStore } from '../stores/ticket-events-store';

const PAGE_SIZE = 50;
/** Several changes in a burst (a dispatch to five units) cause one refresh. */
const LIVE_REFRESH_DELAY_MS = 400;

/**
 * A cursor-paged ticket list for a filter (the ticket list, a work queue, an inbox tab). It reloads when the filter
 * changes and, while `live` is true, when a `ticket:changed` event arrives.
 */
export function useTicketList(filter: Ref<TicketListQuery>, live: Ref<boolean> = ref(true)) {
  const items = ref<TicketSummary[]>([]);
  const nextCursor = ref<string | null>(null);
  /** Every ticket the filter matches (the server's exact count, all pages). */
  const total = ref<number | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  const hasMore = computed(() => nextCursor.value !== null);
  let controller: AbortController | null = null;

  async function fetchPage(cursor: string | null, limit: number): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading.value = true;
    try {
      const page = await listTickets({ ...filter.value, limit, ...(cursor ? { cursor } : {}) }, current.signal);
      items.value = cursor ? [...items.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
      total.value = page.total;
      loaded.value = true;
    } catch {
      // The http client already showed the server's message; an aborted request was replaced by a newer one.
    } finally {
      if (controller === current) loading.value = false;
    }
  }

  function reload(): Promise<void> {
    return fetchPage(null, PAGE_SIZE);
  }

  /** A live refresh keeps as many rows as are shown, so the page does not jump back to the first 50. */
  function refreshInPlace(): Promise<void> {
    return fetchPage(null, Math.min(200, Math.max(PAGE_SIZE, items.value.length)));
  }

  function loadMore(): Promise<void> {
    return nextCursor.value ? fetchPage(nextCursor.value, PAGE_SIZE) : Promise.resolve();
  }

  watch(filter, () => void reload(), { deep: true, immediate: true });

  const events = useTicketEventsStore();
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  watch(
    () => events.changeCount,
    () => {
      if (!live.value) return;
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void refreshInPlace();
      }, LIVE_REFRESH_DELAY_MS);
    },
  );

  onBeforeUnmount(() => {
    controller?.abort();
    if (refreshTimer) clearTimeout(refreshTimer);
  });

  return { items, nextCursor, total, loading, loaded, hasMore, reload, loadMore, refreshInPlace };
}
