import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, hotlineUser, must, rowCounts, type Unit } from '../support/ticket-factories.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';

/**
 * Issue 12 — a ticket action's write statement and its COMMIT leave together (no wait in between). When the write
 * fails inside Postgres, that COMMIT must roll the whole transaction back: no state, round, clock or audit row, the
 * request fails, and the pooled connection is healthy for the next request.
 */
let t: TestApp;
let agent: { cookie: string };
let failing: Unit;
let working: Unit;
const trigger = `fail_round_${process.pid}`;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  failing = await createUnit(t.app, db);
  working = await createUnit(t.app, db);
  // A fault inside the write statement: inserting a round for `failing` raises in Postgres.
  await db.execute(
    sql.raw(`
    create function ${trigger}() returns trigger language plpgsql as $$
    begin
      if new.department_id = '${failing.department.id}' then raise exception 'injected write failure'; end if;
      return new;
    end $$;
    create trigger ${trigger} before insert on dispatch_rounds for each row execute function ${trigger}();`),
  );
});
afterAll(async () => {
  await t.deps.database.db.execute(
    sql.raw(`drop trigger if exists ${trigger} on dispatch_rounds; drop function if exists ${trigger}();`),
  );
  await t.close();
});

describe('a failed write under the pipelined COMMIT', () => {
  it('rolls the action back entirely, answers an error, and leaves the connection usable', async () => {
    const db = t.deps.database.db;
    const ticket = await createTicket(t.app, agent.cookie);
    const before = await rowCounts(db, ticket.id);

    // More failures than the pool has connections: a connection left inside a broken transaction would show.
    for (let i = 0; i < 12; i++) {
      const response = await act(t.app, agent.cookie, ticket.id, 'dispatch', {
        leadDepartmentId: failing.department.id,
      });
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(500);
      expect(response.json().errorId ?? response.json().error).toBeTruthy();
    }
    expect(await rowCounts(db, ticket.id)).toEqual(before);
    const [row] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.status).toBe('pending_dispatch');

    // The same ticket dispatched to a unit that works: the pool's connections are fine.
    expect(
      await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: working.department.id })),
    ).toBe('awaiting_sign');
    const after = await rowCounts(db, ticket.id);
    expect(after.rounds).toBe(before.rounds + 1);
    expect(after.audit).toBeGreaterThan(before.audit);
  });
});
