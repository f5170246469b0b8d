import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { smsLength } from '@hotline/shared/domain/sms-split';
import { systemClock } from '../../server/src/lib/clock.js';
import { JobRegistry } from '../../server/src/platform/queue/job-registry.js';
import { queueConnectionFrom, startWorkers } from '../../server/src/platform/queue/queues.js';
import { registerNotificationJobs } from '../../server/src/modules/notifications/notifications.jobs.js';
import { smsOutbox } from '../../server/src/modules/notifications/notifications.table.js';
import { createSmsDelivery } from '../../server/src/modules/notifications/sms-delivery.service.js';
import {
  createDevelopmentSmsProvider,
  createSmsProvider,
} from '../../server/src/modules/notifications/sms-provider.js';
import { updateNoticeDelivery } from '../../server/src/modules/knowledge/notices.service.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { bundleIdByName, insertTicket } from './knowledge-support.js';

/** A real SMS gateway stand-in: HTTP 500 for the first `failures` requests, then 200. */
function flakyGateway(failures: number) {
  const received: { auth: string | undefined; body: { id: string; phone: string; segments: string[] } }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      res.statusCode = received.length <= failures ? 500 : 200;
      res.end(received.length <= failures ? 'gateway busy' : '{"ok":true}');
    });
  });
  return { server, received };
}

let t: TestApp;
let agent: string;
let gateway: ReturnType<typeof flakyGateway>;
let workers: { close(): Promise<void> };

beforeAll(async () => {
  gateway = flakyGateway(2);
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}/sms`;
  t = await startTestApp({ smsProvider: 'http', smsHttpUrl: url, smsHttpKey: 'test-key' });
  agent = await signIn(t.app, 'agent01');
  // Only the notifications worker: the test drives SMS delivery, nothing else.
  const registry = new JobRegistry();
  registerNotificationJobs(
    registry,
    createSmsDelivery({
      db: t.deps.database.db,
      clock: systemClock,
      provider: createSmsProvider(t.deps.config),
      onDeliveryChange: updateNoticeDelivery,
    }),
  );
  workers = startWorkers(queueConnectionFrom(t.deps.config), registry);
});

afterAll(async () => {
  await workers?.close();
  await t?.close();
  await new Promise((resolve) => gateway?.server.close(resolve));
});

describe('SMS delivery of a notice', () => {
  it('retries a failing HTTP gateway with backoff and shows the delivery on the ticket notice', async () => {
    const ticket = await insertTicket(t.deps.database.db, { callerPhone: '13912345678' });
    const bundleId = await bundleIdByName(t.deps.database.db, '开餐馆一件事');
    const attach = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/notice`,
      headers: asUser(agent),
      payload: { bundleId, send: true },
    });
    expect(attach.statusCode, attach.body).toBe(200);
    expect(attach.json().delivery).toMatchObject({ status: 'sending', phone: '139****5678' });
    const noticeId = attach.json().id as string;

    const read = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/knowledge/notices/${noticeId}`, headers: asUser(agent) })).json()
        .delivery as { status: string; attempts: number; lastError: string | null };
    const seen: { status: string; attempts: number; lastError: string | null }[] = [];
    await expect
      .poll(
        async () => {
          const delivery = await read();
          seen.push(delivery);
          return delivery.status;
        },
        { timeout: 25_000, interval: 250 },
      )
      .toBe('sent');

    // Two failures were recorded on the notice before the third attempt went through.
    expect(seen.some((d) => d.status === 'sending' && d.attempts >= 1 && d.lastError?.includes('HTTP 500'))).toBe(true);
    expect(await read()).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(gateway.received).toHaveLength(3);
    for (const request of gateway.received) {
      expect(request.auth).toBe('Bearer test-key');
      expect(request.body.phone).toBe('13912345678');
      for (const segment of request.body.segments) expect(smsLength(segment)).toBeLessThanOrEqual(70);
    }
    const outbox = await t.app.inject({ method: 'GET', url: '/api/notifications/outbox', headers: asUser(agent) });
    expect(outbox.json().items.find((m: { noticeId: string }) => m.noticeId === noticeId)).toMatchObject({
      status: 'sent',
      attempts: 3,
      provider: 'http',
      phone: '139****5678',
    });
  });

  it('marks a message failed after its last attempt, and the development provider records without sending', async () => {
    const db = t.deps.database.db;
    const [message] = await db
      .insert(smsOutbox)
      .values({ phone: '13700000000', body: '测试', segments: ['测试'], provider: 'http' })
      .returning();
    const alwaysFails = createSmsDelivery({
      db,
      clock: systemClock,
      maxAttempts: 2,
      provider: {
        name: 'http',
        send: async () => {
          throw new Error('短信网关返回错误：HTTP 503');
        },
      },
    });
    await expect(alwaysFails.deliver(message!.id, 0)).rejects.toThrow('HTTP 503');
    expect((await db.select().from(smsOutbox).where(eq(smsOutbox.id, message!.id)))[0]).toMatchObject({
      status: 'sending',
      attempts: 1,
    });
    await expect(alwaysFails.deliver(message!.id, 1)).rejects.toThrow();
    expect((await db.select().from(smsOutbox).where(eq(smsOutbox.id, message!.id)))[0]).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: '短信网关返回错误：HTTP 503',
    });

    const development = createDevelopmentSmsProvider();
    let sends = 0;
    const dev = createSmsDelivery({
      db,
      clock: systemClock,
      provider: { name: development.name, send: async (m) => (sends++, development.send(m)) },
    });
    await dev.deliver(message!.id, 0);
    expect((await db.select().from(smsOutbox).where(eq(smsOutbox.id, message!.id)))[0]!.status).toBe('sent');
    expect(sends).toBe(1);
    // Delivered messages are never sent again (BullMQ delivers at least once).
    await dev.deliver(message!.id, 0);
    expect(sends).toBe(1);
  });

  it('keeps the outbox from department users', async () => {
    const handler = await signIn(t.app, 'handler_scjg');
    const response = await t.app.inject({ method: 'GET', url: '/api/notifications/outbox', headers: asUser(handler) });
    expect(response.statusCode).toBe(403);
  });
});
