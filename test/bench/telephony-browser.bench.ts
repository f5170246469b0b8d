/**
 * Browser softphone benchmark (`npm run bench telephony-browser`): the console's own softphone (sip.js in Debian's
 * Chromium with a fake microphone) behind a private Kamailio + rtpengine on loopback, the real server on its own
 * database (hotline_bench_telephony_browser). A scripted caller (server/telephony/sip-ua.ts, G.711 RTP) calls 12345
 * BENCH_BROWSER_CALLS times (default 20, at most 180 s in all); the agent's desk rings each time and answers at once.
 * Printed per call, median / p95 / p99 / max:
 *  - INVITE sent by the caller → the softphone shows 来电振铃 in the page;
 *  - **ring → two-way audio** (the figure, target p95 ≤ 1 s): from the ring shown in the page until both
 *    directions carry audio — the browser's RTCPeerConnection reports inbound audio packets (getStats, inbound-rtp)
 *    and the caller has received RTP from the browser (its packet counter);
 *  - answer click → two-way audio (the part sip.js users report as 4–5 s with default ICE gathering).
 * One clock: the page's Date.now() and this process's are the same wall clock on one machine. The page is watched by
 * a 5 ms timer inside it, the caller's counter by a 5 ms timer here: the resolution is about 5 ms. The bench clicks
 * 接听 from inside the page (no automation round trip in the figure). The page's peer connections are found by
 * wrapping `RTCPeerConnection` in an init script of this bench only: the product has no hook for it.
 */
import os from 'node:os';
import { percentile } from './stats.js';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_telephony_browser';
const CALLS = Math.max(1, Math.min(200, Number(process.env.BENCH_BROWSER_CALLS ?? 20)));
const TIME_LIMIT_MS = 180_000;
const STEP_TIMEOUT_MS = 15_000;
const TARGET_P95_MS = 1000;
const PASSWORD = 'Bench@Passw0rd!';

const summary = (values: number[]) =>
  values.length
    ? `n=${values.length} median=${percentile(values, 50).toFixed(0)} ms p95=${percentile(values, 95).toFixed(0)} ms ` +
      `p99=${percentile(values, 99).toFixed(0)} ms max=${Math.max(...values).toFixed(0)} ms`
    : 'n=0';

