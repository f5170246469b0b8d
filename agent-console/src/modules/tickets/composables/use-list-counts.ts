import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { TicketListQuery } from '@hotline/shared/contracts/tickets';
import { listTickets } from '../api';
import { useTicketEventsStore } from '../stores/ticket-events-store';

const LIVE_REFRESH_DELAY_MS = 400;

/**
 * An exact count per tab (the list API's `total`, one row read per tab), refreshed when the tabs or their filters
 * change and on `ticket:changed`. Keys are the tabs' own keys; a tab whose count failed has none.
 */
export function useListCounts<K extends string>(tabs: Ref<{ key: K; query: TicketListQuery }[]>) {
  const counts = ref<Partial<Record<K, number>>>({}) as Ref<Partial<Record<K, number>>>;
  let controller: AbortController | null = null;

  async function refresh(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const entries = await Promise.all(
      tabs.value.map(async (tab) => {
        try {
          const page = await listTickets({ ...tab.query, limit: 1 }, current.signal);
          return [tab.key, page.total] as const;
        } catch {
          return [tab.key, undefined] as const;
        }
      }),
    );
    if (controller === current) counts.value = Object.fromEntries(entries) as Partial<Record<K, number>>;
  }

  watch(tabs, () => void refresh(), { immediate: true, deep: true });

  const events = useTicketEventsStore();
  let timer: ReturnType<typeof setTimeout> | null = null;
  watch(
    () => events.changeCount,
    () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void refresh();
      }, LIVE_REFRESH_DELAY_MS);
    },
  );
  onBeforeUnmount(() => {
    controller?.abort();
    if (timer) clearTimeout(timer);
  });

  return { counts, refresh };
}
