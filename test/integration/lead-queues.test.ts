import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkActionResult, TicketDetail, TicketList } from '@hotline/shared/contracts/tickets';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { ticketReplies } from '../../server/src/modules/dispatch/dispatch.table.js';
import { loadExcelJs } from '../../server/src/modules/intelligence/exceljs-loader.js';
import { ticketAttachments } from '../../server/src/modules/tickets/tickets.table.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, detail, hotlineUser, must, type Unit } from '../support/ticket-factories.js';

/**
 * Issue 11, the lead's and the units' side: the reply records its result, 响应 and files (scoped downloads, audited);
 * review subjects in the detail; the 待派单 queue; exact totals; bulk actions; export with masking and audit.
 */
let t: TestApp;
let agent: { cookie: string; id: string };
let lead: { cookie: string; id: string };
let unitA: Unit;
let unitB: Unit;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  unitA = await createUnit(t.app, db);
  unitB = await createUnit(t.app, db);
});
afterAll(async () => {
  await t.close();
});

/** A word no other test's tickets carry, to scope lists and counts to this test's tickets. */
const marker = () => `标记${randomUUID().slice(0, 8)}`;

async function list(cookie: string, query: Record<string, string | number | boolean>): Promise<TicketList> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/tickets/search',
    headers: asUser(cookie),
    payload: query,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TicketList;
}

async function signedAt(unit: Unit, overrides: Parameters<typeof createTicket>[2] = {}, co: Unit[] = []) {
  const ticket = await createTicket(t.app, agent.cookie, overrides);
  await must(
    act(t.app, agent.cookie, ticket.id, 'dispatch', {
      leadDepartmentId: unit.department.id,
      ...(co.length ? { coDepartmentIds: co.map((u) => u.department.id) } : {}),
    }),
  );
  await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
  for (const c of co) await must(act(t.app, c.handler.cookie, ticket.id, 'sign'));
  return ticket;
}

async function audits(entityId: string, action: string) {
  return t.deps.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, `ticket.${action}`)));
}

