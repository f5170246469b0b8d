import { count, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { IntakeBody } from '@hotline/shared/contracts/tickets';
import type { Db } from '../../server/src/platform/db/client.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import {
  dispatchRounds,
  extensionRequests,
  ticketCallbacks,
  ticketReplies,
} from '../../server/src/modules/dispatch/dispatch.table.js';
import { ticketIdempotencyKeys, tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { createDepartment, createUser } from './factories.js';
import { asUser, signIn } from './test-app.js';

let phoneCounter = 0;

/** A fresh mobile number per call, so duplicate hints of one test never match another's tickets. */
export function uniquePhone(): string {
  phoneCounter += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export function intakeBody(overrides: Partial<IntakeBody> = {}): IntakeBody {
  return {
    channel: 'phone',
    type: 'complaint',
    urgency: 'normal',
    caller: { name: '张三丰', phone: uniquePhone() },
    address: '示范市西湖区文三路100号',
    content: '小区门口餐馆油烟扰民，多次反映未解决',
    ...overrides,
  };
}

/** A unit with a handler and a head, each signed in: what most ticket tests need. */
export async function createUnit(app: FastifyInstance, db: Db) {
  const department = await createDepartment(db);
  const handler = await createUser(db, 'handler', { departmentId: department.id });
  const head = await createUser(db, 'dept_head', { departmentId: department.id });
  return {
    department,
    handler: { ...handler, cookie: await signIn(app, handler.username, handler.password) },
    head: { ...head, cookie: await signIn(app, head.username, head.password) },
  };
}
export type Unit = Awaited<ReturnType<typeof createUnit>>;

export async function hotlineUser(app: FastifyInstance, db: Db, role: 'agent' | 'lead' | 'admin') {
  const user = await createUser(db, role);
  return { ...user, cookie: await signIn(app, user.username, user.password) };
}

export async function createTicket(app: FastifyInstance, cookie: string, overrides: Partial<IntakeBody> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: asUser(cookie),
    payload: intakeBody(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; number: string; status: string };
}

export function act(app: FastifyInstance, cookie: string, ticketId: string, action: string, payload: object = {}) {
  return app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/${action}`, headers: asUser(cookie), payload });
}

/** An action that must succeed; returns the new status. */
export async function must(response: Promise<LightMyRequestResponse>): Promise<string> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { status: string }).status;
}

export async function detail(app: FastifyInstance, cookie: string, ticketId: string) {
  return app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, headers: asUser(cookie) });
}

/** Rows of every ticket table: a refused request must leave all of them as they were. */
export async function rowCounts(db: Db, ticketId?: string) {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  return {
    tickets: await n(db.select({ n: count() }).from(tickets)),
    keys: await n(db.select({ n: count() }).from(ticketIdempotencyKeys)),
    rounds: await n(db.select({ n: count() }).from(dispatchRounds)),
    extensions: await n(db.select({ n: count() }).from(extensionRequests)),
    replies: await n(db.select({ n: count() }).from(ticketReplies)),
    callbacks: await n(db.select({ n: count() }).from(ticketCallbacks)),
    audit: ticketId ? await n(db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, ticketId))) : 0,
  };
}
