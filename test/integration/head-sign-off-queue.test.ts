import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, asUser, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, hotlineUser, must, type Unit } from '../support/ticket-factories.js';

/** Issue 11: the unit head's 待签发 list (`?queue=head_sign_off`) — 重件 replies awaiting the head's 签发, own unit only. */
let t: TestApp;
let agent: { cookie: string };
let unitA: Unit;
let unitB: Unit;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  unitA = await createUnit(t.app, db);
  unitB = await createUnit(t.app, db);
});
afterAll(async () => {
  await t.close();
});

async function signOffQueue(cookie: string): Promise<string[]> {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/tickets?queue=head_sign_off',
    headers: asUser(cookie),
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

async function replied(unit: Unit, major: boolean) {
  const ticket = await createTicket(t.app, agent.cookie, major ? { categories: ['major'] } : {});
  await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));
  await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
  await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '已处理完毕' }));
  return ticket.id;
}

describe('issue 11: the head’s 待签发 queue', () => {
  it('lists the unit’s 重件 replies until the head signs them off, never an ordinary reply or another unit’s', async () => {
    const major = await replied(unitA, true);
    const ordinary = await replied(unitA, false);
    const otherUnits = await replied(unitB, true);
    const queue = await signOffQueue(unitA.head.cookie);
    expect(queue).toContain(major);
    expect(queue).not.toContain(ordinary);
    expect(queue).not.toContain(otherUnits);
    expect(await must(act(t.app, unitA.head.cookie, major, 'reply-review', { approve: true }))).toBe('replied');
    expect(await signOffQueue(unitA.head.cookie)).not.toContain(major);
    expect(await signOffQueue(unitB.head.cookie)).toEqual([otherUnits]);
  });
});
