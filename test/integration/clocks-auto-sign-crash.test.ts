import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, hotlineUser, must } from '../support/ticket-factories.js';
import {
  startOwnRedis,
  startWorkerProcess,
  waitFor,
  type OwnRedis,
  type WorkerProcess,
} from '../support/fault-processes.js';
import { ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';

/**
 * Issue 10.3: auto-sign (自动签收) can never be lost. A burst of 特急 tickets whose sign-for due has passed; the real
 * worker process is killed with SIGKILL while it signs them, and a second one is started. Every ticket ends up signed
 * exactly once: the 到期 stage and the auto-sign commit in one transaction, so a crash between them cannot happen.
 */
const TICKETS = 120;

let t: TestApp;
let redis: OwnRedis;
const workers: WorkerProcess[] = [];
const prefix = `hotline-i10-crash-${process.pid}`;

beforeAll(async () => {
  t = await startTestApp();
  redis = await startOwnRedis();
});

afterAll(async () => {
  for (const w of workers) await w.stop();
  await redis?.stop();
  await t?.close();
});

describe('issue 10.3 — auto-sign survives a worker kill -9', () => {
  it('worker kill -9 in a burst of auto-signs: every overdue ticket is signed, exactly once', async () => {
    const db = t.deps.database.db;
    // Dispatched 16 minutes ago: every 15-minute sign-for clock ran out a minute ago.
    t.clock.set(new Date(Date.now() - 16 * 60_000));
    const agent = await hotlineUser(t.app, db, 'agent');
    const unit = await createUnit(t.app, db);
    const ids: string[] = [];
    for (let i = 0; i < TICKETS; i += 1) {
      const ticket = await createTicket(t.app, agent.cookie, { urgency: 'critical' });
      await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));
      ids.push(ticket.id);
    }
    const autoSigns = async () =>
      db
        .select({ entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(inArray(auditLog.entityId, ids), eq(auditLog.action, 'ticket.auto_sign')));

    const first = startWorkerProcess({ redisUrl: redis.url, redisPrefix: prefix, periodMs: 1_000 });
    workers.push(first);
    // Kill it as soon as the burst is under way.
    const until = Date.now() + 60_000;
    while ((await autoSigns()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await first.kill9();
    const signedAtKill = (await autoSigns()).length;
    expect(signedAtKill, first.output()).toBeGreaterThan(0);

    const second = startWorkerProcess({ redisUrl: redis.url, redisPrefix: prefix, periodMs: 1_000 });
    workers.push(second);
    const statuses = await waitFor(
      () => db.select({ id: tickets.id, status: tickets.status }).from(tickets).where(inArray(tickets.id, ids)),
      (rows) => rows.every((r) => r.status === 'in_progress'),
      150_000,
    );
    expect(
      statuses.filter((r) => r.status !== 'in_progress').length,
      `signed at kill: ${signedAtKill}\n${second.output()}`,
    ).toBe(0);

    // Exactly once: one auto-sign audit row and one handling clock per ticket, starting at the sign-for due.
    const audits = await autoSigns();
    expect(audits).toHaveLength(TICKETS);
    expect(new Set(audits.map((a) => a.entityId)).size).toBe(TICKETS);
    const clocks = await db.select().from(ticketClocks).where(inArray(ticketClocks.ticketId, ids));
    for (const id of ids) {
      const own = clocks.filter((c) => c.ticketId === id);
      const handling = own.filter((c) => c.kind === 'handling');
      const signFor = own.find((c) => c.kind === 'sign_for')!;
      expect(handling).toHaveLength(1);
      expect(handling[0]!.startedAt.toISOString()).toBe(signFor.dueAt.toISOString());
      expect(signFor).toMatchObject({ state: 'breached' });
    }
  }, 300_000);
});
