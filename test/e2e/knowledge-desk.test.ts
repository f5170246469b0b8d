import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, fillSignInForm, startConsole } from '../support/browser.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';
import { bundleIdByName, insertTicket } from '../integration/knowledge-support.js';

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

describe('knowledge side panel on the agent desk', () => {
  it('finds the restaurant bundle for 开饭店 as the agent types and previews its 一次告知单', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillSignInForm(page, baseUrl, 'agent01');
    await page.getByTestId('agent-desk').waitFor();
    const panel = page.getByTestId('knowledge-panel');
    await panel.waitFor();

    await page.getByTestId('kb-search-input').pressSequentially('开饭店', { delay: 60 });
    const bundle = page.getByTestId('kb-bundle-result').filter({ hasText: '开餐馆一件事' });
    await bundle.waitFor({ timeout: 10_000 });
    // The synonym 开餐馆 is highlighted in the bundle's name.
    expect(await bundle.locator('mark').first().textContent()).toBe('开餐馆');
    expect(await page.getByTestId('kb-matter-result').count()).toBeGreaterThan(0);

    await page.screenshot({ path: path.join(OUTPUT_DIR, 'knowledge-desk-search.png') });
    await bundle.click();
    await page.getByTestId('kb-preview').click();
    const preview = page.getByTestId('notice-document');
    await preview.waitFor({ timeout: 10_000 });
    expect(await preview.locator('h2').textContent()).toContain('开餐馆一件事 一次告知单');
    expect(await page.getByTestId('notice-part').count()).toBe(5);
    const text = (await preview.textContent()) ?? '';
    for (const section of ['受理条件', '申请材料', '收费标准', '办理时限', '办理地点', '咨询电话']) {
      expect(text).toContain(section);
    }
    expect(await page.getByTestId('kb-sms-segments').locator('li').count()).toBeGreaterThan(1);
    // Let the drawer finish sliding in before the screenshot.
    await expect
      .poll(() => page.locator('.el-drawer').evaluate((el) => Math.round(el.getBoundingClientRect().right)))
      .toBe(1440);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'knowledge-desk-notice-preview.png') });
    await page.close();
  });

  it('shows the citizen the stored notice at its public link, readable on a phone', async () => {
    const agent = await signIn(t.app, 'agent01');
    const ticket = await insertTicket(t.deps.database.db);
    const bundleId = await bundleIdByName(t.deps.database.db, '开餐馆一件事');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/notice`,
      headers: asUser(agent),
      payload: { bundleId },
    });
    expect(response.statusCode, response.body).toBe(200);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}${response.json().publicPath}`);
    await page.getByTestId('notice-document').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('notice-part').count()).toBe(5);
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain('13812345678');
    expect(body).not.toContain('张三');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'knowledge-public-notice-mobile.png'), fullPage: true });

    await page.goto(`${baseUrl}/notice/${'y'.repeat(32)}`);
    await page.getByTestId('public-notice-missing').waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('lets the KB editor open a matter with its situations, materials and review actions', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillSignInForm(page, baseUrl, 'kb01');
    await page.getByTestId('knowledge-home').waitFor();
    const table = page.getByTestId('kb-matter-table');
    await table.locator('.el-table__row').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('kb-matter-filter').fill('普通货物');
    await table.locator('.el-table__row').filter({ hasText: '普通货物运输经营许可' }).first().click();
    await page.getByTestId('kb-matter-edit').waitFor();
    await expect.poll(() => page.getByTestId('kb-situation-editor').count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId('kb-save-draft').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'knowledge-editor-matter.png') });
    await page.close();
  });
});
