import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outboundCalls } from '../../server/src/modules/calls/outbound-calls.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { createScriptedUa, sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { OUTPUT_DIR } from '../support/browser.js';
import { useTelephonyBrowser } from '../support/telephony-browser.js';
import { createTicket, hotlineUser } from '../support/ticket-factories.js';

/**
 * Issue 13 — the softphone belongs to the sign-in, not to the desk page: it registers in the app shell, so the 回访
 * of a ticket is dialled with one click from the ticket page (12345 as the caller id), the call is handled from the
 * header's phone bar there, and the dial is linked to the SIP call.
 */
const kit = useTelephonyBrowser('telephony-ticket-dial');
const { until, text } = kit;

describe('回访 dialled from the ticket page through the shell softphone (issue 13)', () => {
  it('registers off the desk, dials the citizen with one click, the call is handled from the phone bar, the dial is linked', async () => {
    const rig = kit.rig;
    const { app } = rig.t;
    const db = rig.t.deps.database.db;
    const author = await hotlineUser(app, db, 'agent');
    const citizenNumber = '13900000091';
    const ticket = await createTicket(app, author.cookie, { caller: { name: '赵六', phone: citizenNumber } });
    // Fixture shortcut: the unit's reply was approved, the ticket waits for its 回访.
    await db.update(tickets).set({ status: 'awaiting_callback' }).where(eq(tickets.id, ticket.id));

    // The citizen's phone (standing in for the carrier's trunk) is registered under the citizen's number.
    const citizen = await createScriptedUa({
      wsUrl: rig.tel.wsUrl,
      user: citizenNumber,
      auth: rig.t.deps.calls.sip!.credentials(citizenNumber),
    });
    kit.onClose(() => citizen.stop());
    await citizen.register();

    const page = await kit.page('telephony-ticket-dial');
    await kit.signInAtDesk(page, 'agent01');
    await page.goto(`${kit.baseUrl()}/tickets/${ticket.id}`);
    await page.getByTestId('ticket-detail-status').waitFor();
    // Off the desk, the header's phone bar shows the sign-in's softphone registered.
    await until('the softphone registered on the ticket page', async () =>
      (await text(page, 'phone-bar-status')).includes('已就绪'),
    );

    await page.getByTestId('action-callback').click();
    const dial = page.getByTestId('call-dial');
    await expect.poll(() => dial.isEnabled(), { timeout: 10_000 }).toBe(true);
    await dial.click();
    const ringing = await citizen.nextInvitation(10_000);
    expect(ringing.request.from.uri.user).toBe('12345');
    await ringing.accept();
    await until('the call shown on the phone bar', async () => (await text(page, 'phone-bar-call')) === '通话中');
    const [dialRow] = await db.select().from(outboundCalls).where(eq(outboundCalls.ticketId, ticket.id));
    expect(dialRow?.sipCallId).toBe(ringing.request.callId);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-dial-phone-bar.png') });

    // The 回访 dialog stays open for the result; its button is now the hang-up.
    await page.getByTestId('call-hangup').click();
    await sessionState(ringing, SessionState.Terminated);
    await until('the phone bar idle again', async () => (await text(page, 'phone-bar-call')) === '');
    await expect.poll(() => page.getByTestId('call-dial').isVisible(), { timeout: 5_000 }).toBe(true);

    // A call dialled from the page is also ended from the header's phone bar (the dialog closed).
    await page.getByTestId('call-dial').click();
    const again = await citizen.nextInvitation(10_000);
    await again.accept();
    await until('the second call on the phone bar', async () => (await text(page, 'phone-bar-call')) === '通话中');
    await page.keyboard.press('Escape');
    await page.getByTestId('phone-bar-hangup').click();
    await sessionState(again, SessionState.Terminated);
    // 外呼记录 on the ticket page: both dials, answered, newest first (read again once the proxy reported the end).
    await until('both dials listed as answered', async () => {
      const outcomes = await page.getByTestId('outbound-outcome').allTextContents();
      return outcomes.length === 2 && outcomes.every((o) => o === '已接通');
    });
    await page.close();
  });
});
