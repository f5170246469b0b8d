import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ClockStagePayload, TicketChangedPayload } from '@hotline/shared/realtime/ticket-events';
import type { TicketState } from '@hotline/shared/domain/ticket-types';
import {
  MAX_RESYNC_TICKETS,
  mergeTicketStates,
  type ResyncRequest,
  type ResyncSnapshot,
  type ShownTicket,
} from '@hotline/shared/realtime/resync';

/** Keep only the latest clock alerts; the full record is the ticket's timeline on the server. */
const MAX_ALERTS = 30;

/**
 * Live ticket events from the socket. Views do not subscribe to the socket themselves: they watch `changeCount`
 * (lists refresh) or `lastChange` (the open detail page reloads when it is its ticket).
 *
 * Re-sync (issue 10.6): views register the tickets they show (`showTicket`); the socket's handshake names them
 * (`resyncRequest`) and `session:ready` brings their current state (`receiveResync`). Only a ticket whose state
 * differs, is gone, or was not in the snapshot is re-read over HTTP (`needsReread`); without a snapshot, all are.
 */
/** The outcome of the latest re-sync: which shown tickets must be re-read (`all` when there was no snapshot). */
export interface ResyncOutcome {
  all: boolean;
  reread: string[];
  changed: { id: string; status: TicketState }[];
}

export const useTicketEventsStore = defineStore('ticket-events', () => {
  const changeCount = ref(0);
  const lastChange = ref<TicketChangedPayload | null>(null);
  const clockAlerts = ref<ClockStagePayload[]>([]);
  /** Bumped after a reconnection: events may have been missed, so every view re-reads what it shows. */
  const resyncCount = ref(0);
  const lastResync = ref<ResyncOutcome | null>(null);
  /** What the views show, by ticket id (plain, not reactive: only the handshake and the merge read it). */
  const shown = new Map<string, ShownTicket & { views: number }>();

  function receiveChange(payload: TicketChangedPayload): void {
    const entry = shown.get(payload.id);
    if (entry) entry.status = payload.status;
    lastChange.value = payload;
    changeCount.value += 1;
  }

  /** A view shows this ticket in this state (again, after each load). */
  function showTicket(id: string, status: TicketState): void {
    const entry = shown.get(id);
    if (entry) Object.assign(entry, { status, views: entry.views + 1 });
    else shown.set(id, { status, views: 1 });
  }

  /** A view no longer shows this ticket (one call per `showTicket`). */
  function hideTicket(id: string): void {
    const entry = shown.get(id);
    if (!entry) return;
    if (entry.views <= 1) shown.delete(id);
    else entry.views -= 1;
  }

  /** The handshake's `auth.resync`: the tickets shown, the most recently shown first, at most the limit. */
  function resyncRequest(): ResyncRequest {
    return { tickets: [...shown.keys()].reverse().slice(0, MAX_RESYNC_TICKETS) };
  }

  /**
   * The socket came back (server restart, network loss). Lists always refresh (a list is a query: the snapshot cannot
   * tell what entered it); a shown ticket is re-read only when the snapshot says it differs (or there is none).
   */
  function receiveResync(snapshot?: ResyncSnapshot): void {
    if (!snapshot) {
      lastResync.value = { all: true, reread: [...shown.keys()], changed: [] };
    } else {
      const current = Object.fromEntries([...shown].map(([id, { status, version }]) => [id, { status, version }]));
      const merged = mergeTicketStates(current, snapshot);
      for (const [id, next] of Object.entries(merged.next)) {
        const entry = shown.get(id);
        if (entry) Object.assign(entry, next);
      }
      lastResync.value = {
        all: false,
        reread: [...merged.changed.map((t) => t.id), ...merged.gone, ...merged.unknown],
        changed: merged.changed.map((t) => ({ id: t.id, status: t.status })),
      };
    }
    resyncCount.value += 1;
    changeCount.value += 1;
  }

  /** After the latest re-sync: must the view showing this ticket re-read it? */
  function needsReread(id: string): boolean {
    const outcome = lastResync.value;
    return !!outcome && (outcome.all || outcome.reread.includes(id));
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

  return {
    changeCount,
    lastChange,
    clockAlerts,
    resyncCount,
    lastResync,
    receiveChange,
    receiveResync,
    receiveClockStage,
    showTicket,
    hideTicket,
    resyncRequest,
    needsReread,
  };
});
