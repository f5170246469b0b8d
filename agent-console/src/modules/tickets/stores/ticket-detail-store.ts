import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TicketDetail } from '@hotline/shared/contracts/tickets';
import { HttpError } from '../../../app/http';
import { getTicket } from '../api';

/** The ticket open on the detail page. */
export const useTicketDetailStore = defineStore('ticket-detail', () => {
  const ticket = ref<TicketDetail | null>(null);
  const loading = ref(false);
  /** True when the server said 404: the ticket does not exist or belongs to another unit. */
  const notFound = ref(false);
  let controller: AbortController | null = null;

  async function load(id: string): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading.value = true;
    try {
      const detail = await getTicket(id, current.signal);
      ticket.value = detail;
      notFound.value = false;
    } catch (error) {
      if (current.signal.aborted) return;
      if (error instanceof HttpError && (error.status === 404 || error.status === 400)) {
        ticket.value = null;
        notFound.value = true;
      }
    } finally {
      if (controller === current) loading.value = false;
    }
  }

  function clear(): void {
    controller?.abort();
    ticket.value = null;
    notFound.value = false;
  }

  return { ticket, loading, notFound, load, clear };
});
