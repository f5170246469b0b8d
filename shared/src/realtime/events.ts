/**
 * Typed socket.io event maps shared by server and console. Every event the server emits is declared here;
 * domain issues add their events to these interfaces.
 */
export interface ConnectionReadyPayload {
  userId: string;
  rooms: string[];
  serverTime: string;
}

export interface NotificationPayload {
  id: string;
  kind: string;
  title: string;
  body: string;
  ticketId?: string;
  at: string;
}

export interface ServerToClientEvents {
  'session:ready': (payload: ConnectionReadyPayload) => void;
  'session:expired': () => void;
  notification: (payload: NotificationPayload) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (serverTime: string) => void) => void;
}
