import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { REPEAT_CALLER_RULE } from '@hotline/shared/domain/caller-history';
import { systemClock } from '../../server/src/lib/clock.js';
import { JobRegistry } from '../../server/src/platform/queue/job-registry.js';
import { queueConnectionFrom, startWorkers, type Queues } from '../../server/src/platform/queue/queues.js';
import { registerNotificationJobs } from '../../server/src/modules/notifications/notifications.jobs.js';
import { smsOutbox } from '../../server/src/modules/notifications/notifications.table.js';
import { createSmsDelivery } from '../../server/src/modules/notifications/sms-delivery.service.js';
import { createSmsProvider } from '../../server/src/modules/notifications/sms-provider.js';
import { ticketNotices } from '../../server/src/modules/knowledge/notices.table.js';
import {
  queueNoticeSms,
  SMS_NOT_QUEUED,
  updateNoticeDelivery,
} from '../../server/src/modules/knowledge/notices.service.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, intakeBody, must, uniquePhone } from '../support/ticket-factories.js';
import { bundleIdByName, insertTicket } from './knowledge-support.js';

/**
 * Issue 11, the agent: the 一次告知 notice goes in the same step as the answer — one intake request saves the
 * ticket, stores the notice and queues its SMS; a retry with the same Idempotency-Key changes nothing; a failing SMS
 * gateway never costs the ticket (the notice shows the retries). And 重复来电 counts finished tickets too.
 */
