import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { createScriptedUa, sessionState, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import {
  CONSOLE_DIST,
  OUTPUT_DIR,
  ensureConsoleBuilt,
  fillSignInForm,
  launchChromium,
  newTestPage,
} from '../support/browser.js';
import { startTelephonyRig, type TelephonyRig } from '../support/telephony.js';
import { resetRouting } from '../integration/calls-support.js';

/**
 * Issue 13 — the console's softphone in Chromium with a fake microphone, against a real Kamailio + rtpengine:
 * registers, rings on a scripted call, answers (audio through rtpengine), holds, hangs up.
 */
let rig: TelephonyRig;
let browser: Browser;
let caller: ScriptedUa | null = null;
const baseUrl = () => `http://127.0.0.1:${(rig.t.app.server.address() as { port: number }).port}`;

beforeAll(async () => {
  ensureConsoleBuilt();
  await resetRouting();
  rig = await startTelephonyRig({ consoleDist: CONSOLE_DIST });
  browser = await launchChromium();
});

const consoleLines: string[] = [];

afterAll(async () => {
  // What the browser and the proxy said, for review when the test fails.
  if (rig) writeFileSync(path.join(OUTPUT_DIR, 'telephony-softphone.log'), [...consoleLines, ...rig.log].join('\n'));
  await caller?.stop();
  await browser?.close();
  await rig?.close();
  await resetRouting();
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${rig.log.slice(-40).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('softphone in the agent console (issue 13)', () => {
  it('registers, rings on a scripted call, answers with two-way audio, holds, hangs up', async () => {
    const page = await newTestPage(browser, 'telephony-softphone');
    page.on('console', (m) => consoleLines.push(`[browser] ${m.text()}`));
    await fillSignInForm(page, baseUrl(), 'agent01');
    await page.getByTestId('agent-desk').waitFor();
    await until('the softphone registered', async () => (await text(page, 'softphone-status')) === '已就绪');

    await page.getByTestId('agent-go-ready').click();
    await expect
      .poll(() => page.getByTestId('agent-presence').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('ready');

    caller = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: '13800000020' });
    const inviter = await caller.call('12345');
    const callId = inviter.request.callId;
    await until(
      'the softphone ringing',
      async () => (await text(page, 'softphone-call').catch(() => '')) === '来电振铃',
    );

    const pressed = Date.now();
    await page.getByTestId('softphone-answer').click();
    await sessionState(inviter, SessionState.Established).catch((error) => {
      throw new Error(`${error}\n${consoleLines.join('\n')}\n${rig.log.slice(-60).join('\n')}`);
    });
    const answerMs = Date.now() - pressed;
    expect(answerMs).toBeLessThan(3000);
    await until('the call connected', async () => {
      const [row] = await rig.t.deps.database.db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'connected';
    });
    // The browser's fake microphone reaches the caller through rtpengine, and the caller's RTP reaches rtpengine.
    const media = caller.mediaOf(inviter)!;
    const before = media.received;
    await until('audio both ways', async () => media.received > before + 20 && media.sent > 20);
    expect(await text(page, 'softphone-call')).toBe('通话中');

    await page.getByTestId('softphone-hold').click();
    await until('the call held', async () => (await text(page, 'softphone-call')) === '已保持');
    await page.getByTestId('softphone-hold').click();
    await until('the call resumed', async () => (await text(page, 'softphone-call')) === '通话中');

    await page.getByTestId('softphone-hangup').click();
    await sessionState(inviter, SessionState.Terminated);
    await until('the call ended', async () => {
      const [row] = await rig.t.deps.database.db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'ended';
    });
    await until(
      'wrap-up on the desk',
      async () => (await page.getByTestId('agent-presence').getAttribute('data-state')) === 'wrap_up',
    );
  });
});
