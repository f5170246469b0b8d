import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotlineAgentList } from '@hotline/shared/contracts/calls';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { resetRouting } from './calls-support.js';

/** The skills page's data: the agent list with state and skills, and skill changes as leads make them. */
let t: TestApp;
let lead: string;
let agent: string;

beforeAll(async () => {
  await resetRouting();
  t = await startTestApp();
  lead = await signIn(t.app, 'lead01');
  agent = await signIn(t.app, 'agent03');
});
afterAll(async () => {
  await t.close();
  await resetRouting();
});

async function agents(cookie: string) {
  const response = await t.app.inject({ method: 'GET', url: '/api/calls/agents', headers: asUser(cookie) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as HotlineAgentList).items;
}

describe('GET /api/calls/agents and agent skills', () => {
  it('lists agents and leads with their live state and skills, and no one else', async () => {
    const ready = await t.app.inject({
      method: 'PUT',
      url: '/api/calls/desk/state',
      headers: asUser(agent),
      payload: { state: 'ready' },
    });
    expect(ready.statusCode, ready.body).toBe(200);

    const items = await agents(lead);
    const byName = new Map(items.map((a) => [a.username, a]));
    expect(byName.get('agent03')).toMatchObject({ role: 'agent', state: 'ready', reason: null });
    expect(byName.get('agent03')?.skills).toEqual([
      { skill: 'dialect', level: 5 },
      { skill: 'foreign_language', level: 4 },
      { skill: 'general', level: 3 },
    ]);
    expect(byName.get('lead01')).toMatchObject({ role: 'lead', state: 'offline' });
    for (const notAgent of ['admin', 'handler_zj', 'head_scjg', 'kb01']) expect(byName.has(notAgent)).toBe(false);

    await t.app.inject({
      method: 'PUT',
      url: '/api/calls/desk/state',
      headers: asUser(agent),
      payload: { state: 'offline' },
    });
  });

  it('shows a lead’s skill change in the list, and refuses one skill given twice in Chinese', async () => {
    const agent02 = (await agents(lead)).find((a) => a.username === 'agent02')!;
    const skills = [...agent02.skills, { skill: 'dialect' as const, level: 3 }];
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/calls/agents/${agent02.agentId}/skills`,
      headers: asUser(lead),
      payload: { skills },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = (await agents(lead)).find((a) => a.username === 'agent02')!;
    expect(after.skills).toContainEqual({ skill: 'dialect', level: 3 });

    const twice = await t.app.inject({
      method: 'PUT',
      url: `/api/calls/agents/${agent02.agentId}/skills`,
      headers: asUser(lead),
      payload: {
        skills: [
          { skill: 'general', level: 3 },
          { skill: 'general', level: 5 },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toBe('同一技能只能设置一个等级');
    // Nothing half-written: the earlier skills stand.
    expect((await agents(lead)).find((a) => a.username === 'agent02')!.skills).toEqual(after.skills);

    // Restore the demo skills for the other files sharing the database.
    await t.app.inject({
      method: 'PUT',
      url: `/api/calls/agents/${agent02.agentId}/skills`,
      headers: asUser(lead),
      payload: { skills: agent02.skills },
    });
  });
});
