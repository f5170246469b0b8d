import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { TEST_ORIGIN } from '../support/env.js';
import { ROLES, type Role } from '@hotline/shared/domain/roles';
import { createUser } from '../support/factories.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import {
  act,
  createTicket,
  createUnit,
  detail,
  hotlineUser,
  intakeBody,
  must,
  rowCounts,
  type Unit,
} from '../support/ticket-factories.js';

let t: TestApp;
let baseUrl: string;
let agent: { cookie: string };
let lead: { cookie: string };
let admin: { cookie: string };
let unitA: Unit;
let unitB: Unit;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  admin = await hotlineUser(t.app, db, 'admin');
  unitA = await createUnit(t.app, db);
  unitB = await createUnit(t.app, db);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await t.close();
});

/** A socket of the given user that records every ticket:changed payload it receives (as raw JSON text). */
async function listen(cookie: string): Promise<string[]> {
  const socket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin: TEST_ORIGIN, cookie },
    reconnection: false,
  });
  sockets.push(socket);
  const payloads: string[] = [];
  socket.on('ticket:changed', (payload: unknown) => payloads.push(JSON.stringify(payload)));
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return payloads;
}

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('confidential tickets and masking', () => {
  it('the caller of a confidential 举报 never reaches the handler: not in the API, not in socket payloads', async () => {
    const handlerPayloads = await listen(unitA.handler.cookie);
    const caller = { name: '李举报', phone: '13912345678' };
    const ticket = await createTicket(t.app, agent.cookie, { type: 'report', caller, content: '某工地夜间违规施工' });
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'));
    await until(() => handlerPayloads.length >= 2);
    expect(handlerPayloads.length).toBeGreaterThanOrEqual(2);

    const responses = [
      await detail(t.app, unitA.handler.cookie, ticket.id),
      await detail(t.app, unitA.head.cookie, ticket.id),
      await t.app.inject({ method: 'GET', url: '/api/tickets', headers: asUser(unitA.handler.cookie) }),
      await t.app.inject({
        method: 'GET',
        url: `/api/tickets?q=${ticket.number}`,
        headers: asUser(unitA.handler.cookie),
      }),
    ];
    // Each response must really show the ticket, or the "not contained" checks below would pass on an error body.
    for (const r of responses) expect(r.statusCode, r.body).toBe(200);
    expect(responses[1]!.json().id).toBe(ticket.id);
    for (const list of responses.slice(2)) {
      expect(list.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    }
    for (const text of [...responses.map((r) => r.body), ...handlerPayloads]) {
      expect(text).not.toContain('李举报');
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('139****5678');
    }
    const view = responses[0]!.json();
    expect(view.confidential).toBe(true);
    expect(view.caller).toEqual({ name: null, phone: null, greenChannel: false, visibility: 'hidden' });

    // The hotline sees the caller in full, and that view is audited.
    const before = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'ticket.view_personal_data')));
    const hotlineView = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(hotlineView.caller).toMatchObject({ ...caller, visibility: 'full' });
    const after = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'ticket.view_personal_data')));
    expect(after.length).toBe(before.length + 1);
  });

  it('an ordinary ticket shows department users a masked caller; lists are masked for everyone', async () => {
    const ticket = await createTicket(t.app, agent.cookie, { caller: { name: '王小明', phone: '13800001234' } });
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    const view = (await detail(t.app, unitA.handler.cookie, ticket.id)).json();
    expect(view.caller).toEqual({ name: '王**', phone: '138****1234', greenChannel: false, visibility: 'masked' });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tickets?q=${ticket.number}`,
      headers: asUser(agent.cookie),
    });
    expect(list.json().items[0].caller.phone).toBe('138****1234');
    // The hotline finds a caller's tickets by phone; a unit cannot search by personal data.
    const byPhone = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/search',
      headers: asUser(agent.cookie),
      payload: { q: '13800001234' },
    });
    expect(byPhone.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    const unitByPhone = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/search',
      headers: asUser(unitA.handler.cookie),
      payload: { q: '13800001234' },
    });
    expect(unitByPhone.json().items).toEqual([]);
  });
});

describe('department scoping', () => {
  it('a handler gets 404 on another unit ticket, for reads and for actions, and never sees it in lists', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    expect((await detail(t.app, unitB.handler.cookie, ticket.id)).statusCode).toBe(404);
    const sign = await act(t.app, unitB.handler.cookie, ticket.id, 'sign');
    expect(sign.statusCode).toBe(404);
    expect(sign.json().message).toBe('工单不存在或无权查看');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/tickets?limit=200',
      headers: asUser(unitB.handler.cookie),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/tickets?limit=200',
      headers: asUser(unitA.handler.cookie),
    });
    expect(own.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
  });

  it('roles: handlers cannot create or dispatch, agents cannot sign, admins read only', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: asUser(unitA.handler.cookie),
      payload: intakeBody(),
    });
    expect(create.statusCode).toBe(403);
    expect(
      (await act(t.app, unitA.handler.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }))
        .statusCode,
    ).toBe(403);
    expect((await act(t.app, agent.cookie, ticket.id, 'sign')).statusCode).toBe(403);
    expect((await act(t.app, admin.cookie, ticket.id, 'close')).statusCode).toBe(403);
    expect((await detail(t.app, admin.cookie, ticket.id)).statusCode).toBe(200);
  });
});

describe('permissions of every ticket route for every role', () => {
  it('answers 403 to every role the route does not name', async () => {
    const db = t.deps.database.db;
    const ticket = await createTicket(t.app, agent.cookie);
    const kb = await createUser(db, 'kb_editor');
    const cookies: Record<Role, string> = {
      agent: agent.cookie,
      lead: lead.cookie,
      admin: admin.cookie,
      handler: unitA.handler.cookie,
      dept_head: unitA.head.cookie,
      kb_editor: await signIn(t.app, kb.username, kb.password),
    };
    const routes: [string, string, Role[]][] = [
      ['POST', '/api/tickets', ['agent', 'lead']],
      ['GET', '/api/tickets', ['agent', 'lead', 'admin', 'handler', 'dept_head']],
      ['POST', '/api/tickets/duplicates', ['agent', 'lead']],
      ['POST', '/api/tickets/search', ['agent', 'lead', 'admin', 'handler', 'dept_head']],
      ['GET', `/api/tickets/${ticket.id}`, ['agent', 'lead', 'admin', 'handler', 'dept_head']],
      ['POST', `/api/tickets/${ticket.id}/dispatch`, ['agent', 'lead']],
      ['POST', `/api/tickets/${ticket.id}/sign`, ['handler']],
      ['POST', `/api/tickets/${ticket.id}/return`, ['handler']],
      ['POST', `/api/tickets/${ticket.id}/return-review`, ['lead']],
      ['POST', `/api/tickets/${ticket.id}/extension`, ['handler']],
      ['POST', `/api/tickets/${ticket.id}/extension-review`, ['lead']],
      ['POST', `/api/tickets/${ticket.id}/progress`, ['handler']],
      ['POST', `/api/tickets/${ticket.id}/reply`, ['handler']],
      ['POST', `/api/tickets/${ticket.id}/reply-review`, ['lead', 'dept_head']],
      ['POST', `/api/tickets/${ticket.id}/callback`, ['agent', 'lead']],
      ['POST', `/api/tickets/${ticket.id}/callback-verdict`, ['lead']],
      ['POST', `/api/tickets/${ticket.id}/chase`, ['lead']],
      ['GET', `/api/tickets/${ticket.id}/chase-ladder`, ['agent', 'lead', 'admin']],
      ['GET', '/api/admin/workflow-policy', ['admin', 'lead']],
      ['PUT', '/api/admin/workflow-policy', ['admin']],
      ['POST', `/api/tickets/${ticket.id}/reopen`, ['lead']],
      ['POST', `/api/tickets/${ticket.id}/merge`, ['agent', 'lead']],
      ['POST', `/api/tickets/${ticket.id}/close`, ['agent', 'lead']],
      ['POST', `/api/tickets/${ticket.id}/supervise`, ['lead']],
      ['POST', `/api/tickets/${ticket.id}/attachments`, ['agent', 'lead']],
      ['GET', '/api/dispatch-catalogue', ['admin', 'lead']],
      ['POST', '/api/dispatch-catalogue', ['admin']],
      ['GET', '/api/dispatch-catalogue/suggest', ['agent', 'lead']],
    ];
    for (const [method, url, allowed] of routes) {
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const r = await t.app.inject({
          method: method as 'GET',
          url,
          headers: asUser(cookies[role]),
          payload: method === 'POST' || method === 'PUT' ? {} : undefined,
        });
        expect(r.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
      const anonymous = await t.app.inject({ method: method as 'GET', url, headers: { origin: TEST_ORIGIN } });
      expect(anonymous.statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
  });
});

describe('bad input: 4xx in Chinese, nothing half-written', () => {
  it('missing fields, over-long strings, wrong enums at intake', async () => {
    const before = await rowCounts(t.deps.database.db);
    const cases: [object, RegExp][] = [
      [{ ...intakeBody(), caller: undefined }, /缺少必填字段「caller」/],
      [{ ...intakeBody(), content: '长'.repeat(4001) }, /过长/],
      [{ ...intakeBody(), type: 'gossip' }, /取值无效/],
      [{ ...intakeBody(), channel: 'letter' }, /来信日期/],
      [{ ...intakeBody(), channel: 'letter', letterDate: '2999-01-01' }, /来信日期不能晚于今天/],
      [{ ...intakeBody(), decision: 'answered' }, /答复内容/],
      [{ ...intakeBody(), decision: 'merged', parentTicketId: '00000000-0000-4000-8000-000000000000' }, /主工单不存在/],
    ];
    for (const [payload, message] of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: asUser(agent.cookie), payload });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    expect(await rowCounts(t.deps.database.db)).toEqual(before);
  });

  it('illegal transitions and bad action bodies leave every row as it was', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    const before = await rowCounts(t.deps.database.db, ticket.id);
    const refusals = [
      [await act(t.app, unitA.handler.cookie, ticket.id, 'sign'), 404],
      [await act(t.app, agent.cookie, ticket.id, 'callback', { reached: false }), 409],
      [await act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true }), 409],
      [await act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: 'not-a-uuid' }), 400],
      [
        await act(t.app, agent.cookie, ticket.id, 'dispatch', {
          leadDepartmentId: '00000000-0000-4000-8000-000000000000',
        }),
        400,
      ],
      [
        await act(t.app, agent.cookie, ticket.id, 'dispatch', {
          leadDepartmentId: unitA.department.id,
          coDepartmentIds: [unitA.department.id],
        }),
        400,
      ],
      [await act(t.app, lead.cookie, ticket.id, 'supervise', { level: 'highest', instruction: 'x' }), 400],
    ] as const;
    for (const [response, status] of refusals) {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(refusals[1][0].json().message).toBe('工单尚未派单，不能回访');
    expect(await rowCounts(t.deps.database.db, ticket.id)).toEqual(before);
  });

  it('an unknown ticket is 404, an unknown queue and a broken cursor are 400', async () => {
    expect((await detail(t.app, agent.cookie, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const queue = await t.app.inject({ method: 'GET', url: '/api/tickets?queue=nope', headers: asUser(lead.cookie) });
    expect(queue.statusCode).toBe(400);
    for (const inherited of ['constructor', 'toString', '__proto__']) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/tickets?queue=${inherited}`,
        headers: asUser(lead.cookie),
      });
      expect(r.statusCode, `${inherited}: ${r.body}`).toBe(400);
    }
    const cursor = await t.app.inject({ method: 'GET', url: '/api/tickets?cursor=xyz', headers: asUser(lead.cookie) });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().message).toContain('分页游标无效');
  });
});

