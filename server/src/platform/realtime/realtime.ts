import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import { rooms } from '@hotline/shared/realtime/rooms';
import { parseResyncRequest, type ResyncRequest, type ResyncSnapshot } from '@hotline/shared/realtime/resync';
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
  /** What the console shows, from the handshake (`auth.resync`); null when it named nothing. */
  resync: ResyncRequest | null;
}

/** Reads the current state of what a console shows, as its session may see it (the tickets module provides it). */
export type ResyncSource = (session: SessionData, request: ResyncRequest) => Promise<ResyncSnapshot>;

/** `session:ready` waits at most this long for the snapshot; without one the console re-reads everything. */
const RESYNC_WAIT_MS = 5_000;

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
  /** The snapshot sent with `session:ready` to a console that named what it shows (issue 10.6). */
  provideResync(source: ResyncSource): void;
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
      socket.data = { session, token, resync: parseResyncRequest(socket.handshake.auth) };
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

  let resyncSource: ResyncSource | null = null;
  async function snapshotFor(socket: HotlineSocket): Promise<ResyncSnapshot | undefined> {
    const { session, resync } = socket.data;
    if (!resync || !resyncSource) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), RESYNC_WAIT_MS)));
    try {
      return await Promise.race([resyncSource(session, resync), late]);
    } catch (error) {
      app.log.warn({ err: error }, 'resync snapshot failed; the console re-reads what it shows');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  io.on('connection', async (socket: HotlineSocket) => {
    const { session, token } = socket.data;
    notify(connectListeners, session);
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
    const joined = roomsForSession(session);
    await socket.join([...joined, sessionRoom(token)]);
    // Read after joining: a change committed after this read still reaches the socket as an event (issue 10.6).
    const resync = await snapshotFor(socket);
    if (!socket.connected) return;
    socket.emit('session:ready', {
      userId: session.userId,
      rooms: joined,
      serverTime: clock.now().toISOString(),
      ...(resync ? { resync } : {}),
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
    provideResync: (source) => void (resyncSource = source),
  };
  // Graceful shutdown (issue 10.6): close every connection first, so the HTTP server does not wait on a thousand open
  // WebSockets. A transport close (not a socket.io DISCONNECT, after which clients would stay away) makes the consoles
  // reconnect to the next server, where `session:ready` brings the state of what they show (README.md).
  app.addHook('preClose', async () => {
    closing = true;
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await io.close();
  });
  return realtime;
}
