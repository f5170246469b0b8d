import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dispatchRounds } from '../../server/src/modules/dispatch/dispatch.table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, detail, hotlineUser, must, type Unit } from '../support/ticket-factories.js';

let t: TestApp;
let agent: { cookie: string };
let lead: { cookie: string };
let unit: Unit;
const BASIS = '《某市12345热线工单办理规范》第十二条';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  agent = await hotlineUser(t.app, db, 'agent');
  lead = await hotlineUser(t.app, db, 'lead');
  unit = await createUnit(t.app, db);
});
afterAll(async () => {
  await t.close();
});

async function signedTicket(overrides = {}) {
  const ticket = await createTicket(t.app, agent.cookie, overrides);
  await must(act(t.app, agent.cookie, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));
  await must(act(t.app, unit.handler.cookie, ticket.id, 'sign'));
  return ticket;
}

async function awaitingCallback() {
  const ticket = await signedTicket();
  await must(act(t.app, unit.handler.cookie, ticket.id, 'reply', { content: '已处理完毕' }));
  await must(act(t.app, lead.cookie, ticket.id, 'reply-review', { approve: true }));
  return ticket;
}

describe('extensions (延期)', () => {
  it('an approved extension moves the handling due instant and records the new due', async () => {
    const ticket = await signedTicket();
    const before = (await detail(t.app, lead.cookie, ticket.id)).json();
    await must(
      act(t.app, unit.handler.cookie, ticket.id, 'extension', {
        days: 5,
        reason: '需要多部门现场核查',
        legalBasis: BASIS,
      }),
    );
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/tickets?queue=extension_review',
      headers: { cookie: lead.cookie },
    });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    const twice = await act(t.app, unit.handler.cookie, ticket.id, 'extension', {
      days: 1,
      reason: '再申请',
      legalBasis: BASIS,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('已有待审核的延期申请，请等待审核');
    await must(act(t.app, lead.cookie, ticket.id, 'extension-review', { approve: true }));
    const after = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime() + 5 * 24 * 3600_000);
  });

  it('a refused extension leaves the deadline as it was', async () => {
    const ticket = await signedTicket();
    const before = (await detail(t.app, lead.cookie, ticket.id)).json();
    await must(
      act(t.app, unit.handler.cookie, ticket.id, 'extension', { days: 3, reason: '等待检测报告', legalBasis: BASIS }),
    );
    await must(act(t.app, lead.cookie, ticket.id, 'extension-review', { approve: false, comment: '时限充足' }));
    const after = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(after.dueAt).toBe(before.dueAt);
    const none = await act(t.app, lead.cookie, ticket.id, 'extension-review', { approve: true });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toContain('没有待审核的延期申请');
  });

  it('extensions beyond 20 working days in total are refused', async () => {
    const ticket = await signedTicket();
    await must(
      act(t.app, unit.handler.cookie, ticket.id, 'extension', { days: 15, reason: '第一次延期', legalBasis: BASIS }),
    );
    await must(act(t.app, lead.cookie, ticket.id, 'extension-review', { approve: true }));
    const over = await act(t.app, unit.handler.cookie, ticket.id, 'extension', {
      days: 6,
      reason: '第二次延期',
      legalBasis: BASIS,
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toBe('延期累计不能超过20个工作日（已延期15个工作日）');
    const tooMany = await act(t.app, unit.handler.cookie, ticket.id, 'extension', {
      days: 21,
      reason: '一次超限',
      legalBasis: BASIS,
    });
    expect(tooMany.statusCode).toBe(409);
  });

  it('an extension asked for after the deadline is refused', async () => {
    const ticket = await signedTicket();
    // Moving the app clock hours ahead would also expire every session; put the round's deadline behind instead.
    await t.deps.database.db
      .update(dispatchRounds)
      .set({ handlingDueAt: new Date(t.clock.now().getTime() - 60_000) })
      .where(eq(dispatchRounds.ticketId, ticket.id));
    const late = await act(t.app, unit.handler.cookie, ticket.id, 'extension', {
      days: 1,
      reason: '来不及',
      legalBasis: BASIS,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('已超过办理时限，不能申请延期');
  });
});

describe('callback (回访), reopen (重办), merge (并单), supervision (督办)', () => {
  it('dissatisfied, judged the unit fault by a lead → reopened as a new, supervised round', async () => {
    const ticket = await awaitingCallback();
    expect(
      await must(
        act(t.app, agent.cookie, ticket.id, 'callback', {
          reached: true,
          satisfaction: 'dissatisfied',
          solved: false,
          comment: '路灯还是不亮',
        }),
      ),
    ).toBe('awaiting_callback');
    expect(
      await must(act(t.app, lead.cookie, ticket.id, 'callback-verdict', { unitAtFault: true, reason: '未现场维修' })),
    ).toBe('in_progress');
    const view = (await detail(t.app, lead.cookie, ticket.id)).json();
    expect(view.supervised).toBe(true);
    expect(view.rounds.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    expect(view.supervisions).toHaveLength(1);
    const handlerView = (await detail(t.app, unit.handler.cookie, ticket.id)).json();
    expect(handlerView.supervisions[0].instruction).toContain('重办');
    expect(handlerView.allowedActions).toEqual(expect.arrayContaining(['reply', 'progress']));
    expect(handlerView.allowedActions).not.toContain('return');
  });

  it('dissatisfied but judged not the unit fault → closed', async () => {
    const ticket = await awaitingCallback();
    expect(
      await must(
        act(t.app, agent.cookie, ticket.id, 'callback', {
          reached: true,
          satisfaction: 'dissatisfied',
          solved: true,
          comment: '对政策本身不满意',
        }),
      ),
    ).toBe('awaiting_callback');
    expect(
      await must(
        act(t.app, lead.cookie, ticket.id, 'callback-verdict', { unitAtFault: false, reason: '属政策规定，已解释' }),
      ),
    ).toBe('closed');
  });

  it('unreachable three times → closed as unreachable', async () => {
    const ticket = await awaitingCallback();
    expect(await must(act(t.app, agent.cookie, ticket.id, 'callback', { reached: false }))).toBe('awaiting_callback');
    expect(await must(act(t.app, agent.cookie, ticket.id, 'callback', { reached: false }))).toBe('awaiting_callback');
    expect(await must(act(t.app, agent.cookie, ticket.id, 'callback', { reached: false }))).toBe('closed');
    const view = (await detail(t.app, agent.cookie, ticket.id)).json();
    expect(view.callbacks).toHaveLength(3);
  });

  it('a reached callback needs a satisfaction rating', async () => {
    const ticket = await awaitingCallback();
    const r = await act(t.app, agent.cookie, ticket.id, 'callback', { reached: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('满意度');
  });

  it('a lead reopens a closed ticket; agents may not', async () => {
    const ticket = await awaitingCallback();
    await must(act(t.app, lead.cookie, ticket.id, 'close', { reason: '诉求人表示无需回访' }));
    const byAgent = await act(t.app, agent.cookie, ticket.id, 'reopen', { reason: '领导批示' });
    expect(byAgent.statusCode).toBe(403);
    expect(await must(act(t.app, lead.cookie, ticket.id, 'reopen', { reason: '媒体关注，重新办理' }))).toBe(
      'in_progress',
    );
  });

  it('merges a duplicate into an open parent; merging into a closed ticket is refused', async () => {
    const parent = await createTicket(t.app, agent.cookie);
    const child = await createTicket(t.app, agent.cookie);
    expect(await must(act(t.app, agent.cookie, child.id, 'merge', { parentTicketId: parent.id }))).toBe('merged');
    const view = (await detail(t.app, agent.cookie, parent.id)).json();
    expect(view.childTicketIds).toEqual([child.id]);
    expect(view.timeline.map((e: { action: string }) => e.action)).toContain('merge_child');

    const closed = await awaitingCallback();
    await must(
      act(t.app, agent.cookie, closed.id, 'callback', { reached: true, satisfaction: 'satisfied', solved: true }),
    );
    const other = await createTicket(t.app, agent.cookie);
    const refused = await act(t.app, agent.cookie, other.id, 'merge', { parentTicketId: closed.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('主工单已办结或已并单，不能并入');
    const self = await act(t.app, agent.cookie, other.id, 'merge', { parentTicketId: other.id });
    expect(self.statusCode).toBe(400);
  });

  it('intake can merge on the spot (并单) and record the other outcomes', async () => {
    const parent = await createTicket(t.app, agent.cookie);
    const merged = await createTicket(t.app, agent.cookie, { decision: 'merged', parentTicketId: parent.id });
    expect(merged.status).toBe('merged');
    const answered = await createTicket(t.app, agent.cookie, {
      type: 'consultation',
      decision: 'answered',
      answer: '可网上办理',
      noMatchingMatter: true,
    });
    expect(answered.status).toBe('answered');
    const transferred = await createTicket(t.app, agent.cookie, { decision: 'transferred', transferLine: '119' });
    expect(transferred.status).toBe('transferred');
    const rejected = await createTicket(t.app, agent.cookie, { decision: 'rejected', legalRoute: '请向法院提起诉讼' });
    expect(rejected.status).toBe('rejected');
  });

  it('a lead issues a 督办单 visible to the unit; the ticket joins the supervised queue', async () => {
    const ticket = await signedTicket();
    const dueAt = new Date(t.clock.now().getTime() + 3 * 24 * 3600_000).toISOString();
    await must(
      act(t.app, lead.cookie, ticket.id, 'supervise', { level: 'key', instruction: '请三日内办结并报告', dueAt }),
    );
    const byAgent = await act(t.app, agent.cookie, ticket.id, 'supervise', { level: 'key', instruction: 'x' });
    expect(byAgent.statusCode).toBe(403);
    const handlerView = (await detail(t.app, unit.handler.cookie, ticket.id)).json();
    expect(handlerView.supervisions[0]).toMatchObject({ level: 'key', instruction: '请三日内办结并报告' });
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/tickets?queue=supervised',
      headers: { cookie: unit.head.cookie },
    });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
  });
});
