import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, hotlineUser, must } from '../support/ticket-factories.js';
import { beijing, recordingRealtime } from '../support/clock-fixtures.js';
import { createClockService } from '../../server/src/modules/clocks/clocks.service.js';
import { ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';
import { createTicketDomain } from '../../server/src/modules/tickets/tickets.module.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { dispatchRounds } from '../../server/src/modules/dispatch/dispatch.table.js';

/** 自动签收: a sign-for clock that runs out signs the round, wired as in the worker (worker-runtime.ts). */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('sign-for clock at due', () => {
  it('auto-signs the round through the ticket domain, once', async () => {
    const db = t.deps.database.db;
    t.clock.set(beijing('2026-11-23 10:00:00')); // Monday: 1 working day → due Tuesday 23:59:59
    const agent = await hotlineUser(t.app, db, 'agent');
    const unit = await createUnit(t.app, db);
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));

    const realtime = recordingRealtime(t.deps.realtime);
    const clocks = createClockService({ db, clock: t.clock, queues: t.deps.queues, realtime });
    createTicketDomain({ db, clock: t.clock, realtime, clocks });

    const [signFor] = await db
      .select()
      .from(ticketClocks)
      .where(and(eq(ticketClocks.ticketId, ticket.id), eq(ticketClocks.kind, 'sign_for')));
    expect(signFor!.dueAt.toISOString()).toBe(beijing('2026-11-24 23:59:59').toISOString());

    t.clock.set(beijing('2026-11-25 00:00:30'));
    expect((await clocks.stages.fireClockStage(signFor!.id, 'due')).fired).toEqual(['warning', 'due']);
    expect((await clocks.stages.fireClockStage(signFor!.id, 'due')).fired).toEqual([]);

    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.status).toBe('in_progress');
    const [round] = await db.select().from(dispatchRounds).where(eq(dispatchRounds.ticketId, ticket.id));
    expect(round!.signedAt).not.toBeNull();
    expect(round!.signedBy).toBeNull(); // signed by the system
    const kinds = await db.select().from(ticketClocks).where(eq(ticketClocks.ticketId, ticket.id));
    expect(kinds.map((k) => `${k.kind}:${k.state}`)).toEqual(
      expect.arrayContaining(['sign_for:breached', 'handling:running']),
    );
  });
});
