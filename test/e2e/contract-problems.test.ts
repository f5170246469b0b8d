import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';

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

/** The visible error under the form item that holds `testId`. */
function fieldError(page: import('playwright-core').Page, testId: string) {
  return page.locator('.el-form-item', { has: page.getByTestId(testId) }).locator('.el-form-item__error');
}

describe('issue 11: structured validation problems (Chromium)', () => {
  it('answers a 400 with problems: path, code and a Chinese message without the field name', async () => {
    const agent = await signIn(t.app, 'agent01');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: asUser(agent),
      payload: {
        channel: 'phone',
        type: 'complaint',
        urgency: 'normal',
        caller: { name: '张先生', phone: '电话号码' },
        address: '文三路100号',
        content: '噪音扰民',
      },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('validation_failed');
    expect(body.problems).toContainEqual({ path: 'caller.phone', code: 'pattern', message: '格式不正确' });
  });

  it('puts a server validation problem on the right form field', async () => {
    const page = await newTestPage(browser, 'contract-problems');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('ticket-intake-form').waitFor();
    await page.getByTestId('intake-caller-name').fill('张先生');
    await page.getByTestId('intake-caller-phone').fill('13800001234');
    await page.getByTestId('intake-address').fill('示范市西湖区文三路100号');
    await page.getByTestId('intake-content').fill('楼下餐馆油烟扰民（契约测试）');

    // The console's own check passes; the request is changed on the way so that only the server refuses it.
    await page.route('**/api/tickets', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      await route.continue({ postData: JSON.stringify({ ...body, caller: { ...body.caller, phone: '138-abc' } }) });
    });
    await page.getByTestId('intake-submit').click();

    await expect
      .poll(() => fieldError(page, 'intake-caller-phone').textContent(), { timeout: 10_000 })
      .toBe('格式不正确');
    // Only that field: and no toast with the API's field name (「caller.phone」).
    expect(await fieldError(page, 'intake-address').count()).toBe(0);
    expect(await page.locator('.el-message').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('caller.phone');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'contract-problem-on-field.png'), fullPage: true });
    await page.close();
  });

  it('checks the 4000 characters with 事情经过 included before anything is sent', async () => {
    const page = await newTestPage(browser, 'contract-content-limit');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('ticket-intake-form').waitFor();
    let posted = 0;
    await page.route('**/api/tickets', async (route) => {
      if (route.request().method() === 'POST') posted += 1;
      await route.continue();
    });
    await page.getByTestId('intake-caller-name').fill('张先生');
    await page.getByTestId('intake-caller-phone').fill('13800001234');
    await page.getByTestId('intake-address').fill('示范市西湖区文三路100号');
    await page.getByTestId('intake-content').fill('甲'.repeat(3990));
    await page.getByTestId('intake-how').fill('乙'.repeat(30));
    await page.getByTestId('intake-submit').click();
    await expect
      .poll(() => fieldError(page, 'intake-how').textContent(), { timeout: 10_000 })
      .toContain('合计不能超过 4000');
    expect(posted).toBe(0);
    await page.close();
  });
});
