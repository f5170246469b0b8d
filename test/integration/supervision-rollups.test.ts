import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDepartment, createUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deriveTicketFacts } from '../../server/src/modules/supervision/metric-facts.js';
import {
  rebuildAllMetrics,
  refreshTicketInTransaction,
  refreshTickets,
  rollupDeltas,
} from '../../server/src/modules/supervision/metric-refresh.js';
import { loadFactContext, loadTicketBundles } from '../../server/src/modules/supervision/metric-sources.repository.js';
import { sweepMetricChanges } from '../../server/src/modules/supervision/metric-feed.js';
import { pgArray } from '../../server/src/modules/supervision/pg-array.js';
import {
  insertCall,
  insertCallRating,
  insertCallback,
  insertReply,
  insertRound,
  insertTicket,
  updateRound,
  updateTicketRaw,
} from './supervision-support.js';

/**
 * Issue 14 — the rollups equal a full recompute from the raw rows after random event sequences: late events
 * (instants earlier than ones already counted), refreshes out of order, twice or concurrently, reopenings, returns
 * and rulings that change after they were counted. A seeded generator, so a failure can be replayed.
 */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = Date.UTC(2032, 5, 1, 2);
const H = 3600 * 1000;
const NOW = new Date(BASE + 40 * 24 * H);

let t: TestApp;
let agentId: string;
let deptIds: string[];

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  const district = await createDepartment(db, { kind: 'district', name: '性质乙区人民政府' });
  const street = await createDepartment(db, { kind: 'street', parentId: district.id });
  const city = await createDepartment(db);
  deptIds = [district.id, street.id, city.id];
  agentId = (await createUser(db, 'agent')).id;
});

afterAll(async () => {
  await t?.close();
});

/** The rollup cells of this file's data (its agent, its units), as stored and as recomputed from raw. */
async function compare(ticketIds: string[], keys = new Set([agentId, ...deptIds])) {
  const db = t.deps.database.db;
  const ctx = await loadFactContext(db, NOW);
  const facts = [...(await loadTicketBundles(db, ticketIds)).values()].flatMap((b) =>
    deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, ctx),
  );
  const expected = new Map(
    [...rollupDeltas([], facts).entries()].filter(([cell]) => {
      const [dim, key] = cell.split('\u0001');
      return (dim === 'agent' || dim === 'department' || dim === 'unit') && keys.has(key!);
    }),
  );
  const rows = await db.execute<{
    dim: string;
    key: string;
    counter: string;
    day: string;
    n: string;
    total: string;
  }>(sql`
    SELECT dim, key, counter, to_char(day, 'YYYY-MM-DD') AS day, n, total FROM metric_rollups
    WHERE dim IN ('agent', 'department', 'unit') AND key = ANY(${pgArray([...keys], 'text')})`);
  const actual = new Map(
    rows
      .filter((r) => Number(r.n) !== 0 || Number(r.total) !== 0)
      .map((r) => [`${r.dim}\u0001${r.key}\u0001${r.counter}\u0001${r.day}`, [Number(r.n), Number(r.total)]]),
  );
  return { expected: Object.fromEntries(expected), actual: Object.fromEntries(actual) };
}

