import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Inviter } from 'sip.js';
import { sessionState, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import {
  CONSOLE_DIST,
  OUTPUT_DIR,
  ensureConsoleBuilt,
  fillSignInForm,
  launchChromium,
  newTestPage,
} from './browser.js';
import { startTelephonyRig, type TelephonyRig } from './telephony.js';
import { resetRouting } from '../integration/calls-support.js';

/** What a console-with-telephony test file needs: the rig, Chromium, and the waits its tests share. */
export interface TelephonyBrowserKit {
  readonly rig: TelephonyRig;
  readonly browser: Browser;
  baseUrl(): string;
  /** Polls until the probe returns something truthy; on timeout the error carries the proxy's last log lines. */
  until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  /** A test id's text, '' while it is not on the page. */
  text(page: Page, testId: string): Promise<string>;
  /** A page whose console lines go to the file's log. */
  page(name: string): Promise<Page>;
  /** Signs in through the console and waits for the softphone registered on the desk. */
  signInAtDesk(page: Page, username: string, password?: string): Promise<void>;
  /** The agent presses 示闲 and the desk shows ready. */
  goReady(page: Page): Promise<void>;
  /** The scripted caller calls 12345; the desk's softphone rings and the agent answers: the caller's session, up. */
  answerAtDesk(page: Page, caller: ScriptedUa): Promise<Inviter>;
  /** Called after the rig stops (scripted phones to stop). */
  onClose(stop: () => Promise<unknown>): void;
}

/**
 * Starts a private Kamailio + rtpengine + the app serving the built console, and Chromium, for the file; writes what
 * the browser and the proxy said to `test/output/<logName>.log` when the file ends.
 */
export function useTelephonyBrowser(logName: string): TelephonyBrowserKit {
  let rig: TelephonyRig | undefined;
  let browser: Browser | undefined;
  const consoleLines: string[] = [];
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    await resetRouting();
    rig = await startTelephonyRig({ consoleDist: CONSOLE_DIST });
    browser = await launchChromium();
  });
  afterAll(async () => {
    if (rig) writeFileSync(path.join(OUTPUT_DIR, `${logName}.log`), [...consoleLines, ...rig.log].join('\n'));
    for (const stop of closers) await stop().catch(() => {});
    await browser?.close();
    await rig?.close();
    await resetRouting();
  });

  const kit: TelephonyBrowserKit = {
    get rig() {
      if (!rig) throw new Error('the telephony rig is not started');
      return rig;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started');
      return browser;
    },
    baseUrl: () => `http://127.0.0.1:${(kit.rig.t.app.server.address() as { port: number }).port}`,
    async until(what, probe, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}\n${kit.rig.log.slice(-40).join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    text: (page, testId) =>
      page
        .getByTestId(testId)
        .innerText({ timeout: 1000 })
        .catch(() => ''),
    async page(name) {
      const page = await newTestPage(kit.browser, name);
      page.on('console', (m) => consoleLines.push(`[${name}] ${m.text()}`));
      return page;
    },
    async signInAtDesk(page, username, password) {
      await fillSignInForm(page, kit.baseUrl(), username, password);
      await page.getByTestId('agent-desk').waitFor();
      await kit.until('the softphone registered', async () => (await kit.text(page, 'softphone-status')) === '已就绪');
    },
    async goReady(page) {
      await page.getByTestId('agent-go-ready').click();
      await expect
        .poll(() => page.getByTestId('agent-presence').getAttribute('data-state'), { timeout: 5_000 })
        .toBe('ready');
    },
    async answerAtDesk(page, caller) {
      const inviter = await caller.call('12345');
      await kit.until('the softphone ringing', async () => (await kit.text(page, 'softphone-call')) === '来电振铃');
      await page.getByTestId('softphone-answer').click();
      await sessionState(inviter, SessionState.Established);
      return inviter;
    },
    onClose: (stop) => void closers.push(stop),
  };
  return kit;
}
