import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import { useConnectionStore } from './stores/connection-store';
import { registerSocketDispatcher, type DispatcherHooks } from './socket-dispatcher';
import { retryWithJitter } from './reconnect';
import { useTicketEventsStore } from '../modules/tickets/stores/ticket-events-store';

export type HotlineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: HotlineSocket | null = null;
let retry: { stop(): void } | null = null;

/** Keeps the header's connection tag in step with socket.io's own reconnection. */
function trackConnectionState(target: HotlineSocket): void {
  const connection = useConnectionStore();
  target.on('connect', () => connection.setState('connected'));
  target.on('disconnect', () => {
    // `active` is true while socket.io will reconnect by itself; false after a deliberate or server-side close.
    connection.setState(target.active ? 'connecting' : 'disconnected');
  });
  target.on('connect_error', () => {
    connection.setState(target.active ? 'connecting' : 'disconnected');
  });
}

/** Opens the one realtime connection of this tab; the session cookie authenticates it. */
export function connectSocket(hooks: DispatcherHooks): HotlineSocket {
  if (socket) return socket;
  const ticketEvents = useTicketEventsStore();
  const created: HotlineSocket = io({
    path: '/socket.io',
    withCredentials: true,
    // Retries are ours (./reconnect.ts: full jitter, so a thousand consoles do not come back in waves).
    reconnection: false,
    autoConnect: false,
    // Read at every (re)connection: the tickets this console shows, whose state `session:ready` brings back.
    auth: (cb) => cb({ resync: ticketEvents.resyncRequest() }),
  });
  trackConnectionState(created);
  const connection = useConnectionStore();
  retry = retryWithJitter(created, { onAttempt: () => connection.setState('connecting') });
  registerSocketDispatcher(created, hooks);
  socket = created;
  useConnectionStore().setState('connecting');
  created.connect();
  return created;
}

export function disconnectSocket(): void {
  if (!socket) return;
  retry?.stop();
  retry = null;
  socket.removeAllListeners();
  socket.io.removeAllListeners();
  socket.disconnect();
  socket = null;
  useConnectionStore().reset();
}
