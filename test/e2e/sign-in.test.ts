import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, fillSignInForm, startConsole } from '../support/browser.js';
import { type TestApp } from '../support/test-app.js';

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

describe('console sign-in in Chromium', () => {
  it('signs the demo agent in to the agent desk, with a live socket connection', async () => {
    const page = await browser.newPage();
    await fillSignInForm(page, baseUrl, 'agent01');
    await page.getByTestId('agent-desk').waitFor();
    expect(new URL(page.url()).pathname).toBe('/desk');
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('connected');
    expect(await page.getByTestId('current-user-name').isVisible()).toBe(true);
    expect(await page.getByTestId('current-user-name').textContent()).toContain('王晓丽');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'agent-desk.png'), fullPage: true });
    await page.close();
  });

  it('signs a department handler in to the department inbox, and keeps them out of the wallboard', async () => {
    const page = await browser.newPage();
    await fillSignInForm(page, baseUrl, 'handler_scjg');
    await page.getByTestId('department-inbox').waitFor();
    expect(new URL(page.url()).pathname).toBe('/department');
    expect(await page.getByTestId('department-inbox').textContent()).toContain('待签收');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'department-inbox.png'), fullPage: true });
    await page.goto(`${baseUrl}/wallboard`);
    await page.getByTestId('department-inbox').waitFor();
    expect(new URL(page.url()).pathname).toBe('/department');
    await page.close();
  });

  it.each([
    ['lead01', '/wallboard', 'wallboard'],
    ['head_scjg', '/department', 'department-inbox'],
    ['kb01', '/knowledge', 'knowledge-home'],
    ['admin', '/admin', 'admin-home'],
  ])('lands %s on their own home %s', async (username, home, testId) => {
    const page = await browser.newPage();
    await fillSignInForm(page, baseUrl, username);
    await page.getByTestId(testId).waitFor();
    expect(new URL(page.url()).pathname).toBe(home);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    await page.close();
  });

  it('shows a Chinese error for a wrong password', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('agent01');
    await page.getByTestId('login-password').fill('Wrong-Password-1');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent(), { timeout: 10_000 })
      .toContain('用户名或密码错误');
    await page.close();
  });
});
