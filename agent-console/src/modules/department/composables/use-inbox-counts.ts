import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { listTickets } from '../../tickets/api';
import { useTicketEventsStore } from '../../tickets/stores/ticket-events-store';
import { inboxQuery, type InboxTab, type InboxTabKey } from '../inbox-tabs';

const LIVE_REFRESH_DELAY_MS = 400;

/**
 * An exact count on every inbox tab (the search box narrows them too): the list API's `total`, one row read per
 * tab; counts refresh with the list on `ticket:changed`.
 */
export function useInboxCounts(tabs: Ref<InboxTab[]>, search: Ref<string>) {
  const counts = ref<Partial<Record<InboxTabKey, string>>>({});
  let controller: AbortController | null = null;

  async function refresh(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const entries = await Promise.all(
      tabs.value.map(async (tab) => {
        try {
          const page = await listTickets({ ...inboxQuery(tab.key, search.value), limit: 1 }, current.signal);
          return [tab.key, String(page.total)] as const;
        } catch {
          return [tab.key, undefined] as const;
        }
      }),
    );
    if (controller === current) counts.value = Object.fromEntries(entries);
  }

  watch([tabs, search], () => void refresh(), { immediate: true });

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
