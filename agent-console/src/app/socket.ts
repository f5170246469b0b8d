import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import { useConnectionStore } from './stores/connection-store';
import { registerSocketDispatcher, type DispatcherHooks } from './socket-dispatcher';

export type HotlineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: HotlineSocket | null = null;

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
  target.io.on('reconnect_attempt', () => connection.setState('connecting'));
  target.io.on('reconnect_failed', () => connection.setState('disconnected'));
}

/** Opens the one realtime connection of this tab; the session cookie authenticates it. */
export function connectSocket(hooks: DispatcherHooks): HotlineSocket {
  if (socket) return socket;
  const created: HotlineSocket = io({
    path: '/socket.io',
    withCredentials: true,
    reconnection: true,
    autoConnect: false,
  });
  trackConnectionState(created);
  registerSocketDispatcher(created, hooks);
  socket = created;
  useConnectionStore().setState('connecting');
  created.connect();
  return created;
}

export function disconnectSocket(): void {
  if (!socket) return;
  socket.removeAllListeners();
  socket.io.removeAllListeners();
  socket.disconnect();
  socket = null;
  useConnectionStore().reset();
}
