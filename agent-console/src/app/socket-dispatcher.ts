import { ElNotification } from 'element-plus';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import type { ResyncSnapshot } from '@hotline/shared/realtime/resync';
import { useConnectionStore } from './stores/connection-store';
import { useNotificationsStore } from './stores/notifications-store';
import { registerCallEvents } from '../modules/calls/register-call-events';
import { registerSupervisionEvents } from '../modules/supervision/register-supervision-events';
import { useDeskStore } from '../modules/calls/stores/desk-store';
import { useWallboardStore } from '../modules/calls/stores/wallboard-store';
import { useTicketEventsStore } from '../modules/tickets/stores/ticket-events-store';
import { showClockStageNotice } from '../modules/tickets/clock-stage-notice';

export interface DispatcherHooks {
  /** The server ended the session (timeout, signed out elsewhere, account locked). */
  onSessionExpired: () => void;
}

/**
 * The one place where server events reach the console: each event is routed to the store that owns it.
 * Domain modules add their events here as they are declared in shared/src/realtime/events.ts.
 */
export function registerSocketDispatcher(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  hooks: DispatcherHooks,
): void {
  const connection = useConnectionStore();
  const notifications = useNotificationsStore();

  // `session:ready` comes on the first connection and on every reconnection (server restart, network loss). Events
  // sent while the console was away are lost: after a reconnection the snapshot it carries (the state of the tickets
  // this console named in its handshake) tells which views must re-read (issue 10.6).
  let readyBefore = false;
  socket.on('session:ready', (payload) => {
    connection.markReady(payload.serverTime, payload.rooms);
    if (readyBefore) resyncAfterReconnect(payload.resync);
    readyBefore = true;
  });

  socket.on('session:expired', () => {
    hooks.onSessionExpired();
  });

  registerCallEvents(socket);
  registerSupervisionEvents(socket);

  socket.on('notification', (payload) => {
    notifications.receive(payload);
    ElNotification({ type: 'info', title: payload.title, message: payload.body });
  });

  const ticketEvents = useTicketEventsStore();
  const desk = useDeskStore();
  const wallboard = useWallboardStore();
  function resyncAfterReconnect(snapshot: ResyncSnapshot | undefined): void {
    ticketEvents.receiveResync(snapshot);
    // Only what this console has open: the desk of an agent, the wallboard of a lead. Failures stay quiet (the next
    // event or reconnection tries again; the connection tag in the header already shows the trouble).
    if (desk.presence) void desk.load().catch(() => {});
    if (wallboard.snapshot) void wallboard.load().catch(() => {});
  }

  socket.on('ticket:changed', (payload) => {
    ticketEvents.receiveChange(payload);
  });

  socket.on('ticket:clock-stage', (payload) => {
    if (ticketEvents.receiveClockStage(payload)) showClockStageNotice(payload);
  });
}
