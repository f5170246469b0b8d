import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { CONSOLE_DIST, ensureConsoleBuilt, launchChromium, OUTPUT_DIR } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  t = await startTestApp({ consoleDist: CONSOLE_DIST });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signInThroughConsole(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('console sign-in in Chromium', () => {
  it('signs the demo agent in to the agent desk, with a live socket connection', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, 'agent01');
    await page.getByTestId('agent-desk').waitFor();
    expect(new URL(page.url()).pathname).toBe('/desk');
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('connected');
    await expect(page.getByTestId('current-user-name')).toBeTruthy();
    expect(await page.getByTestId('current-user-name').textContent()).toContain('王晓丽');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'agent-desk.png'), fullPage: true });
    await page.close();
  });

  it('signs a department handler in to the department inbox, and keeps them out of the wallboard', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, 'handler_scjg');
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
    await signInThroughConsole(page, username);
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