describe('issue 14 rollups = full recompute (property)', () => {
  it('after random event sequences with late events, reopenings, returns and rulings', async () => {
    const db = t.deps.database.db;
    for (const seed of [1, 2, 3]) {
      const rand = prng(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      const at = (maxDays = 30) => new Date(BASE + Math.floor(rand() * maxDays * 24) * H);
      const tickets: { id: string; rounds: { id: string; dept: string }[]; callbacks: string[] }[] = [];
      for (let i = 0; i < 12; i += 1) {
        const id = await insertTicket(db, {
          status: pick(['pending_dispatch', 'answered', 'rejected', 'closed']),
          channel: pick(['phone', 'web', 'sms', 'letter']),
          answer: rand() < 0.3 ? '答复' : null,
          createdBy: agentId,
          createdAt: at(5),
          address: rand() < 0.5 ? '示范市性质乙区某路' : '示范市某路',
        });
        tickets.push({ id, rounds: [], callbacks: [] });
      }
      for (let step = 0; step < 80; step += 1) {
        const ticket = pick(tickets);
        const event = pick(['dispatch', 'sign', 'return', 'reply', 'callback', 'ruling', 'reopen', 'close', 'refresh']);
        const round = ticket.rounds[ticket.rounds.length - 1];
        if (event === 'dispatch' || (event === 'reopen' && round)) {
          const dept = pick(deptIds);
          const dispatchedAt = at(); // may be earlier than the previous round: a late event
          const roundId = await insertRound(db, {
            ticketId: ticket.id,
            round: ticket.rounds.length + 1,
            departmentId: dept,
            reopened: event === 'reopen',
            dispatchedAt,
            signDueAt: new Date(dispatchedAt.getTime() + pick([1, 24, 72]) * H),
          });
          ticket.rounds.push({ id: roundId, dept });
          await updateTicketRaw(db, ticket.id, {
            status: 'awaiting_sign',
            currentRound: ticket.rounds.length,
            lead: dept,
          });
        } else if (event === 'sign' && round) {
          const signedAt = at();
          await updateRound(db, round.id, {
            signedAt,
            handlingDueAt: new Date(signedAt.getTime() + pick([24, 120, 500]) * H),
          });
        } else if (event === 'return' && round) {
          await updateRound(db, round.id, {
            returnedAt: at(),
            returnReview: pick(['approved', 'rejected', 'pending']),
          });
        } else if (event === 'reply' && round) {
          const repliedAt = at();
          await updateRound(db, round.id, { repliedAt });
          await insertReply(db, {
            ticketId: ticket.id,
            roundId: round.id,
            departmentId: round.dept,
            createdAt: repliedAt,
            reviewedAt: new Date(repliedAt.getTime() + H),
          });
        } else if (event === 'callback') {
          const reached = rand() < 0.8;
          ticket.callbacks.push(
            await insertCallback(db, {
              ticketId: ticket.id,
              at: at(),
              agentId,
              reached,
              satisfaction: reached ? pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const) : null,
              solved: reached ? rand() < 0.5 : null,
            }),
          );
        } else if (event === 'ruling' && ticket.callbacks.length) {
          const callbackId = pick(ticket.callbacks);
          await db.execute(sql`
            INSERT INTO rating_rulings (callback_id, unreasonable, reason, ruled_at)
            VALUES (${callbackId}, ${rand() < 0.7}, '测试认定', now())
            ON CONFLICT (callback_id) DO UPDATE SET unreasonable = NOT rating_rulings.unreasonable`);
        } else if (event === 'close') {
          await updateTicketRaw(db, ticket.id, { status: pick(['closed', 'in_progress', 'awaiting_callback']) });
        }
        // Refresh a random few now (sometimes the changed one, sometimes others): stale facts stay behind.
        if (event === 'refresh' || rand() < 0.3) {
          await refreshTickets(db, [pick(tickets).id, pick(tickets).id], NOW);
        }
      }
      // Every ticket refreshed at least once more, concurrently and in overlapping orders.
      const ids = tickets.map((x) => x.id);
      const shuffled = [...ids].sort(() => rand() - 0.5);
      await Promise.all([
        refreshTickets(db, ids, NOW),
        refreshTickets(db, shuffled, NOW),
        refreshTickets(db, shuffled.slice(3), NOW),
      ]);
    }
    const allIds = (await db.execute<{ id: string }>(sql`SELECT id FROM tickets WHERE created_by = ${agentId}`)).map(
      (r) => r.id,
    );
    const { expected, actual } = await compare(allIds);
    expect(Object.keys(expected).length).toBeGreaterThan(50);
    expect(actual).toEqual(expected);

    // The rebuild from raw (npm run supervision:rebuild, batch fast path) lands on the same cells ...
    const [before] = await db.execute<{ at: Date }>(sql`SELECT clock_timestamp() AS at`);
    await rebuildAllMetrics(db, NOW);
    const rebuilt = await compare(allIds);
    expect(rebuilt.actual).toEqual(expected);
    // ... and the change feed starts where it started reading (not at the beginning of time, paging every record).
    const marks = await db.execute<{ feed: string; at: Date }>(
      sql`SELECT feed, watermark AS at FROM metric_feed_state WHERE feed IN ('tickets', 'contacts') ORDER BY feed`,
    );
    expect(marks.map((m) => m.feed)).toEqual(['contacts', 'tickets']);
    for (const m of marks) expect(new Date(m.at).getTime()).toBeGreaterThanOrEqual(new Date(before!.at).getTime());
  });

  it('the monthly rollups equal the daily ones summed by month', async () => {
    const db = t.deps.database.db;
    const diff = await db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM (
        SELECT dim, key, counter, date_trunc('month', day)::date AS day, sum(n) AS n, sum(total) AS total
        FROM metric_rollups GROUP BY 1, 2, 3, 4
        EXCEPT SELECT dim, key, counter, day, n, total FROM metric_rollups_monthly WHERE n <> 0 OR total <> 0) x`);
    expect(Number(diff[0]!.n)).toBe(0);
    const [count] = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM metric_rollups_monthly`);
    expect(Number(count!.n)).toBeGreaterThan(0);
  });

  it('the change feed (sweep job) picks up changed tickets and is idempotent', async () => {
    const db = t.deps.database.db;
    t.clock.set(new Date(Date.now() + 60_000));
    const id = await insertTicket(db, {
      status: 'closed',
      answer: '答复',
      createdBy: agentId,
      createdAt: new Date(BASE),
    });
    await sweepMetricChanges(db, t.clock);
    const [facts] = await db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM metric_facts WHERE ticket_id = ${id}`,
    );
    expect(Number(facts!.n)).toBeGreaterThan(0);
    const [before] = await db.execute<{ n: string }>(
      sql`SELECT sum(n) AS n FROM metric_rollups WHERE dim = 'agent' AND key = ${agentId}`,
    );
    await sweepMetricChanges(db, t.clock); // the overlap re-reads it: nothing changes
    const [after] = await db.execute<{ n: string }>(
      sql`SELECT sum(n) AS n FROM metric_rollups WHERE dim = 'agent' AND key = ${agentId}`,
    );
    expect(after!.n).toBe(before!.n);
  });

  it('the sweep pages past more changed tickets than a page holding the same updated_at (one bulk commit)', async () => {
    const db = t.deps.database.db;
    t.clock.set(new Date(Date.now() + 120_000));
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1)
      ids.push(
        await insertTicket(db, { status: 'closed', answer: '答复', createdBy: agentId, createdAt: new Date(BASE) }),
      );
    const at = new Date(t.clock.now().getTime() - 1_000).toISOString();
    await db.execute(sql`UPDATE tickets SET updated_at = ${at} WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`);
    await sweepMetricChanges(db, t.clock, undefined, 10);
    const [covered] = await db.execute<{ n: string }>(sql`
      SELECT count(DISTINCT ticket_id) AS n FROM metric_facts WHERE ticket_id = ANY(${`{${ids.join(',')}}`}::uuid[])`);
    expect(Number(covered!.n)).toBe(25);
  });

  it('the sweep pages past more ended and rated calls than a page holding one instant: no call is skipped', async () => {
    const db = t.deps.database.db;
    t.clock.set(new Date(Date.now() + 180_000));
    const callAgent = (await createUser(db, 'agent')).id;
    // 25 calls ending at the same instant and 12 ratings given at one instant, swept in pages of 10: a sweep that
    // took one page of calls and then moved its watermark to now (the old cap) left the rest uncounted for good.
    const enqueuedAt = new Date(t.clock.now().getTime() - 60_000);
    const calls: string[] = [];
    for (let i = 0; i < 25; i += 1)
      calls.push(
        await insertCall(db, { agentId: callAgent, enqueuedAt, answered: true, waitSeconds: 5, talkSeconds: 30 }),
      );
    const ratedAt = new Date(t.clock.now().getTime() - 1_000);
    for (const contactId of calls.slice(0, 12))
      await insertCallRating(db, { contactId, agentId: callAgent, rating: 1, ratedAt });
    await sweepMetricChanges(db, t.clock, undefined, 10);
    const [covered] = await db.execute<{ n: string; rated: string }>(sql`
      SELECT count(DISTINCT contact_id) AS n, count(*) FILTER (WHERE counter = 'call_rated') AS rated
      FROM metric_facts WHERE contact_id = ANY(${`{${calls.join(',')}}`}::uuid[])`);
    expect(Number(covered!.n)).toBe(25);
    expect(Number(covered!.rated)).toBe(12);
    const cells = await db.execute<{ counter: string; total: string }>(sql`
      SELECT counter, sum(total) AS total FROM metric_rollups WHERE dim = 'agent' AND key = ${callAgent}
      AND counter IN ('inbound', 'answered', 'talk_seconds', 'call_rated') GROUP BY counter ORDER BY counter`);
    expect(Object.fromEntries(cells.map((c) => [c.counter, Number(c.total)]))).toEqual({
      answered: 25,
      call_rated: 12,
      inbound: 25,
      talk_seconds: 25 * 30,
    });
    // The watermark moved to the sweep's now: the next sweep's overlap re-reads them and writes nothing.
    const [mark] = await db.execute<{ w: Date }>(
      sql`SELECT watermark AS w FROM metric_feed_state WHERE feed = 'contacts'`,
    );
    expect(new Date(mark!.w).getTime()).toBe(t.clock.now().getTime());
  });

  it('a sweep stopped by the worker moves its watermark only to where it stopped: the next one does the rest', async () => {
    const db = t.deps.database.db;
    t.clock.set(new Date(Date.now() + 240_000));
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1)
      ids.push(
        await insertTicket(db, { status: 'closed', answer: '答复', createdBy: agentId, createdAt: new Date(BASE) }),
      );
    const at = new Date(t.clock.now().getTime() - 1_000).toISOString();
    await db.execute(sql`UPDATE tickets SET updated_at = ${at} WHERE id = ANY(${pgArray(ids, 'uuid')})`);
    const covered = async () => {
      const [row] = await db.execute<{ n: string }>(sql`
        SELECT count(DISTINCT source_id) AS n FROM metric_facts WHERE source_id = ANY(${pgArray(ids, 'uuid')})`);
      return Number(row!.n);
    };
    const watermark = async () => {
      const [row] = await db.execute<{ w: Date }>(
        sql`SELECT watermark AS w FROM metric_feed_state WHERE feed = 'tickets'`,
      );
      return new Date(row!.w).getTime();
    };
    const stopping = new AbortController();
    stopping.abort();
    await sweepMetricChanges(db, t.clock, stopping.signal, 10);
    expect(await covered()).toBe(0);
    expect(await watermark()).toBeLessThanOrEqual(new Date(at).getTime());
    await sweepMetricChanges(db, t.clock, undefined, 10);
    expect(await covered()).toBe(25);
    expect(await watermark()).toBe(t.clock.now().getTime());
  });

  it('concurrent set-wise refreshes of overlapping slices, with the raw rows changing, neither deadlock nor double count', async () => {
    const db = t.deps.database.db;
    const rand = prng(14);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const at = () => new Date(BASE + Math.floor(rand() * 30 * 24) * H);
    const agent = (await createUser(db, 'agent')).id;
    const depts = [(await createDepartment(db)).id, (await createDepartment(db)).id];
    const tickets: { id: string; round: { id: string; dept: string } | null; callbacks: string[] }[] = [];
    for (let i = 0; i < 60; i += 1)
      tickets.push({
        id: await insertTicket(db, { status: 'closed', answer: '答复', createdBy: agent, createdAt: at() }),
        round: null,
        callbacks: [],
      });
    const ids = tickets.map((x) => x.id);
    for (let wave = 0; wave < 4; wave += 1) {
      // Change a third of the tickets, then refresh all of them four ways at once — slices of 7 in different orders,
      // two slices in flight each — while single-ticket refreshes (a ruling's path) run in their own transactions.
      for (const ticket of tickets.filter(() => rand() < 0.35)) {
        const dept = pick(depts);
        if (!ticket.round || rand() < 0.3) {
          const dispatchedAt = at();
          ticket.round = {
            id: await insertRound(db, {
              ticketId: ticket.id,
              round: wave + 1,
              departmentId: dept,
              reopened: ticket.round !== null,
              dispatchedAt,
              signDueAt: new Date(dispatchedAt.getTime() + 24 * H),
              signedAt: rand() < 0.5 ? new Date(dispatchedAt.getTime() + 2 * H) : null,
            }),
            dept,
          };
          await updateTicketRaw(db, ticket.id, { status: 'awaiting_callback', currentRound: wave + 1, lead: dept });
        }
        ticket.callbacks.push(
          await insertCallback(db, {
            ticketId: ticket.id,
            at: at(),
            agentId: agent,
            reached: true,
            satisfaction: pick(['satisfied', 'dissatisfied'] as const),
            solved: rand() < 0.5,
          }),
        );
        if (rand() < 0.3)
          await db.execute(sql`
            INSERT INTO rating_rulings (callback_id, unreasonable, reason, ruled_at)
            VALUES (${pick(ticket.callbacks)}, true, '测试认定', now()) ON CONFLICT (callback_id) DO NOTHING`);
      }
      const shuffled = [...ids].sort(() => rand() - 0.5);
      await Promise.all([
        refreshTickets(db, ids, NOW, { perTransaction: 7 }),
        refreshTickets(db, [...ids].reverse(), NOW, { perTransaction: 7 }),
        refreshTickets(db, shuffled, NOW, { perTransaction: 7 }),
        refreshTickets(db, shuffled.slice(5), NOW, { perTransaction: 11, inFlight: 3 }),
        ...shuffled.slice(0, 8).map((id) => db.transaction((tx) => refreshTicketInTransaction(tx, id, NOW))),
      ]);
    }
    // Every source's stored facts are its derived facts exactly once (a refresh that diffed against old facts another
    // was replacing would have left them twice, with the version of once: no later refresh would mend it) ...
    const ctx = await loadFactContext(db, NOW);
    const derived = new Map(
      [...(await loadTicketBundles(db, ids)).values()].map((b) => [
        b.ticket.id,
        deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, ctx).length,
      ]),
    );
    const stored = await db.execute<{ id: string; n: string }>(sql`
      SELECT source_id::text AS id, count(*) AS n FROM metric_facts
      WHERE source_kind = 'ticket' AND source_id = ANY(${pgArray(ids, 'uuid')}) GROUP BY source_id`);
    expect(Object.fromEntries(stored.map((r) => [r.id, Number(r.n)]))).toEqual(
      Object.fromEntries([...derived].filter(([, n]) => n > 0)),
    );
    // ... and the rollups equal the recompute from raw.
    const { expected, actual } = await compare(ids, new Set([agent, ...depts]));
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(actual).toEqual(expected);
  });
});
