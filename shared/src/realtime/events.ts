import type { TicketServerEvents } from './ticket-events.js';
import type { CallServerEvents } from './call-events.js';
import type { SupervisionServerEvents } from './supervision-events.js';
import type { ResyncSnapshot } from './resync.js';

/**
 * Typed socket.io event maps shared by server and console. Every event the server emits is declared here;
 * domain issues add their events to these interfaces.
 */
export interface ConnectionReadyPayload {
  userId: string;
  rooms: string[];
  serverTime: string;
  /** The state of the tickets named in the handshake's `auth.resync` (issue 10.6); absent → re-read everything. */
  resync?: ResyncSnapshot;
}

export interface NotificationPayload {
  id: string;
  kind: string;
  title: string;
  body: string;
  ticketId?: string;
  at: string;
}

interface PlatformServerEvents {
  'session:ready': (payload: ConnectionReadyPayload) => void;
  'session:expired': () => void;
  notification: (payload: NotificationPayload) => void;
}

/** Each domain declares its events in its own file (ticket-events.ts, …) and is added here. */
export interface ServerToClientEvents
  extends PlatformServerEvents, TicketServerEvents, CallServerEvents, SupervisionServerEvents {}

export interface ClientToServerEvents {
  ping: (ack: (serverTime: string) => void) => void;
}
