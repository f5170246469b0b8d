import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { callRecordings } from '../../server/src/modules/calls/call-recordings.table.js';
import { outboundCalls } from '../../server/src/modules/calls/outbound-calls.table.js';
import { linearToUlaw } from '../../server/telephony/rtp-media.js';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { signIn, type TestApp } from '../support/test-app.js';
import { createTicket } from '../support/ticket-factories.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';

/**
 * Issue 13 — the ticket page plays a 回访 call's recording (外呼录音) to the lead, audited. The call itself is covered
 * against the real proxy in test/integration/telephony-outbound-recording.test.ts; here the stored recording (a
 * pcap as rtpengine writes it, its hash in call_recordings) is given, and the console is what is under test.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
const recordingDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-recordings-'));

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole({ recordingDir }));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(recordingDir, { recursive: true, force: true });
});

/** Two parties, 2 s of G.711 μ-law each, as rtpengine's `--recording-format=raw` pcap (link type 101). */
function twoPartyPcap(startUs: number): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(101, 20);
  const records: Buffer[] = [];
  for (let i = 0; i < 100; i++) {
    for (const [ssrc, level] of [
      [1111, 4000],
      [2222, -4000],
    ] as const) {
      const rtp = Buffer.alloc(12);
      rtp[0] = 0x80;
      rtp.writeUInt32BE(i * 160, 4);
      rtp.writeUInt32BE(ssrc, 8);
      const ip = Buffer.alloc(20);
      ip[0] = 0x45;
      ip[9] = 17;
      const frame = Buffer.concat([ip, Buffer.alloc(8), rtp, Buffer.alloc(160, linearToUlaw(level))]);
      const at = startUs + i * 20_000;
      const rec = Buffer.alloc(16);
      rec.writeUInt32LE(Math.floor(at / 1e6), 0);
      rec.writeUInt32LE(at % 1e6, 4);
      rec.writeUInt32LE(frame.length, 8);
      rec.writeUInt32LE(frame.length, 12);
      records.push(rec, frame);
    }
  }
  return Buffer.concat([header, ...records]);
}

describe('ticket page: 外呼录音 (Chromium)', () => {
  it('lists the 回访 recording with its length and plays it to the lead; the playback is audited', async () => {
    const db = t.deps.database.db;
    const agentCookie = await signIn(t.app, 'agent01', DEMO_PASSWORD);
    const ticket = await createTicket(t.app, agentCookie, { caller: { name: '钱七', phone: '13900000093' } });
    const [agent] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'agent01'));
    const dialledAt = new Date();
    const [dial] = await db
      .insert(outboundCalls)
      .values({ agentId: agent!.id, ticketId: ticket.id, dialledAt, sipCallId: `e2e-${dialledAt.getTime()}` })
      .returning();
    const file = twoPartyPcap(dialledAt.getTime() * 1000);
    const fileName = `pcaps/e2e-${dialledAt.getTime()}.pcap`;
    mkdirSync(path.join(recordingDir, 'pcaps'), { recursive: true });
    writeFileSync(path.join(recordingDir, fileName), file);
    await db.insert(callRecordings).values({
      outboundCallId: dial!.id,
      callId: dial!.sipCallId!,
      fileName,
      sha256: createHash('sha256').update(file).digest('hex'),
      bytes: file.length,
      durationMs: 2000,
      recordedAt: dialledAt,
      expiresAt: new Date(dialledAt.getTime() + 180 * 86_400_000),
    });

    const page = await newTestPage(browser, 'ticket-outbound-recording');
    await signInThroughConsole(page, baseUrl, 'lead01');
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    const card = page.getByTestId('call-recording');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('外呼录音');
    const row = page.getByTestId('call-recording-outbound');
    expect(await row.textContent()).toContain('时长');
    expect(await row.textContent()).toContain('00:02');
    await row.getByTestId('call-recording-play').click();
    await row.getByTestId('call-recording-audio').waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('call-recording-audio').getAttribute('src')).toMatch(/^blob:/);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-outbound-recording.png'), fullPage: true });

    const played = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, dial!.id), eq(auditLog.action, 'call.recording_played')));
    expect(played).toHaveLength(1);
    await page.close();
  });
});
