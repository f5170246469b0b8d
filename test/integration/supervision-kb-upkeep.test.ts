import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createUnit, hotlineUser, type Unit } from '../support/ticket-factories.js';

/**
 * Issue 14 知识库维护 scored in 考核 (DOMAIN §6): each matter a unit owns that is past its 复核日期 at the month's end
 * takes `kb_stale` points off (default 0.5), shown as a line of the league and of the explain.
 */
let t: TestApp;
let lead: { cookie: string };
let unit: Unit;
const MONTH = '2036-05';

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2036-06-10T02:00:00Z'));
  const db = t.deps.database.db;
  lead = await hotlineUser(t.app, db, 'lead');
  unit = await createUnit(t.app, db);
  const run = `${Date.now() % 1000000}`;
  // Two matters past review at 2036-05-31, one reviewed in time (due after the month's end).
  for (const [i, due] of [
    [1, '2036-04-30'],
    [2, '2036-05-30'],
    [3, '2036-06-01'],
  ] as const)
    await db.execute(sql`INSERT INTO kb_matters (code, department_id, review_due_on)
      VALUES (${`KB-${run}-${i}`}, ${unit.department.id}, ${due}::date)`);
});

afterAll(async () => {
  await t?.close();
});

describe('issue 14 KB upkeep in the assessment', () => {
  it('the league scores stale matters per unit and the explain shows the same line', async () => {
    const league = await t.app.inject({
      method: 'GET',
      url: `/api/assessment/${MONTH}/league`,
      headers: asUser(lead.cookie),
    });
    expect(league.statusCode, league.body).toBe(200);
    const row = league.json().rows.find((r: { departmentId: string }) => r.departmentId === unit.department.id);
    expect(row.lines.find((l: { item: string }) => l.item === 'kb_stale')).toMatchObject({
      label: '知识库逾期未复核',
      count: 2,
      weight: 0.5,
      points: -1,
    });
    const explain = await t.app.inject({
      method: 'GET',
      url: `/api/assessment/${MONTH}/departments/${unit.department.id}/explain`,
      headers: asUser(unit.head.cookie),
    });
    expect(explain.statusCode, explain.body).toBe(200);
    expect(explain.json().lines.find((l: { item: string }) => l.item === 'kb_stale').count).toBe(2);
    expect(explain.json().kbUpkeep).toMatchObject({ matters: 3, staleMatters: 2 });
  });
});
