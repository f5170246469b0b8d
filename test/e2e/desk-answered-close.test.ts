import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { signIn, type TestApp } from '../support/test-app.js';
import { createTicket, detail } from '../support/ticket-factories.js';

/** Issues 4 and 9.13 on the desk: a consultation answered on the spot carries its 一次告知 notice or the 无匹配事项 mark. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let agentCookie: string;

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
  agentCookie = await signIn(t.app, 'agent01');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const newPage = (name: string) => newTestPage(browser, name, 1000);

async function ticketStatus(ticketId: string): Promise<string> {
  return (await detail(t.app, agentCookie, ticketId)).json().status;
}

describe('closing an on-the-spot answer from the agent desk', () => {
  it('issue 9.13: a consultation cannot be recorded as answered without its notice or the 无匹配事项 mark', async () => {
    const page = await newPage('desk-answered-close');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('agent-desk').waitFor();
    await page.getByTestId('ticket-intake-form').waitFor();

    await page.getByTestId('intake-caller-name').fill('李女士');
    await page.getByTestId('intake-caller-phone').fill('13900001234');
    await page.getByTestId('intake-address').fill('示范市西湖区文三路 200 号');
    await page.getByTestId('intake-content').fill('市民来电咨询无人机航拍备案在哪里办理（浏览器测试）');
    await page.getByTestId('intake-type-consultation').click();
    await page.getByTestId('intake-decision-answered').click();
    await page.getByTestId('intake-answer').fill('已告知向民航管理部门咨询');
    await page.getByTestId('intake-submit').click();
    // No matter chosen and no mark: the form refuses, nothing is recorded.
    await page
      .getByTestId('ticket-intake-form')
      .locator('.el-form-item__error', { hasText: '请先选择事项以生成一次告知单，或勾选“无匹配事项”' })
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'desk-answered-close-refused.png') });

    await page.getByTestId('intake-no-matching-matter').click();
    await page.getByTestId('intake-submit').click();
    const card = page.getByTestId('answered-close-card');
    await card.waitFor({ timeout: 10_000 });
    const message = (await page.getByTestId('answered-close-message').textContent()) ?? '';
    const number = /工单 (\S+) 已直接答复/.exec(message)?.[1];
    expect(number, message).toBeTruthy();
    const [row] = await t.deps.database.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number!));
    const ticketId = row?.id;
    expect(ticketId, `ticket ${number} stored`).toBeTruthy();
    await page.getByTestId('answered-close-submit').click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => ticketStatus(ticketId!), { timeout: 10_000 }).toBe('closed');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'desk-answered-close.png') });
    await page.close();
  });

  it('offers 办结 on the detail page of an answered ticket and closes a help request (求助) without a notice', async () => {
    const ticket = await createTicket(t.app, agentCookie, {
      type: 'help',
      decision: 'answered',
      answer: '已告知最近的应急避难场所位置',
      content: '市民求助查询附近的应急避难场所（浏览器测试）',
    });
    expect(ticket.status).toBe('answered');
    const page = await newPage('detail-answered-close');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('ticket-detail').waitFor();
    await page.getByTestId('action-close').click({ timeout: 10_000 });
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => ticketStatus(ticket.id), { timeout: 10_000 }).toBe('closed');
    await page.close();
  });
});
