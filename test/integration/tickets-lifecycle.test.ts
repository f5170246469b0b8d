import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, detail, hotlineUser, must, type Unit } from '../support/ticket-factories.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';

let t: TestApp;
let agent: { cookie: string };
let lead: { cookie: string };
let unitA: Unit;
let unitB: Unit;

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

describe('ticket lifecycle through the HTTP API', () => {
  it('intake → dispatch → sign → reply → reply-review → callback satisfied → closed, every step audited', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    expect(ticket.status).toBe('pending_dispatch');
    expect(ticket.number).toMatch(/^\d{8}\d{6}$/);

    expect(await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }))).toBe(
      'awaiting_sign',
    );
    expect(await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'))).toBe('in_progress');
    expect(
      await must(act(t.app, unitA.handler.cookie, ticket.id, 'progress', { note: '已联系诉求人，约定现场查看' })),
    ).toBe('in_progress');
    expect(
      await must(act(t.app, unitA.handler.cookie, ticket.id, 'reply', { content: '已责令餐馆安装油烟净化设备' })),
    ).toBe('replied');
    expect(await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true }))).toBe('awaiting_callback');
    expect(
      await must(
        act(t.app, agent.cookie, ticket.id, 'callback', { reached: true, satisfaction: 'satisfied', solved: true }),
      ),
    ).toBe('closed');

    const view = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(view.status).toBe('closed');
    expect(view.rounds).toHaveLength(1);
    expect(view.rounds[0].signedAt).not.toBeNull();
    expect(view.replies[0].review).toBe('approved');
    expect(view.callbacks[0].satisfaction).toBe('satisfied');
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'dispatch',
      'sign',
      'progress',
      'reply',
      'reply_review',
      'callback',
    ]);
    const kinds = view.clocks.map((c: { kind: string; state: string }) => `${c.kind}:${c.state}`);
    expect(kinds).toEqual(expect.arrayContaining(['sign_for:met', 'handling:met', 'callback:met']));

    const audits = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.action, 'ticket.sign')));
    expect(audits[0]).toMatchObject({ fromState: 'awaiting_sign', toState: 'in_progress' });
  });

  it('return → return-review approved → re-dispatched to another unit; the first unit can no longer act', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    expect(
      await must(
        act(t.app, unitA.handler.cookie, ticket.id, 'return', { reason: 'wrong_area', basis: '该地址属滨江区管辖' }),
      ),
    ).toBe('return_review');
    expect(await must(act(t.app, lead.cookie, ticket.id, 'return-review', { approve: true }))).toBe('pending_dispatch');
    expect(await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitB.department.id }))).toBe(
      'awaiting_sign',
    );
    const refused = await act(t.app, unitA.handler.cookie, ticket.id, 'sign');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('不由本单位承办');
    expect(await must(act(t.app, unitB.handler.cookie, ticket.id, 'sign'))).toBe('in_progress');
    // The returning unit may still open the ticket, but it has left its lists.
    expect((await detail(t.app, unitA.handler.cookie, ticket.id)).statusCode).toBe(200);
    const listOf = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/tickets?limit=200', headers: { cookie } }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await listOf(unitA.handler.cookie)).not.toContain(ticket.id);
    expect(await listOf(unitB.handler.cookie)).toContain(ticket.id);
    const view = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(view.rounds.map((r: { round: number; returnReview: string | null }) => [r.round, r.returnReview])).toEqual([
      [1, 'approved'],
      [2, null],
    ]);
  });

  it('a rejected return sends the ticket back to the unit where it was; a second return of the round is refused', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'));
    await must(
      act(t.app, unitA.handler.cookie, ticket.id, 'return', { reason: 'overlapping_duties', basis: '三定方案' }),
    );
    expect(
      await must(act(t.app, lead.cookie, ticket.id, 'return-review', { approve: false, comment: '属本单位职责' })),
    ).toBe('in_progress');
    const again = await act(t.app, unitA.handler.cookie, ticket.id, 'return', { reason: 'other', basis: '再次退单' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('本轮退单已被驳回，不能再次退单');
  });

  it('a signed-for ticket cannot be signed twice, and a replied one cannot be returned (state machine reasons)', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'));
    const twice = await act(t.app, unitA.handler.cookie, ticket.id, 'sign');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('工单已签收，不能重复签收');
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'reply', { content: '已处理' }));
    const back = await act(t.app, unitA.handler.cookie, ticket.id, 'return', { reason: 'other', basis: 'x' });
    expect(back.statusCode).toBe(409);
    expect(back.json().message).toBe('工单已反馈，不能退单');
  });

  it('after three failed dispatch rounds only a lead may dispatch, and the designated unit may not return', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    for (let i = 0; i < 3; i++) {
      await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
      await must(
        act(t.app, unitA.handler.cookie, ticket.id, 'return', { reason: 'unclear_ownership', basis: `第${i + 1}次` }),
      );
      await must(act(t.app, lead.cookie, ticket.id, 'return-review', { approve: true }));
    }
    const byAgent = await act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitB.department.id });
    expect(byAgent.statusCode).toBe(409);
    expect(byAgent.json().message).toBe('该工单已3次派单失败，须由班长指定承办单位');
    await must(act(t.app, lead.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitB.department.id }));
    const view = (await detail(t.app, unitB.handler.cookie, ticket.id)).json();
    expect(view.allowedActions).toEqual(['sign']);
    const refused = await act(t.app, unitB.handler.cookie, ticket.id, 'return', {
      reason: 'other',
      basis: '不属于本单位',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('该工单为热线指定承办，不能退单');
  });

  it('co-handlers (协办) sign and note progress but only the lead unit replies; the reply stops their clocks', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(
      act(t.app, agent.cookie, ticket.id, 'dispatch', {
        leadDepartmentId: unitA.department.id,
        coDepartmentIds: [unitB.department.id],
      }),
    );
    expect(await must(act(t.app, unitB.handler.cookie, ticket.id, 'sign'))).toBe('awaiting_sign');
    expect(await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'))).toBe('in_progress');
    await must(act(t.app, unitB.handler.cookie, ticket.id, 'progress', { note: '协办意见：已提供执法记录' }));
    const coReply = await act(t.app, unitB.handler.cookie, ticket.id, 'reply', { content: '协办答复' });
    expect(coReply.statusCode).toBe(409);
    expect(coReply.json().message).toBe('协办单位不能反馈，请由主办单位办理');
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'reply', { content: '主办答复' }));
    const view = (await detail(t.app, lead.cookie, ticket.id)).json();
    // Both units' handling clocks exist (so "none running" below is not vacuously true on an empty list).
    expect(view.clocks.filter((c: { kind: string }) => c.kind === 'handling')).toHaveLength(2);
    expect(view.clocks.filter((c: { state: string }) => c.state === 'running')).toEqual([]);
  });

  it('a 重件 reply needs the unit head sign-off before the lead review', async () => {
    const ticket = await createTicket(t.app, agent.cookie, { categories: ['major'] });
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'reply', { content: '已办结' }));
    const early = await act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('重件须先经承办单位负责人审核签发');
    const otherHead = await act(t.app, unitB.head.cookie, ticket.id, 'reply-review', { approve: true });
    expect(otherHead.statusCode).toBe(404);
    expect(await must(act(t.app, unitA.head.cookie, ticket.id, 'reply-review', { approve: true }))).toBe('replied');
    expect(await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true }))).toBe('awaiting_callback');
  });

  it('a rejected reply goes back to the unit with a new handling clock', async () => {
    const ticket = await createTicket(t.app, agent.cookie);
    await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unitA.department.id }));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'sign'));
    await must(act(t.app, unitA.handler.cookie, ticket.id, 'reply', { content: '已处理' }));
    expect(
      await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: false, comment: '答复不完整' })),
    ).toBe('in_progress');
    const view = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(view.dueKind).toBe('handling');
    expect(
      view.clocks.filter((c: { kind: string; state: string }) => c.kind === 'handling' && c.state === 'running'),
    ).toHaveLength(1);
  });
});