describe('the reply records its result, 响应 and files', () => {
  it('stores them with the reply; the unit and the hotline see and download the files, a co-unit does not', async () => {
    const ticket = await signedAt(unitA, {}, [unitB]);
    const reply = await act(t.app, unitA.handler.cookie, ticket.id, 'reply', {
      content: '已现场核查并责令整改',
      result: 'resolved',
      contactMethod: 'visit',
      attachments: [{ fileName: '整改通知书.png', contentBase64: PNG.toString('base64') }],
    });
    expect(reply.statusCode, reply.body).toBe(200);

    const byLead = (await detail(t.app, lead.cookie, ticket.id)).json() as TicketDetail;
    const shown = byLead.replies.at(-1)!;
    expect(shown).toMatchObject({ result: 'resolved', contactMethod: 'visit', content: '已现场核查并责令整改' });
    expect(shown.attachments).toEqual([expect.objectContaining({ fileName: '整改通知书.png', mimeType: 'image/png' })]);
    // A reply's file is not a letter scan: the ticket's own attachment list stays empty.
    expect(byLead.attachments).toEqual([]);
    const fileId = shown.attachments[0]!.id;
    const url = `/api/tickets/${ticket.id}/attachments/${fileId}`;

    const own = (await detail(t.app, unitA.head.cookie, ticket.id)).json() as TicketDetail;
    expect(own.replies.at(-1)!.attachments.map((a) => a.id)).toEqual([fileId]);
    const co = (await detail(t.app, unitB.handler.cookie, ticket.id)).json() as TicketDetail;
    expect(co.replies.at(-1)!.attachments).toEqual([]);

    const before = (await audits(ticket.id, 'view_personal_data')).length;
    const leadDownload = await t.app.inject({ method: 'GET', url, headers: asUser(lead.cookie) });
    expect(leadDownload.statusCode).toBe(200);
    expect(leadDownload.rawPayload.equals(PNG)).toBe(true);
    const ownDownload = await t.app.inject({ method: 'GET', url, headers: asUser(unitA.head.cookie) });
    expect(ownDownload.statusCode).toBe(200);
    const coDownload = await t.app.inject({ method: 'GET', url, headers: asUser(unitB.handler.cookie) });
    expect(coDownload.statusCode).toBe(404);
    expect(coDownload.json().message).toMatch(/附件不存在/);
    const after = await audits(ticket.id, 'view_personal_data');
    expect(after.length - before).toBe(2);
    expect(after.some((a) => (a.detail as { attachmentId?: string }).attachmentId === fileId)).toBe(true);

    const replyAudit = (await audits(ticket.id, 'reply'))[0]!;
    expect(replyAudit.detail).toMatchObject({ result: 'resolved', contactMethod: 'visit', attachmentIds: [fileId] });
  });

  it('refuses a file that is not JPEG/PNG/PDF and an unknown result, in Chinese, writing nothing', async () => {
    const ticket = await signedAt(unitA);
    const db = t.deps.database.db;
    const bad = await act(t.app, unitA.handler.cookie, ticket.id, 'reply', {
      content: '已处理',
      result: 'resolved',
      contactMethod: 'phone',
      attachments: [{ fileName: '说明.txt', contentBase64: Buffer.from('纯文本内容').toString('base64') }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('附件「说明.txt」只能是 JPEG、PNG 图片或 PDF 文件');
    const wrongEnum = await act(t.app, unitA.handler.cookie, ticket.id, 'reply', {
      content: '已处理',
      result: 'done',
    });
    expect(wrongEnum.statusCode).toBe(400);
    expect(wrongEnum.json().problems[0].path).toBe('result');
    expect(wrongEnum.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await db.select().from(ticketReplies).where(eq(ticketReplies.ticketId, ticket.id))).toEqual([]);
    expect(await db.select().from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticket.id))).toEqual([]);
    expect((await detail(t.app, lead.cookie, ticket.id)).json().status).toBe('in_progress');
  });
});

describe('review dialogs have their subject in the detail', () => {
  it('shows the days asked and the deadline an approval would give', async () => {
    const ticket = await signedAt(unitA);
    await must(
      act(t.app, unitA.handler.cookie, ticket.id, 'extension', {
        days: 3,
        reason: '需协调多个部门联合执法',
        legalBasis: '《示范市12345热线管理办法》第二十条',
      }),
    );
    const view = (await detail(t.app, lead.cookie, ticket.id)).json() as TicketDetail;
    expect(view.pendingExtension).toMatchObject({
      days: 3,
      reason: '需协调多个部门联合执法',
      legalBasis: '《示范市12345热线管理办法》第二十条',
      departmentName: unitA.department.name,
    });
    const { currentDueAt, newDueAt } = view.pendingExtension!;
    // Three working days later: at least three calendar days, at most three plus a long holiday.
    const days = (Date.parse(newDueAt!) - Date.parse(currentDueAt!)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(2.5);
    expect(days).toBeLessThan(12);
    // The approval gives exactly that deadline.
    await must(act(t.app, lead.cookie, ticket.id, 'extension-review', { approve: true }));
    const after = (await detail(t.app, lead.cookie, ticket.id)).json() as TicketDetail;
    expect(after.pendingExtension).toBeNull();
    expect(after.dueAt).toBe(newDueAt);
  });

  it('shows the return reason and basis on the round under review', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'return', { reason: 'wrong_area', basis: '属于区级职责' }));
    const view = (await detail(t.app, lead.cookie, ticket.id)).json() as TicketDetail;
    expect(view.rounds.at(-1)).toMatchObject({ returnReason: 'wrong_area', returnBasis: '属于区级职责' });
  });
});

