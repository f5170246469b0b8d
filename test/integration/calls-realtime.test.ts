import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { connectRecordingClient, type RecordingClient } from '../support/socket-clients.js';
import { newCallId, resetRouting, telephonyEvent } from './calls-support.js';

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
  // Leave nothing queued or ready for the next file's boot-time rebuild.
  await resetRouting();
});

type Client = RecordingClient;

async function client(username: string): Promise<Client> {
  const connected = await connectRecordingClient(t.app, baseUrl, username);
  clients.push(connected);
  return connected;
}

const named = (c: Client, name: string) => c.events.filter((e) => e.name === name);

async function setState(c: Client, state: 'ready' | 'break' | 'offline') {
  const response = await t.app.inject({
    method: 'PUT',
    url: '/api/calls/desk/state',
    headers: asUser(c.cookie),
    payload: { state },
  });
  expect(response.statusCode).toBe(200);
}

describe('routing events over socket.io', () => {
  it('sends the screen-pop only to the offered agent and the wallboard only to leads, within a second', async () => {
    const [first, second, lead] = await Promise.all([client('agent01'), client('agent02'), client('lead01')]);
    await setState(first, 'ready');
    t.clock.advance(5_000);
    await setState(second, 'ready');

    const callId = newCallId();
    const sentAt = Date.now();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13811112222', greenChannel: true });
    await expect.poll(() => named(first, 'call:delivered').length, { timeout: 2_000 }).toBe(1);
    const pop = named(first, 'call:delivered')[0]!.payload as Record<string, unknown>;
    expect(pop).toMatchObject({ callerNumberMasked: '138****2222', greenChannel: true, priority: 'green_channel' });
    expect(JSON.stringify(pop)).not.toContain('13811112222');

    // The wallboard shows the offered contact within a second.
    await expect
      .poll(
        () =>
          named(lead, 'wallboard:snapshot').some((e) =>
            (e.payload as { contacts: { state: string; agentId: string }[] }).contacts.some(
              (c) => c.state === 'offered' && c.agentId === first.userId,
            ),
          ),
        { timeout: 1_000, interval: 50 },
      )
      .toBe(true);
    expect(Date.now() - sentAt).toBeLessThan(1_500);

    // Nobody else got the screen-pop; agents never get wallboard events.
    expect(named(second, 'call:delivered')).toHaveLength(0);
    expect(named(lead, 'call:delivered')).toHaveLength(0);
    expect(named(first, 'wallboard:snapshot')).toHaveLength(0);
    expect(named(second, 'wallboard:snapshot')).toHaveLength(0);
    // Each agent hears only about its own state (and does hear it).
    await expect.poll(() => named(second, 'agent:state').length, { timeout: 2_000 }).toBeGreaterThan(0);
    expect(
      named(second, 'agent:state').every((e) => (e.payload as { agentId: string }).agentId === second.userId),
    ).toBe(true);

    await setState(second, 'offline');
    const contactId = pop.contactId as string;
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/calls/desk/offers/${contactId}/accept`,
      headers: asUser(first.cookie),
    });
    expect(accepted.statusCode).toBe(200);
    await expect.poll(() => named(first, 'call:established').length, { timeout: 2_000 }).toBe(1);
    await telephonyEvent(t.app, { type: 'cleared', callId });
    await expect.poll(() => named(first, 'call:cleared').length, { timeout: 2_000 }).toBe(1);
    first.socket.disconnect();
    lead.socket.disconnect();
  });

  it('turns an agent whose console stays disconnected not ready after the grace period, but not one who came back', async () => {
    const gone = await client('agent03');
    await setState(gone, 'ready');
    const back = await client('agent02');
    await setState(back, 'ready');

    gone.socket.disconnect();
    back.socket.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    const returned = await client('agent02');
    await new Promise((r) => setTimeout(r, 100));

    t.clock.advance(t.deps.calls.ctx.policy.disconnectGraceSeconds * 1000 + 1);
    await t.deps.calls.tick();
    expect(await t.deps.calls.store.getAgent(gone.userId)).toMatchObject({ state: 'break', reason: 'connection_lost' });
    expect((await t.deps.calls.store.getAgent(returned.userId))?.state).toBe('ready');
    await setState(returned, 'offline');
  });
});