/** Runs in the page before the console: every RTCPeerConnection the softphone makes is kept for getStats. */
const TRACK_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const made = [];
  window.__benchPeerConnections = made;
  window.RTCPeerConnection = function (...args) { const pc = new Native(...args); made.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Native);
})();`;

interface InPageTimes {
  ringAt: number;
  clickAt: number;
  inboundAt: number;
}

/**
 * Runs in the page for one call: waits for 来电振铃, clicks 接听 at once, then waits until the call's (newest) peer
 * connection reports inbound audio packets; resolves with the three moments (the page's Date.now()).
 */
const RING_ANSWER_AUDIO = `(limitMs) => new Promise((resolve, reject) => {
  const made = window.__benchPeerConnections;
  const known = made.length;
  const deadline = Date.now() + limitMs;
  let ringAt = 0;
  let clickAt = 0;
  const tick = async () => {
    if (Date.now() > deadline) return reject(new Error(ringAt ? 'no inbound audio in the browser' : 'no ring in the page'));
    if (!ringAt) {
      const shown = document.querySelector('[data-testid="softphone-call"]')?.textContent?.trim();
      if (shown === '来电振铃') {
        ringAt = Date.now();
        document.querySelector('[data-testid="softphone-answer"]')?.click();
        clickAt = Date.now();
      }
    } else {
      const pc = made.slice(known).at(-1);
      if (pc) {
        let packets = 0;
        (await pc.getStats()).forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived || 0;
        });
        if (packets > 0) return resolve({ ringAt, clickAt, inboundAt: Date.now() });
      }
    }
    setTimeout(tick, 5);
  };
  tick();
})`;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function run(): Promise<void> {
  process.env.TEST_DATABASE_URL = DATABASE_URL;
  const { recreateDatabase } = await import('../../server/src/platform/db/ensure-database.js');
  const { connectDatabase } = await import('../../server/src/platform/db/client.js');
  const { runMigrations } = await import('../../server/src/platform/db/migrate.js');
  const { startTelephonyRig } = await import('../support/telephony.js');
  const { createUser } = await import('../support/factories.js');
  const { agentSkills } = await import('../../server/src/modules/calls/calls.table.js');
  const { CONSOLE_DIST, ensureConsoleBuilt, fillSignInForm, launchChromium } = await import('../support/browser.js');
  const { createScriptedUa, sessionState, SessionState } = await import('../../server/telephony/sip-ua.js');
  await recreateDatabase(DATABASE_URL);
  const setup = connectDatabase(DATABASE_URL, { max: 1 });
  await runMigrations(setup.db);
  await setup.close();
  ensureConsoleBuilt();

  console.log(
    `cores ${os.cpus().length}, load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  const rig = await startTelephonyRig({ consoleDist: CONSOLE_DIST });
  const browser = await launchChromium();
  console.log(`Chromium ${browser.version()}`);
  const caller = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: '13800000077' });
  const toRing: number[] = [];
  const ringToAudio: number[] = [];
  const answerToAudio: number[] = [];
  let failed = 0;
  try {
    const db = rig.t.deps.database.db;
    rig.t.deps.calls.ctx.policy.wrapUpSeconds = 0;
    const agent = await createUser(db, 'agent', { password: PASSWORD });
    await db.insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const base = `http://127.0.0.1:${(rig.t.app.server.address() as { port: number }).port}`;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(TRACK_PEER_CONNECTIONS);
    await fillSignInForm(page, base, agent.username, PASSWORD);
    await page.getByTestId('agent-desk').waitFor({ timeout: 30_000 });
    const callText = () =>
      page
        .getByTestId('softphone-call')
        .innerText({ timeout: 1000 })
        .catch(() => '');
    await until(
      'the softphone registered',
      async () => (await page.getByTestId('softphone-status').innerText()) === '已就绪',
      30_000,
    );
    await page.getByTestId('agent-go-ready').click();

    const started = Date.now();
    for (let i = 0; i < CALLS && Date.now() - started < TIME_LIMIT_MS; i++) {
      await until(
        'the agent ready',
        async () => (await page.getByTestId('agent-presence').getAttribute('data-state')) === 'ready',
      );
      try {
        // In the page: wait for 来电振铃, click 接听 at once, then wait for inbound audio on the newest connection.
        const inPage = page.evaluate(`(${RING_ANSWER_AUDIO})(${STEP_TIMEOUT_MS})`) as Promise<InPageTimes>;
        const invitedAt = Date.now();
        const inviter = await caller.call('12345');
        await sessionState(inviter, SessionState.Established, STEP_TIMEOUT_MS);
        const media = caller.mediaOf(inviter)!;
        const before = media.received;
        const callerHeardAt = await until('RTP from the browser at the caller', async () =>
          media.received > before ? Date.now() : null,
        );
        const seen = await inPage;
        toRing.push(seen.ringAt - invitedAt);
        const twoWay = Math.max(seen.inboundAt, callerHeardAt);
        ringToAudio.push(twoWay - seen.ringAt);
        answerToAudio.push(twoWay - seen.clickAt);
        await inviter.bye();
        await until('the softphone idle', async () => (await callText()) !== '通话中', STEP_TIMEOUT_MS);
      } catch (error) {
        failed++;
        console.log(`call ${i + 1} failed: ${(error as Error).message}`);
        if (failed >= 3) break;
      }
    }
  } finally {
    await caller.stop().catch(() => {});
    await browser.close().catch(() => {});
    await rig.close();
  }

  console.log(`calls: ${ringToAudio.length} measured, ${failed} failed (of ${CALLS}, ≤ ${TIME_LIMIT_MS / 1000} s)`);
  console.log(`INVITE → ringing in the page: ${summary(toRing)}`);
  console.log(`answer click → two-way audio: ${summary(answerToAudio)}`);
  console.log(`ring → two-way audio: ${summary(ringToAudio)}`);
  if (ringToAudio.length) {
    const p95 = percentile(ringToAudio, 95);
    console.log(
      `ring → two-way audio p95 ${p95.toFixed(0)} ms vs target ${TARGET_P95_MS} ms (ratio ${(p95 / TARGET_P95_MS).toFixed(2)}) ${p95 <= TARGET_P95_MS ? '✓' : '✗'}`,
    );
  }
}
