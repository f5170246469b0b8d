import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SPIKE_RULES } from '@hotline/shared/domain/hotspots';
import { createDepartment, createUser } from '../support/factories.js';
import { connectRecordingClient, type RecordingClient } from '../support/socket-clients.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { refreshTickets } from '../../server/src/modules/supervision/metric-refresh.js';
import { createHotspotService } from '../../server/src/modules/supervision/hotspots.service.js';
import { insertCall, insertTicket } from './supervision-support.js';

/**
 * Issue 14 item 5 (follow-f14) — 热点: the 15-minute spike alert (突增预警) against the 7-day baseline, sent to the
 * leads' room with a record, once per bucket; repeat callers (重复来电) with masked numbers. Fake clock throughout.
 */
let t: TestApp;
let lead: { username: string; cookie: string };
let leadClient: RecordingClient;
let agentClient: RecordingClient;
let hotspots: ReturnType<typeof createHotspotService>;
const NOW = new Date('2033-03-15T02:07:00Z');
const district: { id: string; name: string } = { id: '', name: '' };

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(NOW);
  const db = t.deps.database.db;
  const d = await createDepartment(db, { kind: 'district', name: `热点${Date.now() % 100000}区` });
  Object.assign(district, { id: d.id, name: d.name });
  const leadUser = await createUser(db, 'lead', { password: DEMO_PASSWORD });
  const agent = await createUser(db, 'agent', { password: DEMO_PASSWORD });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  leadClient = await connectRecordingClient(t.app, baseUrl, leadUser.username);
  lead = { username: leadUser.username, cookie: leadClient.cookie };
  agentClient = await connectRecordingClient(t.app, baseUrl, agent.username);
  hotspots = createHotspotService({ db, clock: t.clock, realtime: t.deps.realtime });
  // Baseline: one ticket a day in the district over the 7 days before.
  const ids: string[] = [];
  for (let i = 1; i <= 7; i += 1) {
    ids.push(
      await insertTicket(db, {
        status: 'pending_dispatch',
        address: `${district.name}某路${i}号`,
        createdAt: new Date(NOW.getTime() - i * 86_400_000),
      }),
    );
  }
  await refreshTickets(db, ids, NOW);
});

afterAll(async () => {
  leadClient?.socket.disconnect();
  agentClient?.socket.disconnect();
  await t?.close();
});

async function ticketsInDistrict(n: number, minutesAgo: number) {
  const db = t.deps.database.db;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    ids.push(
      await insertTicket(db, {
        status: 'pending_dispatch',
        address: `${district.name}幸福路${i}号`,
        createdAt: new Date(t.clock.now().getTime() - minutesAgo * 60_000),
      }),
    );
  }
  await refreshTickets(db, ids, t.clock.now());
}

const spikeEvents = (c: RecordingClient) => c.events.filter((e) => e.name === 'supervision:spike');
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function repeatCallerViews(db: TestApp['deps']['database']['db']): Promise<number> {
  const [audit] = await db.execute<{ n: string }>(
    sql`SELECT count(*) AS n FROM audit_log WHERE action = 'supervision.repeat_callers.view'`,
  );
  return Number(audit!.n);
}

describe('issue 14 hot spots — 突增预警 and 重复来电 (follow-f14)', () => {
  it('tickets older than the 15-minute window and counts under the minimum raise nothing', async () => {
    await ticketsInDistrict(SPIKE_RULES.minCount, 20);
    await ticketsInDistrict(SPIKE_RULES.minCount - 1, 5);
    expect(await hotspots.detectSpikes()).toEqual([]);
  });

  it('a district whose last 15 minutes reach the minimum and 3× its baseline alerts the leads once, with a record', async () => {
    await ticketsInDistrict(1, 1);
    const raised = await hotspots.detectSpikes();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      dim: 'area',
      key: district.id,
      label: district.name,
      count: SPIKE_RULES.minCount,
    });
    // Baseline: 7 + 5 tickets (the 20-minute-old ones) before the window, over 7 days of 15-minute windows.
    expect(raised[0]!.baseline).toBeCloseTo(12 / ((7 * 24 * 60) / 15), 6);
    await settle();
    expect(spikeEvents(leadClient).map((e) => (e.payload as { id: string }).id)).toEqual([raised[0]!.id]);
    expect(spikeEvents(agentClient)).toHaveLength(0);

    // A second pass in the same bucket (or on a second worker) alerts nothing more.
    t.clock.advance(60_000);
    expect(await hotspots.detectSpikes()).toEqual([]);
    const [n] = await t.deps.database.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM hotspot_alerts WHERE key = ${district.id}`,
    );
    expect(Number(n!.n)).toBe(1);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/spikes',
      headers: asUser(lead.cookie),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: raised[0]!.id, label: district.name });
  });

  it('once the window has moved past the burst, no new alert', async () => {
    t.clock.advance(20 * 60_000);
    expect(await hotspots.detectSpikes()).toEqual([]);
  });

  it('repeat callers: calls and tickets per number in the window, masked, confidential tickets left out, audited', async () => {
    const db = t.deps.database.db;
    const now = t.clock.now();
    for (let i = 0; i < 3; i += 1) {
      await insertCall(db, {
        agentId: null,
        enqueuedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
        answered: false,
        waitSeconds: 10,
      });
    }
    for (let i = 0; i < 3; i += 1) {
      const id = await insertTicket(db, {
        status: 'pending_dispatch',
        createdAt: new Date(now.getTime() - (i + 1) * 3_600_000),
      });
      // Two ordinary tickets and one confidential (举报) from 13700007777: only two count — under the minimum.
      await db.execute(
        sql`UPDATE tickets SET caller_phone = '13700007777', confidential = ${i === 2} WHERE id = ${id}`,
      );
    }
    // The browser tests share this database: count this view's audit row as a difference.
    const viewsBefore = await repeatCallerViews(db);
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/repeat-callers?days=7&minimum=3',
      headers: asUser(lead.cookie),
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).not.toContain('13900002222');
    expect(r.body).not.toContain('13700007777');
    const items = r.json().items as { maskedPhone: string; calls: number; tickets: number }[];
    const caller = items.find((i) => i.maskedPhone.endsWith('2222'));
    expect(caller).toMatchObject({ calls: 3 });
    expect(items.some((i) => i.maskedPhone.endsWith('7777'))).toBe(false);
    expect((await repeatCallerViews(db)) - viewsBefore).toBe(1);

    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/repeat-callers?days=400',
      headers: asUser(lead.cookie),
    });
    expect(bad.statusCode).toBe(400);
    const agent = await hotlineUser(t.app, db, 'agent');
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/repeat-callers',
      headers: asUser(agent.cookie),
    });
    expect(denied.statusCode).toBe(403);
  });
});
