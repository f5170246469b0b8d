import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AddressInfo } from 'node:net';
import { rooms } from '@hotline/shared/realtime/rooms';
import { signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_ORIGIN } from '../support/env.js';

let t: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestApp({ realtimeAdapter: 'redis' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await t.close();
});

interface Opened {
  socket: Socket;
  ready: Promise<{ userId: string; rooms: string[] }>;
}

/** Listens for session:ready from the first moment, so no early event is missed. */
function open(cookie?: string): Opened {
  const socket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    reconnection: false,
  });
  sockets.push(socket);
  const ready = new Promise<{ userId: string; rooms: string[] }>((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', reject);
  });
  ready.catch(() => {});
  return { socket, ready };
}

describe('socket.io', () => {
  it('refuses a connection without a session', async () => {
    await expect(open().ready).rejects.toThrow('unauthorized');
  });

  it('joins a handler to their department room and a lead to the wallboard; events reach only those rooms', async () => {
    const h = open(await signIn(t.app, 'handler_scjg'));
    const l = open(await signIn(t.app, 'lead01'));
    const a = open(await signIn(t.app, 'agent01'));
    const [handler, lead, agent] = await Promise.all([h.ready, l.ready, a.ready]);
    const [handlerSocket, leadSocket, agentSocket] = [h.socket, l.socket, a.socket];

    expect(handler.rooms.some((r) => r.startsWith('dept:'))).toBe(true);
    expect(handler.rooms).not.toContain(rooms.wallboard());
    expect(lead.rooms).toContain(rooms.wallboard());
    expect(agent.rooms).not.toContain(rooms.wallboard());

    const received: string[] = [];
    for (const [name, s] of [
      ['handler', handlerSocket],
      ['lead', leadSocket],
      ['agent', agentSocket],
    ] as const) {
      s.on('notification', () => received.push(name));
    }
    t.deps.realtime.emitTo(rooms.wallboard(), 'notification', {
      id: '1',
      kind: 'test',
      title: 't',
      body: 'b',
      at: new Date().toISOString(),
    });
    t.deps.realtime.emitTo(rooms.user(agent.userId), 'notification', {
      id: '2',
      kind: 'test',
      title: 't',
      body: 'b',
      at: new Date().toISOString(),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(received.sort()).toEqual(['agent', 'lead']);
  });

  it('disconnects the socket of a session that logs out', async () => {
    const cookie = await signIn(t.app, 'agent02');
    const { socket, ready } = open(cookie);
    await ready;
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: TEST_ORIGIN } });
    // Ended by the server (logout), not by the client or a broken transport.
    await expect(disconnected).resolves.toBe('io server disconnect');
  });
});