describe('idempotent intake', () => {
  it('200 concurrent intakes with 20 idempotency keys make exactly 20 tickets and no 5xx', async () => {
    const db = t.deps.database.db;
    const before = await rowCounts(db);
    const bodies = Array.from({ length: 20 }, () => intakeBody());
    const prefix = crypto.randomUUID();
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/tickets',
          headers: { ...asUser(agent.cookie), 'idempotency-key': `${prefix}-${i % 20}` },
          payload: bodies[i % 20],
        }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(responses.filter((r) => r.statusCode >= 500)).toHaveLength(0);
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(20);
    const after = await rowCounts(db);
    expect(after.tickets - before.tickets).toBe(20);
    const idsByKey = new Map<number, Set<string>>();
    responses.forEach((r, i) => {
      const set = idsByKey.get(i % 20) ?? new Set<string>();
      set.add(r.json().id);
      idsByKey.set(i % 20, set);
    });
    expect([...idsByKey.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('the same key with a different request is refused', async () => {
    const key = crypto.randomUUID();
    const headers = { ...asUser(agent.cookie), 'idempotency-key': key };
    const first = await t.app.inject({ method: 'POST', url: '/api/tickets', headers, payload: intakeBody() });
    expect(first.statusCode).toBe(201);
    const other = await t.app.inject({ method: 'POST', url: '/api/tickets', headers, payload: intakeBody() });
    expect(other.statusCode).toBe(409);
    expect(other.json().message).toContain('幂等键');
  });
});

describe('letters, duplicates, dispatch catalogue', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

  it('a letter with its scanned image: type by magic bytes, size limit', async () => {
    const ticket = await createTicket(t.app, agent.cookie, { channel: 'letter', letterDate: '2026-11-18' });
    const upload = (fileName: string, content: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/tickets/${ticket.id}/attachments`,
        headers: asUser(agent.cookie),
        payload: { fileName, contentBase64: content.toString('base64') },
      });
    const ok = await upload('来信.png', png);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ mimeType: 'image/png', size: png.length });
    const fake = await upload('virus.png', Buffer.from('MZ this is not an image'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toContain('JPEG、PNG');
    const big = await upload('big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('5 MB');
    const view = (await detail(t.app, agent.cookie, ticket.id)).json();
    expect(view.letterDate).toBe('2026-11-18');
    expect(view.attachments).toHaveLength(1);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/attachments/${ok.json().id}`,
      headers: asUser(agent.cookie),
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(png)).toBe(true);
  });

  it('a scanned letter is personal data: every download audited, never handed to a unit on a 举报', async () => {
    const db = t.deps.database.db;
    const viewsOf = async (ticketId: string) =>
      (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entityId, ticketId), eq(auditLog.action, 'ticket.view_personal_data')))
      ).length;
    const letterWithScan = async (type: 'complaint' | 'report') => {
      const ticket = await createTicket(t.app, agent.cookie, { type, channel: 'letter', letterDate: '2026-11-18' });
      const upload = await t.app.inject({
        method: 'POST',
        url: `/api/tickets/${ticket.id}/attachments`,
        headers: asUser(agent.cookie),
        payload: { fileName: '来信.png', contentBase64: png.toString('base64') },
      });
      expect(upload.statusCode, upload.body).toBe(201);
      await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
      const url = `/api/tickets/${ticket.id}/attachments/${upload.json().id}`;
      return { ticket, url };
    };
    const download = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: asUser(cookie) });

    const ordinary = await letterWithScan('complaint');
    const before = await viewsOf(ordinary.ticket.id);
    expect((await download(agent.cookie, ordinary.url)).statusCode).toBe(200);
    expect((await download(unitA.handler.cookie, ordinary.url)).statusCode).toBe(200);
    expect(await viewsOf(ordinary.ticket.id)).toBe(before + 2);
    expect((await download(unitB.handler.cookie, ordinary.url)).statusCode).toBe(404);

    const report = await letterWithScan('report');
    const refused = await download(unitA.handler.cookie, report.url);
    expect(refused.statusCode).toBe(404);
    expect(refused.rawPayload.equals(png)).toBe(false);
    const unitView = await detail(t.app, unitA.handler.cookie, report.ticket.id);
    expect(unitView.statusCode, unitView.body).toBe(200);
    expect(unitView.json().attachments).toEqual([]);
    expect((await detail(t.app, agent.cookie, report.ticket.id)).json().attachments).toHaveLength(1);
    expect((await download(lead.cookie, report.url)).statusCode).toBe(200);
  });

  it('suggests open tickets with the same phone or address', async () => {
    const first = await createTicket(t.app, agent.cookie, { address: `示范市上城区${crypto.randomUUID()}` });
    const view = (await detail(t.app, agent.cookie, first.id)).json();
    const byPhone = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/duplicates',
      headers: asUser(agent.cookie),
      payload: { phone: view.caller.phone },
    });
    expect(byPhone.json().items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const byAddress = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/duplicates',
      headers: asUser(agent.cookie),
      payload: { address: view.address },
    });
    expect(byAddress.json().items).toHaveLength(1);
  });

  it('an admin edits the dispatch catalogue and the agent gets the suggestion', async () => {
    const keyword = `测试区${crypto.randomUUID().slice(0, 6)}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/dispatch-catalogue',
      headers: asUser(admin.cookie),
      payload: { category: 'utilities', areaKeyword: keyword, departmentId: unitB.department.id, note: '供水' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const byAgent = await t.app.inject({
      method: 'POST',
      url: '/api/dispatch-catalogue',
      headers: asUser(agent.cookie),
      payload: { category: 'utilities', departmentId: unitB.department.id },
    });
    expect(byAgent.statusCode).toBe(403);
    const suggestion = await t.app.inject({
      method: 'GET',
      url: `/api/dispatch-catalogue/suggest?category=utilities&address=${encodeURIComponent(`示范市${keyword}某路`)}`,
      headers: asUser(agent.cookie),
    });
    expect(suggestion.json().items[0].department.id).toBe(unitB.department.id);
    expect(suggestion.json().items[0].reason).toContain(keyword);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/dispatch-catalogue/${created.json().id}`,
      headers: asUser(admin.cookie),
    });
    expect(removed.statusCode).toBe(200);
  });

  it('every ticket route is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of [
      '/api/tickets',
      '/api/tickets/{id}',
      '/api/tickets/duplicates',
      '/api/tickets/search',
      '/api/tickets/{id}/dispatch',
      '/api/tickets/{id}/return-review',
      '/api/tickets/{id}/supervise',
      '/api/public/enquiries',
      '/api/public/enquiries/{number}',
      '/api/dispatch-catalogue/suggest',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
