import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { OUTPUT_DIR, fillSignInForm, startConsole } from '../support/browser.js';
import { type TestApp } from '../support/test-app.js';
import { newCallId, resetRouting, telephonyEvent } from '../integration/calls-support.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  await resetRouting();
  ({ t, browser, baseUrl } = await startConsole());
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  // Leave nothing queued or ready for the next file's boot-time rebuild.
  await resetRouting();
});

async function signInAs(username: string, landing: string): Promise<Page> {
  // A context per user: each page has its own session cookie.
  const context = await browser.newContext();
  const page = await context.newPage();
  await fillSignInForm(page, baseUrl, username);
  await page.getByTestId(landing).waitFor();
  await expect
    .poll(() => page.getByTestId('connection-state').getAttribute('data-state'), { timeout: 10_000 })
    .toBe('connected');
  return page;
}

async function goReady(page: Page) {
  await page.getByTestId('agent-go-ready').click();
  await expect
    .poll(() => page.getByTestId('agent-presence').getAttribute('data-state'), { timeout: 5_000 })
    .toBe('ready');
}

describe('agent desk and wallboard in Chromium', () => {
  it('offers a call to the longest-idle of two ready agents, and the lead sees it on the wallboard', async () => {
    const first = await signInAs('agent01', 'agent-desk');
    const second = await signInAs('agent02', 'agent-desk');
    const lead = await signInAs('lead01', 'wallboard');
    await lead.getByTestId('wallboard-queues').waitFor();

    await goReady(first);
    t.clock.advance(10_000);
    await goReady(second);

    const callId = newCallId();
    const delivered = await telephonyEvent(t.app, {
      type: 'delivered',
      callId,
      callerNumber: '13855556666',
      ivrDigits: '9',
    });
    const contactId = delivered.json().contactId as string;

    // The longest-idle agent (agent01, ready 10 s earlier) rings, with the masked number and the green channel.
    await first.getByTestId('call-offer').waitFor({ timeout: 10_000 });
    expect(await first.getByTestId('call-offer-caller').textContent()).toContain('138****6666');
    expect(await first.getByTestId('call-offer').textContent()).toContain('绿色通道');
    expect(await first.getByTestId('agent-presence').getAttribute('data-state')).toBe('ringing');
    expect(await second.getByTestId('call-offer').count()).toBe(0);
    expect(await second.getByTestId('agent-presence').getAttribute('data-state')).toBe('ready');

    // The wallboard (pushed over the socket, no reload) shows the ringing contact at 王晓丽.
    await expect
      .poll(() => lead.getByTestId(`wallboard-contact-agent-${contactId}`).textContent(), { timeout: 5_000 })
      .toContain('王晓丽');
    expect(await lead.getByTestId(`wallboard-contact-state-${contactId}`).textContent()).toContain('振铃中');
    await lead.screenshot({ path: path.join(OUTPUT_DIR, 'wallboard.png'), fullPage: true });

    await first.getByTestId('call-accept').click();
    await expect
      .poll(() => first.getByTestId('call-offer').getAttribute('data-contact-state'), { timeout: 5_000 })
      .toBe('connected');
    await expect
      .poll(() => lead.getByTestId(`wallboard-contact-state-${contactId}`).textContent(), { timeout: 5_000 })
      .toContain('通话中');
    await first.screenshot({ path: path.join(OUTPUT_DIR, 'agent-desk-call.png'), fullPage: true });

    // 受理建单 from the call: the caller is prefilled and the created ticket records the call it came from.
    await first.getByTestId('call-intake').click();
    await expect
      .poll(() => first.getByTestId('intake-caller-phone').inputValue(), { timeout: 5_000 })
      .toBe('13855556666');
    await first.getByTestId('intake-caller-name').fill('刘女士');
    await first.getByTestId('intake-address').fill('示范市西湖区文三路100号');
    await first.getByTestId('intake-content').fill('小区路灯损坏多日无人修理');
    await first.getByTestId('intake-submit').click();
    const created = first.getByTestId('intake-created');
    await created.waitFor({ timeout: 15_000 });
    const ticketNumber = ((await created.textContent()) ?? '').match(/工单\s*(\S+)\s*已创建/)?.[1] ?? '';
    const [ticket] = await t.deps.database.db
      .select({ callId: tickets.callId, greenChannel: tickets.greenChannel })
      .from(tickets)
      .where(eq(tickets.number, ticketNumber));
    expect(ticket).toEqual({ callId, greenChannel: true });

    await first.getByTestId('call-end').click();
    await expect
      .poll(() => first.getByTestId('agent-presence').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('wrap_up');
    await first.getByTestId('call-wrap-up-done').click();
    await expect
      .poll(() => first.getByTestId('agent-presence').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('ready');
  });
});
