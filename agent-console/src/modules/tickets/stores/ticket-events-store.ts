import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ClockStagePayload, TicketChangedPayload } from '@hotline/shared/realtime/ticket-events';

/** Keep only the latest clock alerts; the full record is the ticket's timeline on the server. */
const MAX_ALERTS = 30;

/**
 * Live ticket events from the socket. Views do not subscribe to the socket themselves: they watch `changeCount`
 * (lists refresh) or `lastChange` (the open detail page reloads when it is its ticket).
 */
export const useTicketEventsStore = defineStore('ticket-events', () => {
  const changeCount = ref(0);
  const lastChange = ref<TicketChangedPayload | null>(null);
  const clockAlerts = ref<ClockStagePayload[]>([]);
  /** Bumped after a reconnection: events may have been missed, so every view re-reads what it shows. */
  const resyncCount = ref(0);

  function receiveChange(payload: TicketChangedPayload): void {
    lastChange.value = payload;
    changeCount.value += 1;
  }

  /** The socket came back (server restart, network loss): lists refresh, the open ticket reloads. */
  function receiveResync(): void {
    resyncCount.value += 1;
    changeCount.value += 1;
  }

  /** Returns false for a redelivered stage (socket.io may resend after a reconnect), so it is shown once. */
  function receiveClockStage(payload: ClockStagePayload): boolean {
    const seen = clockAlerts.value.some(
      (alert) =>
        alert.ticketId === payload.ticketId &&
        alert.kind === payload.kind &&
        alert.stage === payload.stage &&
        alert.dueAt === payload.dueAt,
    );
    if (seen) return false;
    clockAlerts.value = [payload, ...clockAlerts.value].slice(0, MAX_ALERTS);
    return true;
  }

  return { changeCount, lastChange, clockAlerts, resyncCount, receiveChange, receiveResync, receiveClockStage };
});
