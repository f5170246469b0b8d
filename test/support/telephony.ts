import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Invitation, Inviter } from 'sip.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { freePort, missingParts, startTelephony, type RunningTelephony } from '../../server/telephony/launcher.js';
import { asUser, startTestApp, type TestApp } from './test-app.js';
import { OUTBOUND_CALL_HEADER } from '@hotline/shared/contracts/telephony';
import type { Config } from '../../server/src/config/index.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import type { AuditActor } from '../../server/src/modules/audit/audit.service.js';
import { createScriptedUa, sessionState, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import { createAgents, resetRouting } from '../integration/calls-support.js';

export const TEST_SIP_AUTH_SECRET = 'test-sip-auth-secret';

export interface TelephonyRig {
  t: TestApp;
  tel: RunningTelephony;
  /** Kamailio's and rtpengine's latest log lines (for failure messages). */
  log: string[];
  close(): Promise<void>;
}

/**
 * A private Kamailio + rtpengine on free loopback ports, wired to a test app listening on a free port: the proxy posts
 * telephony events to the app, the app resumes calls at the proxy. Kamailio and rtpengine must be installed (.ci/run
 * installs them): a missing part fails the test rather than skipping it.
 */
export async function startTelephonyRig(
  overrides: Partial<Config> = {},
  {
    registerLimit = 40,
    trunkSources,
    surveySeconds,
    rtpPorts,
  }: { registerLimit?: number; trunkSources?: string; surveySeconds?: number; rtpPorts?: number } = {},
): Promise<TelephonyRig> {
  const missing = missingParts();
  if (missing.length) throw new Error(`telephony tests need ${missing.join(' and ')} (see .ci/run)`);
  const httpPort = await freePort('tcp');
  // rtpengine records into the run directory; the app reads the same folder (RECORDING_DIR).
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-telephony-'));
  const recordingDir = path.join(runDir, 'recordings');
  const ngPort = await freePort('udp');
  const t = await startTestApp({
    recordingDir,
    rtpengineNgUrl: `udp:127.0.0.1:${ngPort}`,
    kamailioHttpUrl: `http://127.0.0.1:${httpPort}`,
    sipWsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    sipAuthSecret: TEST_SIP_AUTH_SECRET,
    sipDtmfPort: 0,
    // The satisfaction survey keeps the caller on the line after the agent hangs up: only the tests about it turn it on.
    callSurvey: false,
    ...overrides,
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const appPort = (t.app.server.address() as AddressInfo).port;
  const log: string[] = [];
  let tel: RunningTelephony;
  try {
    tel = await startTelephony({
      serverUrl: `http://127.0.0.1:${appPort}`,
      telephonySecret: t.deps.config.telephonySecret,
      sipAuthSecret: TEST_SIP_AUTH_SECRET,
      httpPort,
      registerLimit,
      runDir,
      recordingDir,
      ngPort,
      ...(trunkSources ? { trunkSources } : {}),
      ...(surveySeconds ? { surveySeconds } : {}),
      ...(rtpPorts ? { rtpPorts } : {}),
      // rtpengine's DTMF log → the app's listener (the survey keypress)
      ...(t.deps.calls.dtmfPort() ? { dtmfLogDest: `127.0.0.1:${t.deps.calls.dtmfPort()}` } : {}),
      onLog: (source, line) => {
        // The latest lines (a failure's cause is near its end).
        log.push(`[${source}] ${line}`);
        if (log.length > 6000) log.splice(0, 1000);
      },
    });
  } catch (error) {
    await t.close();
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  return {
    t,
    tel,
    log,
    async close() {
      await tel.stop();
      await t.close();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

type Calls = TestApp['deps']['calls'];
type Db = TestApp['deps']['database']['db'];

export interface AnsweredCall {
  agent: string;
  phone: ScriptedUa;
  citizen: ScriptedUa;
  inviter: Inviter;
  invitation: Invitation;
  callId: string;
  contact: typeof contacts.$inferSelect;
  callerMedia: NonNullable<ReturnType<ScriptedUa['mediaOf']>>;
  agentMedia: NonNullable<ReturnType<ScriptedUa['mediaOf']>>;
}

/** What a telephony test file needs, bound to the rig `useTelephonyRig` starts for it. */
export interface TelephonyKit {
  readonly rig: TelephonyRig;
  readonly calls: Calls;
  readonly db: Db;
  actorOf(userId: string): AuditActor;
  /** Polls until the probe returns something truthy; on timeout the error carries Kamailio's last log lines. */
  until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  contactOfCall(callId: string): Promise<typeof contacts.$inferSelect | null>;
  /**
   * A phone with the user's credential, registered unless told: an agent (user id), a lead, or a department's /
   * emergency extension (its number).
   */
  phone(user: string, options?: { replaces?: boolean; register?: boolean }): Promise<ScriptedUa>;
  /** An unregistered caller (a citizen's phone or a trunk). */
  caller(number: string): Promise<ScriptedUa>;
  /**
   * A citizen's call answered by a ready agent (a fresh one unless given), connected at the server, RTP flowing both
   * ways.
   */
  answeredCall(number: string, options?: { agent?: string; packets?: number }): Promise<AnsweredCall>;
  /**
   * 回访 by phone: the agent dials the ticket's citizen (`POST …/tickets/:id/dial`), the agent's phone calls through
   * the proxy with the dial's id, the citizen's phone (registered under the number, standing in for the trunk) rings.
   */
  ticketDial(agent: { id: string; cookie: string }, ticketId: string): Promise<TicketDial>;
}

export interface TicketDial {
  outboundCallId: string;
  number: string;
  phone: ScriptedUa;
  citizen: ScriptedUa;
  outbound: Inviter;
  ringing: Invitation;
}

/**
 * Starts one rig for the calling test file (beforeAll) and stops it (afterAll); before each test every phone of the
 * previous test is stopped, routing is reset and the call store cleared. Every phone made through the kit is stopped.
 */
export function useTelephonyRig(
  overrides: Partial<Config> = {},
  rigOptions: Parameters<typeof startTelephonyRig>[1] = {},
  { logLines = 30, untilMs = 10_000 }: { logLines?: number; untilMs?: number } = {},
): TelephonyKit {
  let current: TelephonyRig | undefined;
  const uas: ScriptedUa[] = [];
  const stopPhones = async () => {
    for (const ua of uas.splice(0)) await ua.stop();
  };
  const rig = () => {
    if (!current) throw new Error('the telephony rig is not started (use the kit inside tests)');
    return current;
  };
  beforeAll(async () => {
    await resetRouting();
    current = await startTelephonyRig(overrides, rigOptions);
  });
  afterAll(async () => {
    await stopPhones();
    await current?.close();
    await resetRouting();
  });
  beforeEach(async () => {
    await stopPhones();
    await resetRouting();
    await rig().t.deps.calls.store.clearForTests();
    rig().t.deps.calls.ctx.policy.ringSeconds = 15;
  });

  const kit: TelephonyKit = {
    get rig() {
      return rig();
    },
    get calls() {
      return rig().t.deps.calls;
    },
    get db() {
      return rig().t.deps.database.db;
    },
    actorOf: (userId) => ({ userId, role: 'agent', ip: null }),
    async until(what, probe, timeoutMs = untilMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}\n${rig().log.slice(-logLines).join('\n')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    contactOfCall: (callId) =>
      kit.db
        .select()
        .from(contacts)
        .where(eq(contacts.callId, callId))
        .then((rows) => rows[0] ?? null),
    async phone(user, { replaces = false, register = true } = {}) {
      const ua = await createScriptedUa({
        wsUrl: rig().tel.wsUrl,
        user,
        auth: kit.calls.sip!.credentials(user),
        replaces,
      });
      uas.push(ua);
      if (register) await ua.register();
      return ua;
    },
    async caller(number) {
      const ua = await createScriptedUa({ wsUrl: rig().tel.wsUrl, user: number });
      uas.push(ua);
      return ua;
    },
    async answeredCall(number, { agent, packets = 25 } = {}) {
      const agentId = agent ?? (await createAgents(kit.db, 1, () => [{ skill: 'general', level: 5 }]))[0]!;
      const phone = await kit.phone(agentId);
      await kit.calls.presence.setAgentState(agentId, 'ready', undefined, kit.actorOf(agentId));
      // The app's clock is a test clock: keep it near real time so talk times match the RTP counted.
      rig().t.clock.set(new Date());
      const citizen = await kit.caller(number);
      const inviter = await citizen.call('12345');
      const invitation = await phone.nextInvitation();
      await invitation.accept();
      await sessionState(inviter, SessionState.Established);
      const callId = inviter.request.callId;
      const contact = await kit.until('the connected contact', async () => {
        const row = await kit.contactOfCall(callId);
        return row?.state === 'connected' ? row : null;
      });
      const callerMedia = citizen.mediaOf(inviter)!;
      const agentMedia = phone.mediaOf(invitation)!;
      await kit.until('RTP both ways', async () => callerMedia.received > packets && agentMedia.received > packets);
      return { agent: agentId, phone, citizen, inviter, invitation, callId, contact, callerMedia, agentMedia };
    },
    async ticketDial(agent, ticketId) {
      const dialled = await rig().t.app.inject({
        method: 'POST',
        url: `/api/calls/desk/tickets/${ticketId}/dial`,
        headers: asUser(agent.cookie),
      });
      if (dialled.statusCode !== 200) throw new Error(`dial refused: ${dialled.statusCode} ${dialled.body}`);
      const { outboundCallId, number } = dialled.json<{ outboundCallId: string; number: string }>();
      const phone = await kit.phone(agent.id);
      const citizen = await kit.phone(number);
      const outbound = await phone.call(number, [`${OUTBOUND_CALL_HEADER}: ${outboundCallId}`]);
      const ringing = await citizen.nextInvitation();
      return { outboundCallId, number, phone, citizen, outbound, ringing };
    },
  };
  return kit;
}