function flakyGateway(failures: number) {
  const received: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      received.push(raw);
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
let bundleId: string;

beforeAll(async () => {
  gateway = flakyGateway(2);
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}/sms`;
  t = await startTestApp({ smsProvider: 'http', smsHttpUrl: url, smsHttpKey: 'test-key' });
  agent = await signIn(t.app, 'agent01');
  bundleId = await bundleIdByName(t.deps.database.db, '开餐馆一件事');
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

function answerWithNotice(phone: string) {
  return intakeBody({
    type: 'consultation',
    caller: { name: '周女士', phone },
    content: '市民来电咨询开餐馆需要办理哪些手续（一步告知）',
    decision: 'answered',
    answer: '已按一件事告知营业执照、食品经营许可等手续',
    onceNotice: { bundleId, send: true },
  });
}

async function noticesOf(ticketId: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/tickets/${ticketId}/notices`,
    headers: asUser(agent),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as {
    id: string;
    publicPath: string;
    delivery: { status: string; attempts: number; lastError: string | null; phone: string | null };
  }[];
}

describe('answering on the spot with the 一次告知 notice in one step', () => {
  it('saves the ticket, the notice and its SMS in one request; a retry with the same key makes nothing new', async () => {
    const phone = uniquePhone();
    const body = answerWithNotice(phone);
    const key = `one-step-${phone}`;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: { ...asUser(agent), 'idempotency-key': key },
        payload: body,
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const ticket = first.json() as { id: string; status: string };
    expect(ticket.status).toBe('answered');

    const notices = await noticesOf(ticket.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.publicPath).toMatch(/^\/notice\/[\w-]{20,}$/);
    expect(notices[0]!.delivery.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const outbox = await t.deps.database.db.select().from(smsOutbox).where(eq(smsOutbox.noticeId, notices[0]!.id));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).toContain(notices[0]!.publicPath);

    // The same submission again (a double click, a retry after a timeout): the same ticket, no second notice or SMS.
    const again = await send();
    expect(again.statusCode, again.body).toBe(200); // a replay answers 200 with the ticket made the first time
    expect(again.json().id).toBe(ticket.id);
    expect(await noticesOf(ticket.id)).toHaveLength(1);
    const rows = await t.deps.database.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.callerPhone, phone));
    expect(rows).toHaveLength(1);
    expect(
      await t.deps.database.db.select().from(smsOutbox).where(eq(smsOutbox.noticeId, notices[0]!.id)),
    ).toHaveLength(1);

    // The gateway fails twice: the notice shows the retries, then the delivery; the ticket never depended on it.
    const seen: { status: string; attempts: number; lastError: string | null }[] = [];
    await expect
      .poll(
        async () => {
          const delivery = (await noticesOf(ticket.id))[0]!.delivery;
          seen.push(delivery);
          return delivery.status;
        },
        { timeout: 25_000, interval: 250 },
      )
      .toBe('sent');
    expect(seen.some((d) => d.status === 'sending' && d.attempts >= 1 && d.lastError?.includes('HTTP 500'))).toBe(true);
    expect(gateway.received).toHaveLength(3);
    // With the notice on it, the agent closes the answered consultation.
    expect(await must(act(t.app, agent, ticket.id, 'close'))).toBe('closed');
  });

  it('stores nothing when the notice cannot be given: no ticket without its notice (no half state)', async () => {
    const phone = uniquePhone();
    const body = answerWithNotice(phone);
    body.caller.phone = '057188881234'; // a landline: the SMS cannot go
    body.content = `市民来电咨询开餐馆手续，座机来电（${phone}）`;
    const refused = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: asUser(agent), payload: body });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toBe('not_mobile');
    const rows = await t.deps.database.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.content, body.content));
    expect(rows).toHaveLength(0);
  });

  it('marks the notice failed, not stuck in 发送中, when the queue refuses its SMS after the commit', async () => {
    const db = t.deps.database.db;
    const ticket = await insertTicket(db, { callerPhone: uniquePhone(), status: 'answered' });
    const attach = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/notice`,
      headers: asUser(agent),
      payload: { bundleId },
    });
    expect(attach.statusCode, attach.body).toBe(200);
    const noticeId = attach.json().id as string;
    const [outbox] = await db
      .insert(smsOutbox)
      .values({ noticeId, phone: ticket.callerPhone, body: '测试', segments: ['测试'], provider: 'http' })
      .returning();
    await db.update(ticketNotices).set({ deliveryStatus: 'sending' }).where(eq(ticketNotices.id, noticeId));
    // The queue is down (Redis lost right after the commit): only the enqueue call fails.
    const downQueue = {
      enqueue: () => Promise.reject(new Error('Connection is closed.')),
    } as unknown as Queues;
    await queueNoticeSms(db, downQueue, { outboxId: outbox!.id, noticeId });
    expect((await noticesOf(ticket.id))[0]!.delivery).toMatchObject({ status: 'failed', lastError: SMS_NOT_QUEUED });
    expect((await db.select().from(smsOutbox).where(eq(smsOutbox.id, outbox!.id)))[0]!.status).toBe('failed');
    expect((await db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!.status).toBe('answered');
  });
});

describe('重复来电 counts finished tickets', () => {
  async function history(phone: string, cookie = agent) {
    return t.app.inject({
      method: 'POST',
      url: '/api/calls/desk/caller-history',
      headers: asUser(cookie),
      payload: { phone },
    });
  }

  it('flags a caller whose only earlier ticket is closed; older tickets than the window do not count', async () => {
    const phone = uniquePhone();
    expect((await history(phone)).json()).toMatchObject({ repeatCaller: false, total: 0, finished: 0, items: [] });

    const earlier = await createTicket(t.app, agent, {
      type: 'help',
      caller: { name: '吴先生', phone },
      decision: 'answered',
      answer: '已告知最近的便民服务中心',
    });
    expect(await must(act(t.app, agent, earlier.id, 'close'))).toBe('closed');
    // The duplicate hints list open tickets only: the closed one is not there …
    const duplicates = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/duplicates',
      headers: asUser(agent),
      payload: { phone },
    });
    expect(duplicates.json().items).toHaveLength(0);
    // … but the caller is a repeat caller.
    const found = await history(phone);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      repeatCaller: true,
      windowDays: REPEAT_CALLER_RULE.windowDays,
      total: 1,
      finished: 1,
      items: [{ id: earlier.id, number: earlier.number, status: 'closed' }],
    });
    // The number as the phone system sends it (+86) finds the same history.
    expect((await history(`+86${phone}`)).json().total).toBe(1);

    // Moved out of the window, the ticket no longer makes a repeat caller.
    const outside = new Date(t.clock.now().getTime() - (REPEAT_CALLER_RULE.windowDays + 1) * 24 * 60 * 60 * 1000);
    await t.deps.database.db
      .update(tickets)
      .set({ createdAt: outside })
      .where(inArray(tickets.id, [earlier.id]));
    expect((await history(phone)).json()).toMatchObject({ repeatCaller: false, total: 0 });
  });

  it('is for the hotline desk only, and refuses a malformed number with a Chinese 400', async () => {
    const handler = await signIn(t.app, 'handler_scjg');
    expect((await history(uniquePhone(), handler)).statusCode).toBe(403);
    const bad = await history('电话');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
