import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SPIKE_RULES } from '@hotline/shared/domain/hotspots';
import { createDepartment } from '../support/factories.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createUnit, hotlineUser, type Unit } from '../support/ticket-factories.js';
import { refreshTickets } from '../../server/src/modules/supervision/metric-refresh.js';
import { createHotspotService } from '../../server/src/modules/supervision/hotspots.service.js';
import { insertTicket } from './supervision-support.js';

/**
 * Issue 14 hot-spot analysis: 每月一题 candidates ranked with their evidence and picked by a lead (audited); time
 * clusters (the same problem concentrated in an hour band); the spike alert's thresholds as an audited admin setting
 * that the detector obeys. Month 2035-04, fake clock; every problem lives in districts made for this run.
 */
let t: TestApp;
let lead: { cookie: string; id: string };
let admin: { cookie: string; id: string };
let unit: Unit;
const NOW = new Date('2035-04-28T04:00:00Z');
const MONTH = '2035-04';
let evening: { id: string; name: string };
let spread: { id: string; name: string };
let busy: { id: string; name: string };

/** A Shanghai time in April 2035 as a UTC Date. */
const at = (day: number, hour: number, minute = 10) => new Date(Date.UTC(2035, 3, day, hour - 8, minute));

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(NOW);
  const db = t.deps.database.db;
  lead = await hotlineUser(t.app, db, 'lead');
  admin = await hotlineUser(t.app, db, 'admin');
  unit = await createUnit(t.app, db);
  const run = Date.now() % 100000;
  evening = await createDepartment(db, { kind: 'district', name: `晚间${run}区` });
  spread = await createDepartment(db, { kind: 'district', name: `分散${run}区` });
  busy = await createDepartment(db, { kind: 'district', name: `背景${run}区` });
  const ids: string[] = [];
  // Problem A: 16 noise complaints in one district, every one between 19:00 and 22:00, half from one caller.
  for (let i = 0; i < 16; i += 1) {
    const id = await insertTicket(db, {
      status: 'pending_dispatch',
      type: 'complaint',
      address: `${evening.name}夜市路${i}号`,
      createdAt: at(2 + i, 19 + (i % 3)),
    });
    if (i % 2 === 0) await db.execute(sql`UPDATE tickets SET caller_phone = '13700007777' WHERE id = ${id}`);
    else await db.execute(sql`UPDATE tickets SET caller_phone = ${`1370000${String(1000 + i)}`} WHERE id = ${id}`);
    ids.push(id);
  }
  // Problem B: 6 consultations in another district, spread over the working day, all different callers.
  for (let i = 0; i < 6; i += 1) {
    const id = await insertTicket(db, {
      status: 'pending_dispatch',
      type: 'consultation',
      address: `${spread.name}办事路${i}号`,
      createdAt: at(3 + i * 3, 9 + i * 2),
    });
    await db.execute(sql`UPDATE tickets SET caller_phone = ${`1360000${String(2000 + i)}`} WHERE id = ${id}`);
    ids.push(id);
  }
  // The hotline's own rhythm: suggestions all day long in a third district.
  for (let i = 0; i < 72; i += 1) {
    const id = await insertTicket(db, {
      status: 'pending_dispatch',
      type: 'suggestion',
      address: `${busy.name}大道${i}号`,
      createdAt: at(1 + (i % 27), 8 + (i % 12)),
    });
    await db.execute(sql`UPDATE tickets SET caller_phone = ${`1350000${String(3000 + i)}`} WHERE id = ${id}`);
    ids.push(id);
  }
  await refreshTickets(db, ids, NOW);
});

afterAll(async () => {
  await t?.deps.database.db.execute(sql`DELETE FROM hotspot_settings`);
  await t?.close();
});

const keyOf = (type: string, district: { id: string }) => `type:${type}@${district.id}`;

