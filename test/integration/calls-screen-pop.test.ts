import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import type { ScreenPop } from '@hotline/shared/contracts/calls';
import { maskPhone } from '@hotline/shared/domain/phone';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { connectRecordingClient, type RecordingClient } from '../support/socket-clients.js';
import { createTicket, uniquePhone } from '../support/ticket-factories.js';
import { newCallId, resetRouting, telephonyEvent } from './calls-support.js';

/**
 * 来电弹屏 with real tickets: tickets made through the intake API for a number, then a call from that number. The
 * offered agent's screen-pop lists them (open ones apart), masked, with the confidential flag; nobody else gets it.
 */
let t: TestApp;
let baseUrl: string;
const clients: RecordingClient[] = [];

beforeAll(async () => {
  await resetRouting();
  t = await startTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  clients.forEach((c) => c.socket.disconnect());
  await t.close();
  await resetRouting();
});

type Client = RecordingClient;

async function client(username: string): Promise<Client> {
  const connected = await connectRecordingClient(t.app, baseUrl, username);
  clients.push(connected);
  return connected;
}

const pops = (c: Client) => c.events.filter((e) => e.name === 'call:delivered').map((e) => e.payload as ScreenPop);

async function call(c: Client, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: asUser(c.cookie), payload });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Record<string, unknown>;
}

/** Takes the offered call, hangs it up and finishes wrap-up: nothing of it is left waiting for the next test. */
async function finishCall(c: Client, pop: ScreenPop, callId: string) {
  await call(c, 'POST', `/api/calls/desk/offers/${pop.contactId}/accept`);
  await telephonyEvent(t.app, { type: 'cleared', callId });
  await call(c, 'POST', '/api/calls/desk/wrap-up/done');
  await call(c, 'PUT', '/api/calls/desk/state', { state: 'offline' });
}