describe('待派单 queue and exact totals', () => {
  it('lists web enquiries and letters waiting for dispatch with an exact total on every page', async () => {
    const word = marker();
    const made = [];
    for (let i = 0; i < 3; i += 1) {
      made.push(await createTicket(t.app, agent.cookie, { channel: 'web', address: `${word}路${i}号` }));
    }
    const dispatched = await createTicket(t.app, agent.cookie, { channel: 'web', address: `${word}路9号` });
    await must(act(t.app, agent.cookie, dispatched.id, 'dispatch', { leadDepartmentId: unitA.department.id }));

    const page = await list(lead.cookie, { queue: 'pending_dispatch', q: word, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = await list(lead.cookie, { queue: 'pending_dispatch', q: word, limit: 2, cursor: page.nextCursor! });
    expect(next.total).toBe(3);
    expect([...page.items, ...next.items].map((i) => i.id).sort()).toEqual(made.map((m) => m.id).sort());
    expect((await list(agent.cookie, { queue: 'pending_dispatch', q: word, limit: 1 })).total).toBe(3);
    // A unit's list and count hold only its own tickets.
    expect((await list(unitA.handler.cookie, { q: word })).total).toBe(1);
    expect((await list(unitB.handler.cookie, { q: word })).total).toBe(0);
    expect((await list(unitA.handler.cookie, { queue: 'pending_dispatch', q: word })).total).toBe(0);
  });

  it('counts beyond the 200-row page', async () => {
    const word = marker();
    const db = t.deps.database.db;
    // 205 tickets through the real intake would be slow; copy one real ticket row instead.
    const seed = await createTicket(t.app, agent.cookie, {
      channel: 'letter',
      letterDate: '2026-11-30',
      address: `${word}大街`,
    });
    await db.execute(
      sql`insert into tickets (number, status, channel, type, urgency, categories, title, content, address, caller_name, caller_phone, confidential, created_at, updated_at)
        select number || '-' || g, status, channel, type, urgency, categories, title, content, address, caller_name, caller_phone, confidential, created_at, updated_at
        from tickets, generate_series(1, 204) g where id = ${seed.id}`,
    );
    const page = await list(lead.cookie, { queue: 'pending_dispatch', q: word, limit: 1 });
    expect(page.total).toBe(205);
  });
});

describe('bulk actions', () => {
  async function bulk(cookie: string, payload: object) {
    return t.app.inject({ method: 'POST', url: '/api/tickets/bulk', headers: asUser(cookie), payload });
  }

  it('dispatches each selected ticket through the dispatch service, reporting per-ticket refusals in Chinese', async () => {
    const fresh = [await createTicket(t.app, agent.cookie), await createTicket(t.app, agent.cookie)];
    const already = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, already.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    const missing = randomUUID();
    const response = await bulk(lead.cookie, {
      action: 'dispatch',
      ticketIds: [fresh[0]!.id, already.id, fresh[1]!.id, missing],
      dispatch: { leadDepartmentId: unitB.department.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as BulkActionResult;
    expect(result).toMatchObject({ succeeded: 2, failed: 2 });
    expect(result.results.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(result.results[0]).toMatchObject({ number: fresh[0]!.number, status: 'awaiting_sign', message: null });
    expect(result.results[1]!.number).toBe(already.number);
    expect(result.results[1]!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(result.results[3]).toMatchObject({ number: null, message: '工单不存在或无权查看' });
    for (const f of fresh) {
      expect(await audits(f.id, 'dispatch')).toHaveLength(1);
      expect((await detail(t.app, lead.cookie, f.id)).json().leadDepartment.id).toBe(unitB.department.id);
    }
    expect(await audits(already.id, 'dispatch')).toHaveLength(1);
  });

  it('approves several replies at once; roles and missing decisions are refused in Chinese', async () => {
    const replied = [];
    for (let i = 0; i < 2; i += 1) {
      const ticket = await signedAt(unitA);
      await must(act(t.app, unitA.handler.cookie, ticket.id, 'reply', { content: '已办结', result: 'explained' }));
      replied.push(ticket);
    }
    const asAgent = await bulk(agent.cookie, {
      action: 'reply-review',
      ticketIds: replied.map((r) => r.id),
      review: { approve: true },
    });
    expect(asAgent.statusCode).toBe(403);
    expect(asAgent.json().message).toBe('您的角色不能进行批量审核反馈');
    const asHandler = await bulk(unitA.handler.cookie, {
      action: 'dispatch',
      ticketIds: [replied[0]!.id],
      dispatch: { leadDepartmentId: unitA.department.id },
    });
    expect(asHandler.statusCode).toBe(403);
    const noDecision = await bulk(lead.cookie, { action: 'reply-review', ticketIds: replied.map((r) => r.id) });
    expect(noDecision.statusCode).toBe(400);
    expect(noDecision.json().message).toBe('批量审核须选择同意或不同意');
    const empty = await bulk(lead.cookie, { action: 'reply-review', ticketIds: [], review: { approve: true } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/[\u4e00-\u9fa5]/);

    const ok = await bulk(lead.cookie, {
      action: 'reply-review',
      ticketIds: replied.map((r) => r.id),
      review: { approve: true, comment: '同意' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as BulkActionResult).results.map((r) => r.status)).toEqual([
      'awaiting_callback',
      'awaiting_callback',
    ]);
    for (const r of replied) expect(await audits(r.id, 'reply_review')).toHaveLength(1);
  });

  it('a unit head signs off several 重件 replies of the own unit, never another unit’s', async () => {
    const own = await signedAt(unitA, { categories: ['major'] });
    await must(act(t.app, unitA.handler.cookie, own.id, 'reply', { content: '已处理', result: 'resolved' }));
    const other = await signedAt(unitB, { categories: ['major'] });
    await must(act(t.app, unitB.handler.cookie, other.id, 'reply', { content: '已处理', result: 'resolved' }));
    const response = await bulk(unitA.head.cookie, {
      action: 'reply-review',
      ticketIds: [own.id, other.id],
      review: { approve: true },
    });
    const result = response.json() as BulkActionResult;
    expect(result.results[0]).toMatchObject({ ok: true, status: 'replied' });
    // Another unit's ticket: refused as not found, without its number.
    expect(result.results[1]).toMatchObject({ ok: false, number: null });
  });
});

describe('export', () => {
  async function exported(cookie: string, payload: object) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/tickets/export',
      headers: asUser(cookie),
      payload,
    });
    return response;
  }
  async function sheetRows(buffer: Buffer): Promise<string[][]> {
    const workbook = new (loadExcelJs().Workbook)();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.getWorksheet('工单列表')!.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    return rows;
  }

  it('writes the list masked, withholds confidential callers and 举报, is scoped like the list and audited', async () => {
    const word = marker();
    const plain = await createTicket(t.app, agent.cookie, {
      address: `${word}一号`,
      caller: { name: '王小明', phone: '13912345678' },
    });
    const secret = await createTicket(t.app, agent.cookie, {
      address: `${word}二号`,
      confidential: true,
      caller: { name: '李秘密', phone: '13800001111' },
    });
    const report = await createTicket(t.app, agent.cookie, {
      address: `${word}三号`,
      type: 'report',
      caller: { name: '赵举报', phone: '13700002222' },
    });
    await must(act(t.app, agent.cookie, plain.id, 'dispatch', { leadDepartmentId: unitA.department.id }));

    const response = await exported(lead.cookie, { q: word });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.headers['x-export-count']).toBe('3');
    const rows = await sheetRows(response.rawPayload);
    expect(rows[0]).toContain('联系电话');
    const byNumber = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byNumber.get(plain.number)).toEqual(expect.arrayContaining(['王**', '139****5678', unitA.department.name]));
    for (const hidden of [secret, report]) {
      const row = byNumber.get(hidden.number)!;
      expect(row).toContain('（保密）');
      expect(row.join('|')).not.toMatch(/李秘密|赵举报|13800001111|13700002222|1111|2222/);
    }
    expect(response.rawPayload.toString('latin1')).not.toContain('13912345678');

    const [audit] = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ticket.export'), eq(auditLog.actorId, lead.id)));
    expect(audit!.detail).toMatchObject({ count: 3, filter: { q: '（检索词）' } });
    expect((audit!.detail as { numbers: string[] }).numbers.sort()).toEqual(
      [plain.number, secret.number, report.number].sort(),
    );

    const byUnit = await exported(unitA.handler.cookie, { q: word });
    expect(byUnit.statusCode).toBe(200);
    const unitRows = await sheetRows(byUnit.rawPayload);
    expect(unitRows.slice(1).map((r) => r[0])).toEqual([plain.number]);
    expect((await sheetRows((await exported(unitB.handler.cookie, { q: word })).rawPayload)).length).toBe(1);
  });

  it('refuses a bad filter with a Chinese 400', async () => {
    const unknown = await exported(lead.cookie, { queue: 'everything' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('未知的工作队列「everything」');
    const extra = await exported(lead.cookie, { overdue: 'sometimes' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
