import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import type { TicketChangedPayload } from '@hotline/shared/realtime/ticket-events';
import { agentStateLog } from '../../server/src/modules/calls/calls.table.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_ORIGIN, TEST_REDIS_PREFIX } from '../support/env.js';
import { createAgents, resetRouting } from './calls-support.js';

/**
 * Issue 12 item 4 — scaling out: two HTTP nodes against one Postgres and one Redis, as in the README's deployment
 * section. Two app instances run in this process with the same Redis prefix and the Redis socket.io adapter.
 */
const prefix = `${TEST_REDIS_PREFIX}-scale-out`;
let a: TestApp;
let b: TestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  await resetRouting();
  a = await startTestApp({ redisPrefix: prefix, realtimeAdapter: 'redis' });
  b = await startTestApp({ redisPrefix: prefix, realtimeAdapter: 'redis' });
  await b.app.listen({ host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await b?.close();
  await a?.close();
  await resetRouting();
});

describe('two nodes, one Postgres, one Redis (issue 12 item 4)', () => {
  it('an intake on node A reaches an agent console connected to node B', async () => {
    const cookie = await signIn(a.app, 'agent01');
    const url = `http://127.0.0.1:${(b.app.server.address() as AddressInfo).port}`;
    const socket = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { origin: TEST_ORIGIN, cookie },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const received = new Promise<TicketChangedPayload>((resolve) => {
      socket.on('ticket:changed', (payload: TicketChangedPayload) => {
        if (payload.action === 'create') resolve(payload);
      });
    });

    const intake = await a.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { ...asUser(cookie), 'idempotency-key': `scale-out-${Date.now()}` },
      payload: {
        channel: 'phone',
        type: 'consultation',
        urgency: 'normal',
        caller: { name: '跨节点', phone: '13900001111' },
        address: '示范市西湖区文三路1号',
        content: '跨节点推送测试',
      },
    });
    expect(intake.statusCode).toBe(201);
    const event = await Promise.race([
      received,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no ticket:changed on node B')), 5_000)),
    ]);
    expect(event.id).toBe(intake.json().id);
    // The payload carries ids and the state only, never the caller.
    expect(JSON.stringify(event)).not.toContain('13900001111');
  });

  it('never offers one contact twice, nor gives one agent two offers, when both nodes route at once', async () => {
    const db = a.deps.database.db;
    const agents = await createAgents(db, 20, () => [{ skill: 'general', level: 5 }]);
    for (const [i, id] of agents.entries())
      await (i % 2 ? b : a).deps.calls.presence.setAgentState(id, 'ready', undefined, SYSTEM_ACTOR);

    // 30 contacts for 20 agents, enqueued on both nodes at once; both routers run their passes concurrently.
    const contacts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? b : a).deps.calls.router.enqueueContact({
          channel: 'call',
          callerNumber: `1370000${String(i).padStart(4, '0')}`,
          priority: 'normal',
          greenChannel: false,
          skillGroup: 'general',
        }),
      ),
    );
    for (let round = 0; round < 5; round++)
      await Promise.all([a.deps.calls.router.dispatch(), b.deps.calls.router.dispatch()]);

    const ringing = await db
      .select({ agentId: agentStateLog.agentId, contactId: agentStateLog.contactId })
      .from(agentStateLog)
      .where(and(eq(agentStateLog.state, 'ringing'), inArray(agentStateLog.agentId, agents)));
    // Every agent rings once (20 offers for 30 contacts), each contact at most once, each agent at most once.
    expect(ringing).toHaveLength(20);
    expect(new Set(ringing.map((r) => r.contactId)).size).toBe(20);
    expect(new Set(ringing.map((r) => r.agentId)).size).toBe(20);
    const ids = new Set(contacts.map((c) => c.id));
    expect(ringing.every((r) => ids.has(r.contactId!))).toBe(true);
    const waiting = await a.deps.calls.store.waitingCounts(['general']);
    expect(waiting.general).toBe(10);
  });
});
