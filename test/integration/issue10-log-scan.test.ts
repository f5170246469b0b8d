import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser, intakeBody, uniquePhone } from '../support/ticket-factories.js';

/**
 * Issue 10.2 — no personal data in logs. Every log line the app writes during a run of intake, search, duplicate
 * checks and failing requests (bad input, a failed insert whose error lists its parameters) is captured at the most
 * verbose level and searched for the confidential callers' numbers and names.
 */
const lines: string[] = [];
const logStream = { write: (line: string) => void lines.push(line) };

let t: TestApp;
let agent: { cookie: string };
beforeAll(async () => {
  t = await startTestApp({ logLevel: 'trace' }, { logStream });
  agent = await hotlineUser(t.app, t.deps.database.db, 'agent');
});
afterAll(async () => {
  await t.deps.database.db.execute(sql`alter table tickets drop constraint if exists issue10_refuse_inserts`);
  await t.close();
});

/** A whistle-blower (举报人) with a name and numbers found nowhere else. */
function whistleBlower() {
  const tag = String(Date.now()).slice(-6);
  return { name: `匿名举报人${tag}甲`, phone: uniquePhone(), landline: `0571${tag}88` };
}

describe('issue 10.2: no caller number or name in any log line', () => {
  it('intake, search, duplicate checks and failing requests leave no caller number or name in the log', async () => {
    const callers = [whistleBlower(), whistleBlower()];
    const headers = { ...asUser(agent.cookie), 'idempotency-key': crypto.randomUUID() };
    const a = callers[0]!;
    const b = callers[1]!;

    // Intake of a confidential 举报 (and its idempotent replay).
    const body = intakeBody({ type: 'report', confidential: true, caller: { name: a.name, phone: a.phone } });
    const created = await t.app.inject({ method: 'POST', url: '/api/tickets', headers, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/tickets', headers, payload: body })).statusCode).toBe(200);

    // Search and duplicate checks as the console makes them (POST), and the old GET forms a script might still use.
    const search = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/search',
      headers: asUser(agent.cookie),
      payload: { q: a.phone },
    });
    expect(search.json().items.map((i: { id: string }) => i.id)).toContain(created.json().id);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/duplicates',
      headers: asUser(agent.cookie),
      payload: { phone: a.phone },
    });
    expect(dup.statusCode).toBe(200);
    const getSearch = await t.app.inject({
      method: 'GET',
      url: `/api/tickets?q=${a.phone}`,
      headers: asUser(agent.cookie),
    });
    expect(getSearch.statusCode).toBe(200);
    await t.app.inject({
      method: 'GET',
      url: `/api/tickets?q=${encodeURIComponent(a.name)}`,
      headers: asUser(agent.cookie),
    });
    await t.app.inject({
      method: 'GET',
      url: `/api/tickets/duplicates?phone=${a.phone}`,
      headers: asUser(agent.cookie),
    });

    // Failing requests: a NUL byte in the content, a lone surrogate in the name, an invalid phone.
    for (const bad of [
      intakeBody({ type: 'report', caller: { name: b.name, phone: b.phone }, content: `举报\u0000内容` }),
      intakeBody({ type: 'report', caller: { name: `${b.name}\uD800`, phone: b.phone } }),
      intakeBody({ type: 'report', caller: { name: b.name, phone: `${b.landline}x` } }),
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: asUser(agent.cookie),
        payload: bad,
      });
      expect(response.statusCode, response.body).toBe(400);
    }

    // A failed query: the database refuses the insert, and the error (with its parameter list) is logged.
    await t.deps.database.db.execute(
      sql.raw(`alter table tickets add constraint issue10_refuse_inserts check (caller_name <> '${b.name}') not valid`),
    );
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: asUser(agent.cookie),
      payload: intakeBody({ type: 'report', confidential: true, caller: { name: b.name, phone: b.phone } }),
    });
    expect(failed.statusCode).toBe(500);
    const errorId = failed.json().errorId as string;
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    await t.deps.database.db.execute(sql`alter table tickets drop constraint issue10_refuse_inserts`);

    await new Promise((r) => setTimeout(r, 50));
    // The failure is in the log, findable by its error id, with the constraint named — without the row or parameters.
    const errorLine = lines.find((line) => line.includes(errorId));
    expect(errorLine).toBeDefined();
    expect(errorLine).toContain('issue10_refuse_inserts');
    // One access line per request (and the error lines): the capture really saw the run.
    expect(lines.length).toBeGreaterThan(10);

    const secrets = callers.flatMap((c) => [c.name, c.phone, c.landline]);
    const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
