/**
 * Issue 12: a ticket state change is a few statements in one transaction (before: 11–17 per action, see README).
 * Counted on the wire by a proxy in front of Postgres (test/support/pg-statement-counter.ts): the statements the
 * request's transaction sent on its connection, BEGIN and COMMIT included (the session check is served from the
 * session cache). A regression guard on the number of statements, not a timing test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startStatementCounter, type StatementCounter } from '../support/pg-statement-counter.js';
import { TEST_DATABASE_URL } from '../support/env.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, hotlineUser, type Unit } from '../support/ticket-factories.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import { createAgents } from './calls-support.js';

let t: TestApp;
let counter: StatementCounter;
let agent: { cookie: string };
let lead: { cookie: string };
let unit: Unit;
const BASIS = '《某市12345热线工单办理规范》第十二条';

beforeAll(async () => {
  const target = new URL(TEST_DATABASE_URL);
  counter = await startStatementCounter(Number(target.port || 5432), target.hostname);
  const viaCounter = new URL(TEST_DATABASE_URL);
  viaCounter.hostname = '127.0.0.1';
  viaCounter.port = String(counter.port);
  t = await startTestApp({ databaseUrl: viaCounter.toString() });
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  unit = await createUnit(t.app, db);
});
afterAll(async () => {
  await t?.close();
  await counter?.close();
});

/** Runs the action twice on fresh tickets (the first warms the per-connection statement cache) and counts the second. */
async function counted(prepare: () => Promise<string>, action: (id: string) => Promise<LightMyRequestResponse>) {
  const warm = await prepare();
  expect((await action(warm)).statusCode).toBe(200);
  const id = await prepare();
  counter.reset();
  const response = await action(id);
  const counts = counter.read();
  expect(response.statusCode, response.body).toBe(200);
  // The app's background work (the dependency probe's `select 1`, the ACD's policy refresh …) may fall in the window
  // on other pooled connections: count what the action's own connection sent, from its BEGIN to its COMMIT.
  const begin = counts.executed.findIndex((text) => /^begin/i.test(text));
  expect(begin, counts.executed.join('\n')).toBeGreaterThanOrEqual(0);
  const own = counts.connections[begin];
  const executed = counts.executed.filter((_, index) => index >= begin && counts.connections[index] === own);
  const commit = executed.findIndex((text) => /^commit/i.test(text));
  expect(commit, executed.join('\n')).toBeGreaterThan(0);
  const transaction = executed.slice(0, commit + 1);
  return { ...counts, executed: transaction, statements: transaction.length };
}

async function dispatched() {
  const ticket = await createTicket(t.app, agent.cookie);
  expect(
    (await act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id })).statusCode,
  ).toBe(200);
  return ticket.id;
}
async function signed() {
  const id = await dispatched();
  expect((await act(t.app, unit.handler.cookie, id, 'sign')).statusCode).toBe(200);
  return id;
}
async function replied() {
  const id = await signed();
  expect((await act(t.app, unit.handler.cookie, id, 'reply', { content: '已处理完毕' })).statusCode).toBe(200);
  return id;
}
async function returned() {
  const id = await dispatched();
  expect(
    (await act(t.app, unit.handler.cookie, id, 'return', { reason: 'wrong_area', basis: '该地址属滨江区管辖' }))
      .statusCode,
  ).toBe(200);
  return id;
}
async function awaitingCallback() {
  const id = await replied();
  expect((await act(t.app, lead.cookie, id, 'reply-review', { approve: true })).statusCode).toBe(200);
  return id;
}
async function extensionAsked() {
  const id = await signed();
  const body = { days: 3, reason: '需要多部门现场核查', legalBasis: BASIS };
  expect((await act(t.app, unit.handler.cookie, id, 'extension', body)).statusCode).toBe(200);
  return id;
}