describe('issue 14 每月一题 candidates', () => {
  it('ranks every problem of the month with its evidence; the repeated evening complaint outranks the rest', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/hotspots/topic-candidates?month=${MONTH}`,
      headers: asUser(lead.cookie),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.problems).toBeGreaterThanOrEqual(3);
    const a = body.items.find((c: { key: string }) => c.key === keyOf('complaint', evening));
    const b = body.items.find((c: { key: string }) => c.key === keyOf('consultation', spread));
    expect(a, JSON.stringify(body.items.map((c: { key: string }) => c.key))).toBeTruthy();
    expect(a.label).toBe(`投诉类诉求（未关联事项） · ${evening.name}`);
    expect(a.signals.volume.value).toBe(16);
    // 8 tickets from one caller (the other 8 callers once each): 8 of 16 are repeats.
    expect(a.signals.repeat).toMatchObject({ value: 0.5, base: 16 });
    expect(a.sampleTickets.length).toBe(5);
    if (b) expect(a.score).toBeGreaterThan(b.score);
    // Ahead of the other problems of this file wherever they rank (one missing from the list ranks below it).
    const rankOf = (key: string) => {
      const i = body.items.findIndex((c: { key: string }) => c.key === key);
      return i === -1 ? Number.POSITIVE_INFINITY : i;
    };
    expect(rankOf(a.key)).toBeLessThan(rankOf(keyOf('consultation', spread)));
    expect(rankOf(a.key)).toBeLessThan(rankOf(keyOf('suggestion', busy)));
    expect(a.picked).toBe(false);
  });

  it('a lead picks it (evidence kept, audited, once); a unit and a bad month are refused', async () => {
    const key = keyOf('complaint', evening);
    const pick = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/hotspots/monthly-topics',
      headers: asUser(lead.cookie),
      payload: { month: MONTH, key, note: '夜市噪声反复投诉' },
    });
    expect(pick.statusCode, pick.body).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/hotspots/monthly-topics',
      headers: asUser(lead.cookie),
      payload: { month: MONTH, key },
    });
    expect(again.statusCode).toBe(409);
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/hotspots/monthly-topics',
      headers: asUser(lead.cookie),
      payload: { month: '2035-03', key },
    });
    expect(none.statusCode).toBe(404);
    const [row] = await t.deps.database.db.execute<{ evidence: { signals: { volume: { value: number } } } }>(
      sql`SELECT evidence FROM monthly_topics WHERE month = ${MONTH} AND topic_key = ${key}`,
    );
    expect(row!.evidence.signals.volume.value).toBe(16);
    const [audit] = await t.deps.database.db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM audit_log WHERE action = 'supervision.monthly_topic.pick' AND actor_id = ${lead.id}`);
    expect(Number(audit!.n)).toBe(1);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/hotspots/monthly-topics?month=${MONTH}`,
      headers: asUser(lead.cookie),
    });
    expect(list.json().items.map((i: { key: string }) => i.key)).toContain(key);
    for (const cookie of [unit.head.cookie, unit.handler.cookie]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: `/api/supervision/hotspots/topic-candidates?month=${MONTH}`,
        headers: asUser(cookie),
      });
      expect([403, 404]).toContain(refused.statusCode);
    }
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/topic-candidates?month=2035-13',
      headers: asUser(lead.cookie),
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('issue 14 time clusters', () => {
  it('finds the complaint concentrated 19:00–22:00 against the hotline’s rhythm, not the spread consultations', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/time-clusters?days=28',
      headers: asUser(lead.cookie),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const hour = body.items.find(
      (c: { key: string; kind: string }) => c.key === keyOf('complaint', evening) && c.kind === 'hour',
    );
    expect(hour, JSON.stringify(body.items.slice(0, 5))).toMatchObject({
      start: 19,
      width: 3,
      observed: 16,
      total: 16,
    });
    expect(hour.expected).toBeLessThan(8);
    expect(hour.g).toBeGreaterThanOrEqual(body.threshold);
    expect(body.items.some((c: { key: string }) => c.key === keyOf('consultation', spread))).toBe(false);
    const tooLong = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/hotspots/time-clusters?days=400',
      headers: asUser(lead.cookie),
    });
    expect(tooLong.statusCode).toBe(400);
  });
});

describe('issue 14 spike thresholds as admin configuration', () => {
  it('an admin edits them (validated, audited), a lead cannot, and the detector obeys them', async () => {
    const url = '/api/supervision/hotspots/spike-rules';
    const current = await t.app.inject({ method: 'GET', url, headers: asUser(lead.cookie) });
    expect(current.json()).toEqual(SPIKE_RULES);
    const rules = { windowMinutes: 10, baselineDays: 7, minCount: 3, factor: 2 };
    const byLead = await t.app.inject({ method: 'PUT', url, headers: asUser(lead.cookie), payload: rules });
    expect(byLead.statusCode).toBe(403);
    for (const bad of [
      { ...rules, windowMinutes: 7 },
      { ...rules, factor: 0.5 },
      { ...rules, minCount: 1 },
    ]) {
      const refused = await t.app.inject({ method: 'PUT', url, headers: asUser(admin.cookie), payload: bad });
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
      expect(refused.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const saved = await t.app.inject({ method: 'PUT', url, headers: asUser(admin.cookie), payload: rules });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url, headers: asUser(lead.cookie) })).json()).toEqual(rules);
    const [audit] = await t.deps.database.db.execute<{ detail: { before: unknown; after: unknown } }>(sql`
      SELECT detail FROM audit_log WHERE action = 'supervision.spike_rules' AND actor_id = ${admin.id}`);
    expect(audit!.detail).toEqual({ before: SPIKE_RULES, after: rules });

    // Three tickets in the last ten minutes: below the default minimum of five, an alert under the admin's three.
    const db = t.deps.database.db;
    const quiet = await createDepartment(db, { kind: 'district', name: `阈值${Date.now() % 100000}区` });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(
        await insertTicket(db, {
          status: 'pending_dispatch',
          address: `${quiet.name}某路${i}号`,
          createdAt: new Date(NOW.getTime() - (2 + i) * 60_000),
        }),
      );
    await refreshTickets(db, ids, NOW);
    const hotspots = createHotspotService({ db, clock: t.clock, realtime: null });
    const raised = await hotspots.detectSpikes(NOW);
    expect(raised.find((a) => a.key === quiet.id)).toMatchObject({ dim: 'area', count: 3 });
    await db.execute(sql`DELETE FROM hotspot_settings`);
    await db.execute(sql`DELETE FROM hotspot_alerts WHERE key = ${quiet.id}`);
    expect((await hotspots.detectSpikes(NOW)).find((a) => a.key === quiet.id)).toBeUndefined();
  });
});
