import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import type { Config } from '../../server/src/config/index.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { startTestApp, type TestApp } from './test-app.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONSOLE_DIST = path.join(ROOT, 'agent-console', 'dist');
/** Screenshots for review land here (ignored by git). */
export const OUTPUT_DIR = path.join(ROOT, 'test', 'output');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the console when its dist is missing or older than its sources, so `npm test` works from a fresh clone. */
export function ensureConsoleBuilt(): void {
  const index = path.join(CONSOLE_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'agent-console', 'src')),
    newestMtime(path.join(ROOT, 'shared', 'src')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build', '-w', '@hotline/agent-console'], { cwd: ROOT, stdio: 'inherit' });
}

/** Debian's Chromium, driven by playwright-core (which never downloads a browser of its own). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

export interface ConsoleUnderTest {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
}

/**
 * The real app serving the built console on a loopback port, plus Debian's Chromium: what every browser test starts
 * from. Close both in afterAll (`browser.close()`, `t.close()`).
 */
export async function startConsole(overrides: Partial<Config> = {}): Promise<ConsoleUnderTest> {
  ensureConsoleBuilt();
  const t = await startTestApp({ consoleDist: CONSOLE_DIST, ...overrides });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return { t, browser, baseUrl };
}

/** Signs in through the console's form, as a person would. */
export async function fillSignInForm(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the form and waits until the console has left /login: the session cookie exists from then on. */
export async function signInThroughConsole(page: Page, baseUrl: string, username: string): Promise<void> {
  await fillSignInForm(page, baseUrl, username);
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 });
}

/** Opens an Element Plus select and picks the option with this text (options live in a teleported dropdown). */
export async function pickOption(page: Page, selectTestId: string, optionText: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click();
}

/**
 * A wide page (agents and department staff work on wide screens; 1440 px shows every column of the ticket tables)
 * that leaves a picture of what the user saw when the current test fails. Call it inside a test.
 */
export async function newTestPage(browser: Browser, failureName: string, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height } });
  onTestFailed(async () => {
    if (!page.isClosed()) await page.screenshot({ path: path.join(OUTPUT_DIR, `${failureName}-failure.png`) });
  });
  return page;
}
