import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_WORKFLOW_POLICY } from '@hotline/shared/domain/workflow-policy';
import { departmentIdByCode } from '../support/clock-fixtures.js';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';
import { act, createTicket, must } from '../support/ticket-factories.js';

/** Issue 9.10 and 9.14 in Chromium: the chase ladder on the ticket page, the workflow policy tab. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('workflow rules in the console (Chromium)', () => {
  it('9.14: an admin edits the workflow policy on its own tab; the server keeps it', async () => {
    const admin = await signIn(t.app, 'admin');
    const page = await newTestPage(browser, 'admin-workflow-policy');
    await signInThroughConsole(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/workflow-policy`);
    await page.getByTestId('admin-workflow-policy').waitFor();
    // The form appears once the policy has loaded.
    await expect.poll(() => page.getByTestId('admin-workflow-policy').textContent()).toContain('每件工单累计延期上限');
    await page.getByTestId('wp-request-by-day-before').click();
    await page.getByTestId('wp-fallback-district').click();
    await page.getByTestId('wp-save').click();
    await page.locator('.el-message-box').waitFor();
    await page.locator('.el-message-box .el-button--primary').click();
    await expect
      .poll(async () => {
        const r = await t.app.inject({ method: 'GET', url: '/api/admin/workflow-policy', headers: asUser(admin) });
        return r.json();
      })
      .toMatchObject({ extension: { requestByDayBefore: true }, dispatch: { fallback: 'district' } });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'admin-workflow-policy.png'), fullPage: true });
    await page.close();
    const reset = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/workflow-policy',
      headers: asUser(admin),
      payload: DEFAULT_WORKFLOW_POLICY,
    });
    expect(reset.statusCode).toBe(200);
  });

  it('9.10: a lead issues a 催办 from the ticket page and sees its number on the ladder', async () => {
    const agent = await signIn(t.app, 'agent01');
    const ticket = await createTicket(t.app, agent);
    const unitId = await departmentIdByCode(t.deps.database.db, 'ZJ');
    await must(act(t.app, agent, ticket.id, 'dispatch', { leadDepartmentId: unitId }));
    const page = await newTestPage(browser, 'ticket-chase-ladder');
    await signInThroughConsole(page, baseUrl, 'lead01');
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('ticket-chase-ladder').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ticket-chase-ladder').textContent()).toContain('暂无催办、督办或通报记录');
    await page.getByTestId('chase-urge').click();
    await page.getByTestId('chase-text').fill('请今日内签收并办理');
    await page.getByTestId('chase-send').click();
    const step = page.getByTestId('chase-step').first();
    await step.waitFor({ timeout: 10_000 });
    const text = (await step.textContent()) ?? '';
    expect(text).toMatch(/催办\s*CB-\d{8}-\d{4}/);
    expect(text).toContain('请今日内签收并办理');
    expect(text).toContain('联络员');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-chase-ladder.png'), fullPage: true });
    await page.close();
  });
});
