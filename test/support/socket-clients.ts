import type { FastifyInstance } from 'fastify';
import { io as connect, type Socket } from 'socket.io-client';
import { TEST_ORIGIN } from './env.js';
import { signIn } from './test-app.js';

/** A signed-in socket.io client that records every event it receives, for asserting who got what. */
export interface RecordingClient {
  cookie: string;
  socket: Socket;
  userId: string;
  events: { name: string; payload: unknown }[];
}

/** Signs `username` in over HTTP, connects a socket with that session and waits for `session:ready`. */
export async function connectRecordingClient(
  app: FastifyInstance,
  baseUrl: string,
  username: string,
): Promise<RecordingClient> {
  const cookie = await signIn(app, username);
  const socket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin: TEST_ORIGIN, cookie },
    reconnection: false,
  });
  const events: RecordingClient['events'] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  try {
    const ready = await new Promise<{ userId: string }>((resolve, reject) => {
      socket.once('session:ready', resolve);
      socket.once('connect_error', reject);
    });
    return { cookie, socket, userId: ready.userId, events };
  } catch (error) {
    socket.disconnect();
    throw error;
  }
}
