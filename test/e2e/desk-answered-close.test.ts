import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { signIn, type TestApp } from '../support/test-app.js';
import { createTicket, detail } from '../support/ticket-factories.js';

/** Issue 4 on the desk: a consultation answered on the spot is closed only after its 一次告知 notice was sent. */
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
  it('refuses 办结 until the restaurant bundle notice is sent from the side panel, then closes the ticket', async () => {
    const page = await newPage('desk-answered-close');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('agent-desk').waitFor();
    await page.getByTestId('ticket-intake-form').waitFor();

    await page.getByTestId('intake-caller-name').fill('李女士');
    await page.getByTestId('intake-caller-phone').fill('13900001234');
    await page.getByTestId('intake-address').fill('示范市西湖区文三路 200 号');
    await page.getByTestId('intake-content').fill('市民来电咨询开饭店需要办理哪些手续、带哪些材料（浏览器测试）');
    await page.getByTestId('intake-type-consultation').click();
    await page.getByTestId('intake-decision-answered').click();
    await page.getByTestId('intake-answer').fill('已告知开餐馆一件事的办理流程，并发送一次告知单');
    await page.getByTestId('intake-submit').click();

    const card = page.getByTestId('answered-close-card');
    await card.waitFor({ timeout: 10_000 });
    const message = (await page.getByTestId('answered-close-message').textContent()) ?? '';
    const number = /工单 (\S+) 已直接答复/.exec(message)?.[1];
    expect(number, message).toBeTruthy();
    expect(message).toContain('请发送一次告知单，或标记无匹配事项，然后办结');
    const [row] = await t.deps.database.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number!));
    const ticketId = row?.id;
    expect(ticketId, `ticket ${number} stored`).toBeTruthy();
    expect(await ticketStatus(ticketId!)).toBe('answered');

    // 办结 without the notice: the server's Chinese refusal shows on the card, and the ticket stays answered.
    await page.getByTestId('answered-close-submit').click();
    const refusal = page.getByTestId('answered-close-refusal');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toContain('须先向诉求人发送一次告知单');
    expect(await ticketStatus(ticketId!)).toBe('answered');
    // The fresh intake form for the next call is not painted with validation errors.
    expect(await page.getByTestId('ticket-intake-form').locator('.el-form-item__error').count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'desk-answered-close-refused.png') });

    // The side panel is bound to the answered ticket: search, pick the bundle, preview, attach and send.
    await page.getByTestId('kb-search-input').pressSequentially('开饭店', { delay: 40 });
    const bundle = page.getByTestId('kb-bundle-result').filter({ hasText: '开餐馆一件事' });
    await bundle.waitFor({ timeout: 10_000 });
    await bundle.click();
    await page.getByTestId('kb-preview').click();
    await page.getByTestId('notice-document').waitFor({ timeout: 10_000 });
    await page.getByTestId('kb-attach-send').click();
    await page.getByTestId('kb-attached').waitFor({ timeout: 10_000 });
    // Let the preview drawer slide out so it does not cover the card.
    await page.locator('.el-drawer').waitFor({ state: 'hidden', timeout: 10_000 });

    await page.getByTestId('answered-close-submit').click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => ticketStatus(ticketId!), { timeout: 10_000 }).toBe('closed');
    await page.locator('.el-message--success', { hasText: `工单 ${number} 已办结` }).waitFor({ timeout: 10_000 });
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
