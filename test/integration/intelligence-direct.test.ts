import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { HISTORY_IMPORT_LIMITS } from '@hotline/shared/contracts/intelligence';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import {
  createDispatchModelService,
  loadHistoryExamples,
} from '../../server/src/modules/intelligence/dispatch-model.service.js';
import {
  dispatchModels,
  dispatchSuggestionChoices,
  intelligenceSettings,
} from '../../server/src/modules/intelligence/intelligence.table.js';
import { dispatchRounds } from '../../server/src/modules/dispatch/dispatch.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { createDepartment } from '../support/factories.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createTicket, createUnit, hotlineUser, type Unit } from '../support/ticket-factories.js';

let t: TestApp;
let admin: { cookie: string };
let agent: { cookie: string };
let lead: { cookie: string };
let handlerUnit: Unit;
const unit: Record<string, { id: string; code: string; name: string }> = {};

/** This file's history only (the database is shared with the other files): 3 units × 40 tickets. */
function fixtureCsv(): string {
  const lines = ['received_at,type,urgency,address,content,unit'];
  const templates: [string, string[]][] = [
    [unit.drone!.code, ['小区上空无人机航拍扰民', '有人放飞无人机在学校上空盘旋', '无人机夜间航拍拍到住户窗户']],
    [unit.food!.code, ['饭店卖过期食品', '超市食品标签不全', '餐馆后厨卫生很差有老鼠']],
    [unit.water!.code, ['家里停水一整天', '路边水管爆裂在冒水', '自来水发黄有异味']],
  ];
  let hour = 0;
  for (let round = 0; round < 40; round++) {
    for (const [code, texts] of templates) {
      const when = new Date(Date.UTC(2025, 2, 1) + hour++ * 3_600_000 + 8 * 3_600_000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
      lines.push(
        `${when},投诉,一般,某区某路${round + 1}号,市民反映${texts[round % 3]}，第${(round % 4) + 1}次,${code}`,
      );
    }
  }
  return lines.join('\n');
}

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: asUser(cookie) });
const send = (cookie: string, method: 'POST' | 'PUT', url: string, payload: object) =>
  t.app.inject({ method, url, headers: asUser(cookie), payload });

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  admin = await hotlineUser(t.app, db, 'admin');
  agent = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  handlerUnit = await createUnit(t.app, db);
  const suffix = Date.now().toString(36);
  unit.drone = await createDepartment(db, { name: `市低空飞行管理办${suffix}` });
  unit.food = await createDepartment(db, { name: `市餐饮安全办${suffix}` });
  unit.water = await createDepartment(db, { name: `市自来水公司${suffix}`, kind: 'public_enterprise' });
  await db.delete(dispatchModels);
  await db.delete(intelligenceSettings);
  const imported = await t.app.inject({
    method: 'POST',
    url: '/api/admin/history/import',
    headers: { ...asUser(admin.cookie), 'content-type': 'text/csv' },
    payload: fixtureCsv(),
  });
  expect(imported.json()).toMatchObject({ imported: 120, rejected: [] });
  const own = new Set(Object.values(unit).map((u) => u.id));
  const trainer = createDispatchModelService({
    db,
    clock: t.clock,
    loadHistory: async () => (await loadHistoryExamples(db)).filter((e) => own.has(e.departmentId)),
  });
  expect((await trainer.train()).state).toBe('ready');
});
afterAll(async () => {
  await t.deps.database.db.delete(intelligenceSettings);
  await t.close();
});

