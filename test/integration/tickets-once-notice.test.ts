import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { IntakeBody } from '@hotline/shared/contracts/tickets';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, detail, must } from '../support/ticket-factories.js';

/**
 * 一次告知 enforcement on the close action (issue 4): a consultation answered on the spot (直接答复) is closed by the
 * agent only once a notice or the "no matching matter" mark is on the ticket.
 */
let t: TestApp;
let agent: string;
let editor: string;

beforeAll(async () => {
  t = await startTestApp();
  [agent, editor] = await Promise.all([signIn(t.app, 'agent01'), signIn(t.app, 'kb01')]);
});
afterAll(async () => {
  await t?.close();
});

const ONCE_NOTICE_REFUSAL =
  '咨询件直接答复办结前，须先向诉求人发送一次告知单；如知识库中没有对应事项，请标记“无匹配事项”';

/**
 * A consultation answered on the spot with neither notice nor mark can no longer be recorded (issue 9.13, see
 * workflow-rules.test.ts); the close guard still protects such tickets recorded before: write one as it was then.
 */
async function answeredOnTheSpot(overrides: Partial<IntakeBody> = {}) {
  const type = overrides.type ?? 'consultation';
  const ticket = await createTicket(t.app, agent, {
    decision: 'answered',
    answer: '已告知办理流程',
    content: '市民来电咨询开饭店需要办理哪些手续',
    ...overrides,
    type: 'help',
  });
  await t.deps.database.db.update(tickets).set({ type }).where(eq(tickets.id, ticket.id));
  return ticket;
}

async function closeAudits(ticketId: string) {
  return t.deps.database.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, ticketId), eq(auditLog.action, 'ticket.close')));
}

async function statusOf(ticketId: string): Promise<string> {
  const response = await detail(t.app, agent, ticketId);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().status;
}

describe('closing a consultation answered on the spot', () => {
  it('refuses without a notice (422, state and audit untouched), closes once the notice is attached', async () => {
    const ticket = await answeredOnTheSpot();
    expect(ticket.status).toBe('answered');
    // The agent's close button is offered on the answered ticket.
    const before = await detail(t.app, agent, ticket.id);
    expect(before.json().allowedActions).toContain('close');

    const refused = await act(t.app, agent, ticket.id, 'close');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'once_notice_required', message: ONCE_NOTICE_REFUSAL });
    expect(await statusOf(ticket.id)).toBe('answered');
    expect(await closeAudits(ticket.id)).toHaveLength(0);

    const search = await t.app.inject({
      method: 'GET',
      url: `/api/knowledge/search?q=${encodeURIComponent('开饭店')}`,
      headers: asUser(agent),
    });
    expect(search.statusCode, search.body).toBe(200);
    const matter = (search.json().items as { matterId: string; situations: { code: string }[] }[]).find(
      (item) => item.situations.length > 0,
    );
    expect(matter, 'the demo KB has a matter for 开饭店').toBeDefined();
    const notice = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/notice`,
      headers: asUser(agent),
      payload: { matterId: matter!.matterId, situationCodes: [matter!.situations[0]!.code] },
    });
    expect(notice.statusCode, notice.body).toBe(200);

    expect(await must(act(t.app, agent, ticket.id, 'close'))).toBe('closed');
    expect(await statusOf(ticket.id)).toBe('closed');
    expect(await closeAudits(ticket.id)).toHaveLength(1);
    const again = await act(t.app, agent, ticket.id, 'close');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('工单已办结，不能重复办结');
  });

  it('closes after the "no matching matter" mark, and the question is on the gap list', async () => {
    const ticket = await answeredOnTheSpot({ content: '市民咨询无人机航拍备案在哪里办理' });
    expect((await act(t.app, agent, ticket.id, 'close')).statusCode).toBe(422);
    const question = `无人机航拍备案在哪里办理（${ticket.number}）`;
    const mark = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/no-matching-matter`,
      headers: asUser(agent),
      payload: { question },
    });
    expect(mark.statusCode, mark.body).toBe(200);

    expect(await must(act(t.app, agent, ticket.id, 'close'))).toBe('closed');
    const gaps = await t.app.inject({ method: 'GET', url: '/api/knowledge/gaps', headers: asUser(editor) });
    expect(gaps.statusCode, gaps.body).toBe(200);
    expect(gaps.json().items.find((g: { ticketId: string }) => g.ticketId === ticket.id)).toMatchObject({
      question,
      source: 'no_matching_matter',
    });
  });

  it('closes a help request (求助) answered on the spot without a notice: the guard covers consultations only', async () => {
    const ticket = await answeredOnTheSpot({ type: 'help', content: '市民求助查询附近的应急避难场所' });
    expect(ticket.status).toBe('answered');
    expect(await must(act(t.app, agent, ticket.id, 'close'))).toBe('closed');
  });

  it('still refuses to close a ticket that was never answered nor called back', async () => {
    const pending = await createTicket(t.app, agent, { type: 'consultation' });
    expect(pending.status).toBe('pending_dispatch');
    const refused = await act(t.app, agent, pending.id, 'close');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^工单.+，不能办结$/);
  });
});
