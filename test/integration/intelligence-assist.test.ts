import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuplicatesService } from '../../server/src/modules/intelligence/duplicates.service.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createTicket, createUnit, hotlineUser, type Unit } from '../support/ticket-factories.js';

let t: TestApp;
let agent: { cookie: string };
let unit: Unit;

beforeAll(async () => {
  t = await startTestApp();
  agent = await hotlineUser(t.app, t.deps.database.db, 'agent');
  unit = await createUnit(t.app, t.deps.database.db);
});
afterAll(async () => t.close());

/**
 * A road of this run's own, named as roads are: Chinese characters only (a name like `栖mx6nexp5路` ends in a digit
 * and is no road name to the address parser — the test then failed by the clock).
 */
const uniqueName = () => [...String(Date.now()).slice(-7)].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');

describe('issue 15 duplicate candidates (并单), prefill (智能填单) and matter suggestions', () => {
  it('finds the open ticket of the same incident written differently, and not the other problem at that door', async () => {
    const street = `栖${uniqueName()}路`;
    const { id: first } = await createTicket(t.app, agent.cookie, {
      content: `${street}100号门口的路灯坏了，晚上一片漆黑`,
      address: `示范市西湖区${street}100号`,
    });
    const { id: other } = await createTicket(t.app, agent.cookie, {
      content: `${street}100号楼下餐馆油烟太大，熏得没法开窗`,
      address: `西湖区${street}100号`,
    });
    const { id: second } = await createTicket(t.app, agent.cookie, {
      content: `西湖区${street}一百号门口路灯坏了，晚上黑漆漆的看不见路`,
      address: `西湖区${street}一百号`,
    });
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${second}/duplicate-candidates`,
      headers: asUser(agent.cookie),
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as {
      ticketId: string;
      score: number;
      likelyDuplicate: boolean;
      reasons: string[];
    }[];
    const hit = items.find((i) => i.ticketId === first);
    expect(hit?.likelyDuplicate, JSON.stringify(items)).toBe(true);
    expect(hit!.score).toBeGreaterThan(0.6);
    expect(hit!.reasons.join('')).toContain('地址');
    expect(items.find((i) => i.ticketId === other)?.likelyDuplicate ?? false).toBe(false);
    expect(items.find((i) => i.ticketId === second)).toBeUndefined();

    const probe = await t.app.inject({
      method: 'POST',
      url: '/api/intelligence/duplicate-probe',
      headers: asUser(agent.cookie),
      payload: { content: '路灯坏了不亮，晚上很黑', address: `${street}100号` },
    });
    expect(probe.json().items[0].ticketId).toBeOneOf([first, second]);

    const unitView = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${second}/duplicate-candidates`,
      headers: asUser(unit.handler.cookie),
    });
    expect(unitView.statusCode).toBe(403);
  });

  it('scores the same place even when a busy window has pushed it out of the newest tickets scanned', async () => {
    const street = `鹊${uniqueName()}路`;
    const { id: first } = await createTicket(t.app, agent.cookie, {
      content: '小区门口的窨井盖不见了，晚上很危险',
      address: `示范市西湖区${street}8号`,
    });
    // Newer tickets elsewhere: with a scan of the 2 newest only, the first is not among them.
    for (let i = 0; i < 3; i++) {
      await createTicket(t.app, agent.cookie, {
        content: `其他地方的事情${i}，家里停电了`,
        address: `上城区某${i}路${i + 1}号`,
      });
    }
    const service = (scanLimit: number) =>
      createDuplicatesService({
        db: t.deps.database.db,
        clock: t.clock,
        settings: { thresholdPercent: 60, windowHours: 72, scanLimit },
      });
    const probe = { content: '窨井盖丢了，夜里有人差点掉下去', address: `${street}8号门口` };
    const found = await service(2).probe(probe);
    expect(found.items.map((i) => i.ticketId)).toContain(first);
    expect(found.items.find((i) => i.ticketId === first)!.reasons.join('')).toContain('地址');
    // A probe naming no place finds only what the newest scan holds.
    const nowhere = await service(2).probe({ content: probe.content });
    expect(nowhere.items.map((i) => i.ticketId)).not.toContain(first);
  });

  it('prefills from pasted text and refuses department users', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/intelligence/prefill',
      headers: asUser(agent.cookie),
      payload: { text: '我姓李，电话13912345678，上城区解放路88号停水两天了，家里有老人' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ phone: '13912345678', urgency: 'urgent', categories: ['utilities'] });
    expect(response.json().address).toContain('解放路88号');
    for (const url of ['/api/intelligence/prefill', '/api/intelligence/matter-suggestions']) {
      const denied = await t.app.inject({
        method: 'POST',
        url,
        headers: asUser(unit.handler.cookie),
        payload: { text: '停水' },
      });
      expect(denied.statusCode).toBe(403);
    }
    const matters = await t.app.inject({
      method: 'POST',
      url: '/api/intelligence/matter-suggestions',
      headers: asUser(agent.cookie),
      payload: { text: '我想开个饭店要办什么证' },
    });
    expect(matters.statusCode, matters.body).toBe(200);
    expect(matters.json().items.length).toBeLessThanOrEqual(3);
  });
});