describe('screen-pop with the caller’s real tickets', () => {
  it('lists open and previous tickets of the number, masked, flagged confidential, to the offered agent only', async () => {
    const intakeCookie = await signIn(t.app, 'agent01');
    const phone = uniquePhone();
    const otherPhone = uniquePhone();

    // An on-the-spot answer (直接答复: finished), a ticket waiting for dispatch (open), a 举报 (open, confidential).
    const answered = await createTicket(t.app, intakeCookie, {
      caller: { name: '李四', phone },
      type: 'consultation',
      decision: 'answered',
      answer: '已告知办理地点和材料',
      noMatchingMatter: true,
    });
    t.clock.advance(1_000);
    const pending = await createTicket(t.app, intakeCookie, { caller: { name: '李四', phone } });
    t.clock.advance(1_000);
    const report = await createTicket(t.app, intakeCookie, { caller: { name: '李四', phone }, type: 'report' });
    const elsewhere = await createTicket(t.app, intakeCookie, { caller: { name: '王五', phone: otherPhone } });
    expect([answered.status, pending.status, report.status]).toEqual([
      'answered',
      'pending_dispatch',
      'pending_dispatch',
    ]);

    const [offered, other, lead] = await Promise.all([client('agent02'), client('agent03'), client('lead01')]);
    await call(offered, 'PUT', '/api/calls/desk/state', { state: 'ready' });
    t.clock.advance(5_000);
    await call(other, 'PUT', '/api/calls/desk/state', { state: 'ready' });

    const callId = newCallId();
    const delivered = await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: phone });
    expect(delivered.statusCode, delivered.body).toBe(200);
    await expect.poll(() => pops(offered).length, { timeout: 2_000 }).toBe(1);
    const pop = pops(offered)[0]!;

    expect(pop.callerNumberMasked).toBe(maskPhone(phone));
    // Newest first; every ticket of the number, and the open ones among them.
    expect(pop.previousTickets.map((tk) => tk.number)).toEqual([report.number, pending.number, answered.number]);
    expect(pop.openTickets.map((tk) => tk.number)).toEqual([report.number, pending.number]);
    expect(pop.previousTickets.find((tk) => tk.id === report.id)?.confidential).toBe(true);
    expect(pop.previousTickets.find((tk) => tk.id === pending.id)?.confidential).toBe(false);
    expect(pop.confidential).toBe(true);
    // 重复来电 counts the finished 直接答复 as well as the open ones.
    expect(pop.repeatCaller).toBe(true);
    expect(pop.previousTickets.some((tk) => tk.id === elsewhere.id)).toBe(false);
    // The full number is nowhere in what was pushed.
    expect(JSON.stringify(pop)).not.toContain(phone);

    // The desk status (page reload) shows the same history.
    const desk = (await call(offered, 'GET', '/api/calls/desk')) as { current: ScreenPop };
    expect(desk.current.openTickets.map((tk) => tk.id)).toEqual(pop.openTickets.map((tk) => tk.id));
    expect(desk.current.confidential).toBe(true);

    // Give the other socket a moment: a stray emit would have arrived by now.
    await new Promise((r) => setTimeout(r, 200));
    expect(pops(other)).toHaveLength(0);
    expect(pops(lead)).toHaveLength(0);

    // 受理建单 from the call: the intake carries the call id and the ticket records it.
    await call(offered, 'POST', `/api/calls/desk/offers/${pop.contactId}/accept`);
    const caller = await call(offered, 'GET', `/api/calls/desk/contacts/${pop.contactId}/caller`);
    expect(caller).toMatchObject({ callerNumber: phone, callId });
    const fromCall = await createTicket(t.app, offered.cookie, {
      caller: { name: '李四', phone: caller.callerNumber as string },
      callId: caller.callId as string,
    });
    const [row] = await t.deps.database.db
      .select({ callId: tickets.callId })
      .from(tickets)
      .where(eq(tickets.id, fromCall.id));
    expect(row?.callId).toBe(callId);

    await telephonyEvent(t.app, { type: 'cleared', callId });
    await call(offered, 'POST', '/api/calls/desk/wrap-up/done');
    await call(offered, 'PUT', '/api/calls/desk/state', { state: 'offline' });
    await call(other, 'PUT', '/api/calls/desk/state', { state: 'offline' });
  });

  it('finds the tickets of a mobile number the phone system sends with the country prefix', async () => {
    const intakeCookie = await signIn(t.app, 'agent01');
    const phone = uniquePhone();
    const ticket = await createTicket(t.app, intakeCookie, { caller: { name: '赵六', phone } });
    const agent = await client('agent02');
    await call(agent, 'PUT', '/api/calls/desk/state', { state: 'ready' });
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: `+86${phone}` });
    await expect.poll(() => pops(agent).length, { timeout: 2_000 }).toBe(1);
    expect(pops(agent)[0]!.openTickets.map((tk) => tk.id)).toEqual([ticket.id]);
    await finishCall(agent, pops(agent)[0]!, callId);
  });

  it('links a ticket taken on a callback task (漏接回拨) to the call that was missed', async () => {
    const missedCallId = newCallId();
    const phone = uniquePhone();
    // Nobody is ready: the caller hangs up while waiting, which queues a callback task.
    await telephonyEvent(t.app, { type: 'delivered', callId: missedCallId, callerNumber: phone });
    const abandoned = await telephonyEvent(t.app, { type: 'abandoned', callId: missedCallId });
    expect(abandoned.statusCode, abandoned.body).toBe(200);

    const agent = await client('agent02');
    await call(agent, 'PUT', '/api/calls/desk/state', { state: 'ready' });
    await expect.poll(() => pops(agent).length, { timeout: 2_000 }).toBe(1);
    const pop = pops(agent)[0]!;
    expect(pop.channel).toBe('callback');
    await call(agent, 'POST', `/api/calls/desk/offers/${pop.contactId}/accept`);
    expect(await call(agent, 'GET', `/api/calls/desk/contacts/${pop.contactId}/caller`)).toMatchObject({
      channel: 'callback',
      callerNumber: phone,
      callId: missedCallId,
    });
    await call(agent, 'POST', `/api/calls/desk/contacts/${pop.contactId}/end`);
    await call(agent, 'POST', '/api/calls/desk/wrap-up/done');
    await call(agent, 'PUT', '/api/calls/desk/state', { state: 'offline' });
  });

  it('shows no history and no confidential flag for a number without tickets', async () => {
    const agent = await client('agent02');
    await call(agent, 'PUT', '/api/calls/desk/state', { state: 'ready' });
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: uniquePhone() });
    await expect.poll(() => pops(agent).length, { timeout: 2_000 }).toBe(1);
    expect(pops(agent)[0]).toMatchObject({
      previousTickets: [],
      openTickets: [],
      confidential: false,
      repeatCaller: false,
    });
    await finishCall(agent, pops(agent)[0]!, callId);
  });
});
