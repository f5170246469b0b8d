import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, fillSignInForm, pickOption, startConsole } from '../support/browser.js';
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

/** Picks an option of an Element Plus select; the dropdown is teleported to <body>, so it is found by its text. */

describe('用户管理 in Chromium', () => {
  it('an admin creates a handler of 市市场监督管理局, who then signs in to 部门待办', async () => {
    const username = `e2e_handler_${Date.now().toString(36)}`;
    const password = 'E2e!Handler-2026';
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillSignInForm(page, baseUrl, 'admin');
    await page.getByTestId('admin-home').waitFor();
    await page.getByTestId('admin-tab-admin-users').click();
    await page.getByTestId('admin-users').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');

    await page.getByTestId('user-add').click();
    await page.getByTestId('user-dialog').waitFor();
    await page.getByTestId('user-form-username').fill(username);
    await page.getByTestId('user-form-display-name').fill('市监经办人');
    await pickOption(page, 'user-form-role', '承办单位经办人');
    await pickOption(page, 'user-form-department', '市市场监督管理局');
    // A weak password: the server's policy message is shown in the dialog and nothing is created.
    await page.getByTestId('user-form-password').fill('weakpass');
    await page.getByTestId('user-form-submit').click();
    await expect.poll(() => page.getByTestId('user-form-problem').textContent()).toContain('密码至少 10 位');

    await page.getByTestId('user-form-password').fill(password);
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId(`user-row-${username}`).waitFor();
    const row = page.getByTestId('user-table').locator('tr', { has: page.getByTestId(`user-row-${username}`) });
    expect(await row.textContent()).toContain('市市场监督管理局');
    expect(await row.textContent()).toContain('承办单位经办人');
    await page.waitForTimeout(500); // let the dialog's closing transition finish before the screenshot
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'admin-users.png'), fullPage: true });

    // The API holds the same account, in the right unit.
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users?q=${username}`,
      headers: asUser(await signIn(t.app, 'admin')),
    });
    expect(list.json().items).toEqual([
      expect.objectContaining({ username, role: 'handler', departmentName: '市市场监督管理局', active: true }),
    ]);

    // The audit log names who created the account instead of showing only a UUID.
    await page.getByTestId('admin-tab-admin-audit').click();
    await page.getByTestId('audit-filter-action').fill('user.create');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('新建用户');
    const auditText = await page.getByTestId('audit-table').textContent();
    expect(auditText).toContain('系统管理员');
    // The account's id is an internal key: offered as a filter (同一对象的记录), never printed (issue 11).
    expect(auditText).not.toContain(list.json().items[0].id);

    const handlerPage = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillSignInForm(handlerPage, baseUrl, username, password);
    await handlerPage.getByTestId('department-inbox').waitFor();
    expect(new URL(handlerPage.url()).pathname).toBe('/department');
    expect(await handlerPage.textContent('body')).toContain('部门待办');
    await handlerPage.close();
    await page.close();
  });
});