describe('issue 15 直派 (direct dispatch)', () => {
  it('is off by default; only admins read and change the policy; bad settings are 400 in Chinese', async () => {
    const initial = await get(admin.cookie, '/api/admin/intelligence/settings');
    expect(initial.json()).toEqual({ directDispatch: { enabled: false, threshold: 0.9, departmentIds: [] } });
    for (const cookie of [agent.cookie, lead.cookie, handlerUnit.handler.cookie]) {
      expect((await get(cookie, '/api/admin/intelligence/settings')).statusCode).toBe(403);
      const put = await send(cookie, 'PUT', '/api/admin/intelligence/settings', {
        directDispatch: { enabled: true, threshold: 0.6, departmentIds: [] },
      });
      expect(put.statusCode).toBe(403);
    }
    const tooLow = await send(admin.cookie, 'PUT', '/api/admin/intelligence/settings', {
      directDispatch: { enabled: true, threshold: 0.1, departmentIds: [] },
    });
    expect(tooLow.statusCode).toBe(400);
    expect(tooLow.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const unknown = await send(admin.cookie, 'PUT', '/api/admin/intelligence/settings', {
      directDispatch: { enabled: true, threshold: 0.6, departmentIds: ['00000000-0000-4000-8000-00000000abcd'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('直派单位');

    // Off: the suggestion offers no 直派 and a 直派 request is refused with the reason.
    const ticket = await createTicket(t.app, agent.cookie, {
      content: '楼顶总有无人机飞来飞去航拍',
      address: '某区某路9号',
    });
    const suggestion = await send(agent.cookie, 'POST', '/api/dispatch/suggestions', {
      content: '楼顶总有无人机飞来飞去航拍',
    });
    expect(suggestion.json().directDispatch).toBeNull();
    const refused = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/direct-dispatch`, {
      modelVersion: null,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('直派未开启');
  });

  it('dispatches in one click above the threshold to a unit that accepts it, audited with version and confidence', async () => {
    const db = t.deps.database.db;
    const saved = await send(admin.cookie, 'PUT', '/api/admin/intelligence/settings', {
      directDispatch: { enabled: true, threshold: 0.5, departmentIds: [unit.drone!.id] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const [settingsAudit] = await db.select().from(auditLog).where(eq(auditLog.action, 'intelligence.settings_update'));
    expect(settingsAudit).toBeDefined();

    const content = '小区上空有无人机航拍扰民，拍到住户窗户';
    const suggestion = (await send(lead.cookie, 'POST', '/api/dispatch/suggestions', { content })).json();
    expect(suggestion.items[0].department.id).toBe(unit.drone!.id);
    expect(suggestion.directDispatch).toMatchObject({ departmentId: unit.drone!.id, threshold: 0.5 });

    const ticket = await createTicket(t.app, agent.cookie, { content, address: '某区某路3号' });
    // A suggestion from another model version than the one answering now: the agent is asked to look again.
    const stale = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/direct-dispatch`, {
      modelVersion: suggestion.modelVersion + 1,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'model_changed' });
    const direct = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/direct-dispatch`, {
      modelVersion: suggestion.modelVersion,
    });
    expect(direct.statusCode, direct.body).toBe(200);
    const body = direct.json();
    expect(body).toMatchObject({ id: ticket.id, modelVersion: suggestion.modelVersion });
    expect(body.department.id).toBe(unit.drone!.id);
    expect(body.confidence).toBeGreaterThanOrEqual(0.5);
    expect(body.status).not.toBe(ticket.status);
    expect(body.status).toBe('awaiting_sign');

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dispatch.direct'), eq(auditLog.entityId, ticket.id)));
    expect(audit!.detail).toMatchObject({
      modelVersion: suggestion.modelVersion,
      confidence: body.confidence,
      departmentId: unit.drone!.id,
    });
    const [choice] = await db
      .select()
      .from(dispatchSuggestionChoices)
      .where(eq(dispatchSuggestionChoices.ticketId, ticket.id));
    expect(choice).toMatchObject({ direct: true, tookTop1: true, chosenDepartmentId: unit.drone!.id });

    // One transaction: the dispatch's audit row, the 直派 audit row and the 直派 record were written by the same
    // transaction (Postgres stamps every row with its inserting transaction's id, xmin).
    const writers = await db.execute<{ what: string; txid: string }>(sql`
      select action as what, xmin::text as txid from audit_log
       where entity_id = ${ticket.id} and action in ('ticket.dispatch', 'dispatch.direct')
      union all
      select 'choice', xmin::text from dispatch_suggestion_choices where ticket_id = ${ticket.id}`);
    expect([...writers].map((w) => w.what).sort()).toEqual(['choice', 'dispatch.direct', 'ticket.dispatch']);
    expect(new Set([...writers].map((w) => w.txid)).size).toBe(1);

    // The same ticket cannot be dispatched twice by 直派 (the ordinary state machine refuses), and the refusal writes
    // no second 直派 record.
    const again = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/direct-dispatch`, { modelVersion: 1 });
    expect(again.statusCode).toBe(409);
    const directAudits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dispatch.direct'), eq(auditLog.entityId, ticket.id)));
    expect(directAudits).toHaveLength(1);
  });

  it('commits nothing when the 直派 record cannot be written: no dispatch without its 直派 audit', async () => {
    const db = t.deps.database.db;
    await send(admin.cookie, 'PUT', '/api/admin/intelligence/settings', {
      directDispatch: { enabled: true, threshold: 0.5, departmentIds: [unit.drone!.id] },
    });
    const ticket = await createTicket(t.app, agent.cookie, {
      content: '有人放飞无人机在学校上空盘旋',
      address: '某区某路12号',
    });
    // A failure forced in the 直派 record's write, for this ticket only.
    const fn = sql.raw(`test_refuse_choice_${Date.now().toString(36)}`);
    await db.execute(sql`create function ${fn}() returns trigger language plpgsql as
      $$ begin raise exception 'forced failure of the 直派 record'; end $$`);
    await db.execute(sql`create trigger ${fn} before insert on dispatch_suggestion_choices for each row
      when (new.ticket_id = ${sql.raw(`'${ticket.id}'::uuid`)}) execute function ${fn}()`);
    try {
      const failed = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/direct-dispatch`, {
        modelVersion: null,
      });
      expect(failed.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await db.execute(sql`drop trigger ${fn} on dispatch_suggestion_choices`);
      await db.execute(sql`drop function ${fn}()`);
    }
    const [after] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(after!.status).toBe(ticket.status);
    expect(await db.select().from(dispatchRounds).where(eq(dispatchRounds.ticketId, ticket.id))).toHaveLength(0);
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), inArray(auditLog.action, ['ticket.dispatch', 'dispatch.direct'])));
    expect(audits).toEqual([]);

    // Without the forced failure the same 直派 goes through.
    const ok = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/direct-dispatch`, { modelVersion: null });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses a unit that has not opted in, a confidence below the threshold, and department users', async () => {
    await send(admin.cookie, 'PUT', '/api/admin/intelligence/settings', {
      directDispatch: { enabled: true, threshold: 0.5, departmentIds: [unit.drone!.id] },
    });
    const water = await createTicket(t.app, agent.cookie, {
      content: '家里停水一整天，自来水发黄',
      address: '某区某路5号',
    });
    const notOptedIn = await send(agent.cookie, 'POST', `/api/tickets/${water.id}/direct-dispatch`, {
      modelVersion: null,
    });
    expect(notOptedIn.statusCode).toBe(409);
    expect(notOptedIn.json().message).toContain('未开通直派');

    await send(admin.cookie, 'PUT', '/api/admin/intelligence/settings', {
      directDispatch: { enabled: true, threshold: 0.999, departmentIds: [unit.drone!.id, unit.water!.id] },
    });
    const unsure = await createTicket(t.app, agent.cookie, { content: '无人机和停水都有', address: '某区某路6号' });
    const low = await send(agent.cookie, 'POST', `/api/tickets/${unsure.id}/direct-dispatch`, { modelVersion: null });
    expect(low.statusCode).toBe(409);
    expect(low.json().message).toContain('低于直派阈值');

    const asHandler = await send(handlerUnit.handler.cookie, 'POST', `/api/tickets/${unsure.id}/direct-dispatch`, {
      modelVersion: null,
    });
    expect([403, 404]).toContain(asHandler.statusCode);
  });
});

describe('issue 15 采纳率 report', () => {
  it('counts the rank taken, overrides, and 直派 beside manual dispatch; admins and leads only', async () => {
    const before = (await get(admin.cookie, '/api/intelligence/suggestion-acceptance')).json();
    const suggestion = (
      await send(agent.cookie, 'POST', '/api/dispatch/suggestions', { content: '饭店卖过期食品，后厨有老鼠' })
    ).json();
    const ids = suggestion.items.map((i: { department: { id: string } }) => i.department.id) as string[];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const ticket = await createTicket(t.app, agent.cookie, { content: '饭店卖过期食品，后厨有老鼠' });
    const record = (chosen: string) =>
      send(agent.cookie, 'POST', '/api/dispatch/suggestion-choices', {
        ticketId: ticket.id,
        modelVersion: suggestion.modelVersion,
        suggestedDepartmentIds: ids,
        suggestedConfidences: suggestion.items.map((i: { confidence: number }) => i.confidence),
        chosenDepartmentId: chosen,
      });
    expect((await record(ids[1]!)).statusCode).toBe(200); // took the 2nd
    expect((await record(handlerUnit.department.id)).statusCode).toBe(200); // overridden

    const report = await get(lead.cookie, '/api/intelligence/suggestion-acceptance');
    expect(report.statusCode, report.body).toBe(200);
    const after = report.json();
    expect(after.choices).toBe(before.choices + 2);
    expect(after.byRank[1]).toBe(before.byRank[1] + 1);
    expect(after.overridden).toBe(before.overridden + 1);
    expect(after.direct.dispatched).toBeGreaterThanOrEqual(1);
    expect(after.manual.dispatched).toBe(before.manual.dispatched + 2);
    expect(after.top1Rate).toBeLessThan(1);
    const [second] = await t.deps.database.db
      .select({ confidence: dispatchSuggestionChoices.confidence })
      .from(dispatchSuggestionChoices)
      .where(
        and(
          eq(dispatchSuggestionChoices.ticketId, ticket.id),
          eq(dispatchSuggestionChoices.chosenDepartmentId, ids[1]!),
        ),
      );
    expect(second!.confidence).toBeCloseTo(suggestion.items[1].confidence, 3);

    for (const cookie of [agent.cookie, handlerUnit.handler.cookie]) {
      expect((await get(cookie, '/api/intelligence/suggestion-acceptance')).statusCode).toBe(403);
    }
  });
});

describe("issue 15 the agent's choice sent with the dispatch (intake form, dispatch dialog)", () => {
  it('records the rank taken with the dispatch, in its transaction; a refused dispatch records nothing', async () => {
    const db = t.deps.database.db;
    const content = '自来水发黄有异味，家里停水一整天';
    const suggestion = (await send(agent.cookie, 'POST', '/api/dispatch/suggestions', { content })).json();
    const ids = suggestion.items.map((i: { department: { id: string } }) => i.department.id) as string[];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const shown = {
      modelVersion: suggestion.modelVersion,
      suggestedDepartmentIds: ids,
      suggestedConfidences: suggestion.items.map((i: { confidence: number }) => i.confidence),
    };
    const ticket = await createTicket(t.app, agent.cookie, { content, address: '某区某路21号' });
    const choicesOf = (ticketId: string) =>
      db.select().from(dispatchSuggestionChoices).where(eq(dispatchSuggestionChoices.ticketId, ticketId));

    // Refused (an unknown unit): no dispatch, no choice.
    const refused = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/dispatch`, {
      leadDepartmentId: '00000000-0000-4000-8000-00000000abcd',
      suggestions: shown,
    });
    expect(refused.statusCode).toBe(400);
    expect(await choicesOf(ticket.id)).toEqual([]);
    // Bad input in the suggestions is a 400, not a 5xx.
    const bad = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/dispatch`, {
      leadDepartmentId: ids[1],
      suggestions: { ...shown, suggestedConfidences: [2] },
    });
    expect(bad.statusCode).toBe(400);

    const dispatched = await send(agent.cookie, 'POST', `/api/tickets/${ticket.id}/dispatch`, {
      leadDepartmentId: ids[1],
      suggestions: shown,
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const [choice, ...more] = await choicesOf(ticket.id);
    expect(more).toEqual([]);
    expect(choice).toMatchObject({
      modelVersion: suggestion.modelVersion,
      chosenDepartmentId: ids[1],
      tookTop1: false,
      tookAny: true,
      direct: false,
      suggestedDepartmentIds: ids,
    });
    expect(choice!.confidence).toBeCloseTo(suggestion.items[1].confidence, 3);
    const writers = await db.execute<{ txid: string; action: string; detail: { rank: number } | null }>(sql`
      select xmin::text as txid, action, detail from audit_log
       where entity_id = ${ticket.id} and action in ('ticket.dispatch', 'dispatch.suggestion_choice')
      union all
      select xmin::text, 'choice', null from dispatch_suggestion_choices where ticket_id = ${ticket.id}`);
    expect([...writers].map((w) => w.action).sort()).toEqual([
      'choice',
      'dispatch.suggestion_choice',
      'ticket.dispatch',
    ]);
    expect(new Set([...writers].map((w) => w.txid)).size).toBe(1);
    expect([...writers].find((w) => w.action === 'dispatch.suggestion_choice')!.detail).toMatchObject({ rank: 2 });
  });
});

describe('issue 15 history import progress and upload cap', () => {
  it('reports rows read, imported and refused for an import the console named, and 404 for an unknown one', async () => {
    const importId = crypto.randomUUID();
    const csv = ['received_at,type,urgency,address,content,unit'];
    for (let i = 0; i < 1200; i++) {
      csv.push(
        `2025-04-01 10:00,投诉,一般,某路${i}号,停水第${i}天,${i % 100 === 0 ? '不存在的单位' : unit.water!.code}`,
      );
    }
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/admin/history/import?importId=${importId}`,
      headers: { ...asUser(admin.cookie), 'content-type': 'text/csv' },
      payload: csv.join('\n'),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ imported: 1188, rejectedCount: 12 });
    const progress = await get(admin.cookie, `/api/admin/history/imports/${importId}`);
    expect(progress.json()).toEqual({ importId, rowsRead: 1200, imported: 1188, rejected: 12, finished: true });
    expect((await get(agent.cookie, `/api/admin/history/imports/${importId}`)).statusCode).toBe(403);
    const unknown = await get(admin.cookie, `/api/admin/history/imports/${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    // The same id again is refused (it names another import).
    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/admin/history/import?importId=${importId}`,
      headers: { ...asUser(admin.cookie), 'content-type': 'text/csv' },
      payload: csv.slice(0, 2).join('\n'),
    });
    expect(reused.statusCode).toBe(409);
  });

  it('refuses an upload announced over the shared cap with 413 and a Chinese message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/admin/history/import',
      headers: {
        ...asUser(admin.cookie),
        'content-type': 'text/csv',
        'content-length': String(HISTORY_IMPORT_LIMITS.fileMaxBytes + 1),
      },
      payload: 'received_at,type,urgency,address,content,unit\n',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/上限|过大/);
  });
});
