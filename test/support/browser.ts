import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
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
