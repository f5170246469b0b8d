import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import { rooms } from '@hotline/shared/realtime/rooms';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../config/index.js';
import { isConsoleOrigin } from '../auth/csrf.js';
import { SESSION_COOKIE } from '../auth/request-context.js';
import { tokenDigest, type SessionData, type SessionStore } from '../sessions/session-store.js';

type HotlineServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HotlineSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface SocketData {
  session: SessionData;
  token: string;
}

const sessionRoom = (token: string) => `session:${tokenDigest(token)}`;

/** The rooms a session may be in: decided here, never by the client. */
export function roomsForSession(session: SessionData): string[] {
  const joined = [rooms.user(session.userId), rooms.role(session.role)];
  if (session.departmentId && (session.role === 'handler' || session.role === 'dept_head')) {
    joined.push(rooms.department(session.departmentId));
  }
  if (session.role === 'lead' || session.role === 'admin') joined.push(rooms.wallboard());
  return joined;
}

export interface Realtime {
  io: HotlineServer;
  emitTo<E extends keyof ServerToClientEvents>(
    room: string | string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  disconnectUserSession(token: string): void;
  /** Domain modules listen for a session's sockets coming and going (agent presence: lost console connection). */
  onConnect(listener: SocketLifecycleListener): void;
  onDisconnect(listener: SocketLifecycleListener): void;
}

export type SocketLifecycleListener = (session: SessionData) => void;

/**
 * socket.io on the same HTTP server, authenticated with the same session cookie as HTTP.
 * With Redis, the streams adapter fans events out across every server node (it opens its own blocking
 * connections for reading; `adapterRedis` is used to publish).
 */
export function attachRealtime(
  app: FastifyInstance,
  deps: { config: Config; sessions: SessionStore; clock: Clock; adapterRedis: Redis | null },
): Realtime {
  const { config, sessions, clock } = deps;
  const idleMs = config.sessionIdleMinutes * 60_000;
  let closing = false;
  const io: HotlineServer = new Server(app.server, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: [...config.allowedOrigins], credentials: true },
    allowRequest: (req, callback) => {
      // Shutting down: refuse, so the console's retry reaches the next server instead of this one.
      if (closing) return callback('shutting down', false);
      const origin = req.headers.origin;
      callback(null, !origin || isConsoleOrigin(origin, req.headers.host, config.allowedOrigins));
    },
    ...(deps.adapterRedis ? { adapter: createAdapter(deps.adapterRedis) } : {}),
  });

  async function validSession(token: string | undefined): Promise<SessionData | null> {
    if (!token) return null;
    const session = await sessions.get(token);
    if (!session || clock.now().getTime() - session.lastSeenAt > idleMs) return null;
    return session;
  }

  io.use(async (socket, next) => {
    try {
      const cookies = app.parseCookie(socket.request.headers.cookie ?? '');
      const token = cookies[SESSION_COOKIE];
      const session = await validSession(token);
      if (!session || !token) return next(new Error('unauthorized'));
      socket.data = { session, token };
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  const connectListeners: SocketLifecycleListener[] = [];
  const disconnectListeners: SocketLifecycleListener[] = [];
  const notify = (listeners: SocketLifecycleListener[], session: SessionData) => {
    for (const listener of listeners) {
      try {
        listener(session);
      } catch (error) {
        app.log.error({ err: error }, 'socket lifecycle listener failed');
      }
    }
  };

  io.on('connection', async (socket: HotlineSocket) => {
    const { session, token } = socket.data;
    notify(connectListeners, session);
    const joined = roomsForSession(session);
    await socket.join([...joined, sessionRoom(token)]);
    socket.emit('session:ready', { userId: session.userId, rooms: joined, serverTime: clock.now().toISOString() });
    socket.on('ping', (ack: (serverTime: string) => void) => {
      if (typeof ack === 'function') ack(clock.now().toISOString());
    });
    // A socket lives longer than its HTTP requests: re-check the session so idle expiry and logout also end it.
    const recheck = setInterval(async () => {
      if (!(await validSession(token).catch(() => null))) {
        socket.emit('session:expired');
        socket.disconnect(true);
      }
    }, 60_000);
    recheck.unref();
    socket.on('disconnect', () => {
      clearInterval(recheck);
      notify(disconnectListeners, session);
    });
  });

  const realtime: Realtime = {
    io,
    emitTo(room, event, ...args) {
      io.to(room).emit(event as 'notification', ...(args as Parameters<ServerToClientEvents['notification']>));
    },
    disconnectUserSession(token) {
      if (token) io.in(sessionRoom(token)).disconnectSockets(true);
    },
    onConnect: (listener) => void connectListeners.push(listener),
    onDisconnect: (listener) => void disconnectListeners.push(listener),
  };
  // Graceful shutdown (issue 10.6): close every connection first, so the HTTP server does not wait on a thousand open
  // WebSockets. A transport close (not a socket.io DISCONNECT, after which clients would stay away) makes the consoles
  // reconnect to the next server, where they re-read what they show on `session:ready`.
  app.addHook('preClose', async () => {
    closing = true;
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await io.close();
  });
  return realtime;
}