describe('statements per ticket state change (whole request, BEGIN and COMMIT included)', () => {
  // [action, limit, a fresh ticket in the state the action needs, the action]
  const cases: [string, number, () => Promise<string>, (id: string) => Promise<LightMyRequestResponse>][] = [
    [
      'dispatch',
      5,
      () => createTicket(t.app, agent.cookie).then((x) => x.id),
      (id) => act(t.app, agent.cookie, id, 'dispatch', { leadDepartmentId: unit.department.id }),
    ],
    ['sign', 4, dispatched, (id) => act(t.app, unit.handler.cookie, id, 'sign')],
    ['reply', 4, signed, (id) => act(t.app, unit.handler.cookie, id, 'reply', { content: '已处理完毕' })],
    ['reply-review approve', 5, replied, (id) => act(t.app, lead.cookie, id, 'reply-review', { approve: true })],
    [
      'reply-review reject',
      6,
      replied,
      (id) => act(t.app, lead.cookie, id, 'reply-review', { approve: false, comment: '未答复诉求' }),
    ],
    [
      'return',
      4,
      dispatched,
      (id) => act(t.app, unit.handler.cookie, id, 'return', { reason: 'wrong_area', basis: '该地址属滨江区管辖' }),
    ],
    ['return-review approve', 5, returned, (id) => act(t.app, lead.cookie, id, 'return-review', { approve: true })],
    [
      'return-review reject',
      5,
      returned,
      (id) => act(t.app, lead.cookie, id, 'return-review', { approve: false, comment: '属于本单位' }),
    ],
    [
      'extension',
      5,
      signed,
      (id) =>
        act(t.app, unit.handler.cookie, id, 'extension', { days: 3, reason: '需要多部门现场核查', legalBasis: BASIS }),
    ],
    [
      'extension-review approve',
      6,
      extensionAsked,
      (id) => act(t.app, lead.cookie, id, 'extension-review', { approve: true }),
    ],
    ['close', 4, awaitingCallback, (id) => act(t.app, lead.cookie, id, 'close', { reason: '诉求人撤回诉求' })],
  ];
  for (const [name, limit, prepare, action] of cases) {
    it(`${name}: at most ${limit} statements, one transaction`, async () => {
      const counts = await counted(prepare, action);
      console.log(`${name}: ${counts.statements} statements, ${counts.roundTrips} round trips`, counts.executed);
      expect(counts.statements).toBeLessThanOrEqual(limit);
    });
  }
});

// Issue 12, routing: a new contact a free agent can take at once is recorded queued-and-offered in ONE statement (the
// fast path); one that has to wait is recorded in one statement and its offer in one more (were BEGIN, two INSERTs,
// COMMIT and BEGIN, UPDATE, three INSERTs, COMMIT). The texts are the first 80 characters of each statement sent.
describe('statements on the routing path (enqueue → offer)', () => {
  const routingStatements = () =>
    counter.read().executed.filter((text) => /contacts|agent_state_log|^begin|^commit/i.test(text));
  const enqueue = () =>
    t.deps.calls.router.enqueueContact({
      channel: 'call',
      callerNumber: '13900005555',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });

  it('records a contact offered straight away in one statement, with no transaction around it', async () => {
    const db = t.deps.database.db;
    const [agentId] = await createAgents(db, 1, () => [{ skill: 'general', level: 5 }]);
    await t.deps.calls.presence.setAgentState(agentId!, 'ready', undefined, SYSTEM_ACTOR);
    await t.deps.calls.router.dispatch();
    counter.reset();
    const contact = await enqueue();
    await t.deps.calls.router.dispatch();
    expect((await t.deps.calls.store.offerOf(contact.id))?.agentId).toBe(agentId);
    const executed = counter.read().executed;
    expect(routingStatements(), executed.join('\n')).toEqual([
      expect.stringMatching(/^with w0 as \(insert into "contacts"/),
    ]);
  });

  it('records a waiting contact in one statement and its offer in one more', async () => {
    const db = t.deps.database.db;
    const [agentId] = await createAgents(db, 1, () => [{ skill: 'general', level: 5 }]);
    counter.reset();
    const contact = await enqueue();
    await t.deps.calls.presence.setAgentState(agentId!, 'ready', undefined, SYSTEM_ACTOR);
    await t.deps.calls.router.dispatch();
    expect((await t.deps.calls.store.offerOf(contact.id))?.agentId).toBe(agentId);
    const executed = counter.read().executed;
    // Going ready writes the agent's own state change (a transaction of its own) between the two.
    expect(
      routingStatements().filter((text) => !/^begin|^commit|^insert into "agent_state_log"/i.test(text)),
      executed.join('\n'),
    ).toEqual([
      expect.stringMatching(/^with w0 as \(insert into "contacts"/),
      expect.stringMatching(/^with w0 as \(update "contacts"/),
    ]);
  });
});
