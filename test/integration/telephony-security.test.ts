import dgram from 'node:dgram';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { sipCredential } from '../../server/src/modules/calls/sip-bridge.js';
import type { AuditActor } from '../../server/src/modules/audit/audit.service.js';
import { createScriptedUa, RegisterRejected, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import { asUser, signIn } from '../support/test-app.js';
import { startTelephonyRig, TEST_SIP_AUTH_SECRET, type TelephonyRig } from '../support/telephony.js';
import { createAgents, newCallId, resetRouting, telephonyEvent } from './calls-support.js';

/** Issue 13 — bad input at the phone channel: secrets, unknown calls, replays, stale credentials, a REGISTER flood. */
let rig: TelephonyRig;
const uas: ScriptedUa[] = [];
const calls = () => rig.t.deps.calls;
const db = () => rig.t.deps.database.db;
const actorOf = (userId: string): AuditActor => ({ userId, role: 'agent', ip: null });

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${rig.log.slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function registerWith(user: string, auth: { username: string; password: string }): Promise<number> {
  const ua = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user, auth });
  uas.push(ua);
  try {
    await ua.register();
    return 200;
  } catch (error) {
    if (error instanceof RegisterRejected) return error.statusCode;
    throw error;
  }
}

const kamailio = (path: string, body: unknown, secret = rig.t.deps.config.telephonySecret) =>
  fetch(`${rig.tel.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telephony-secret': secret },
    body: JSON.stringify(body),
  });

const offerFailed = (body: unknown, secret = rig.t.deps.config.telephonySecret) =>
  rig.t.app.inject({
    method: 'POST',
    url: '/api/telephony/sip/offer-failed',
    headers: { 'x-telephony-secret': secret },
    payload: body as Record<string, unknown>,
  });

describe('telephony: bad input (issue 13)', () => {
  beforeAll(async () => {
    await resetRouting();
    rig = await startTelephonyRig();
  });
  afterAll(async () => {
    for (const ua of uas.splice(0)) await ua.stop();
    await rig?.close();
    await resetRouting();
  });
  beforeEach(async () => {
    for (const ua of uas.splice(0)) await ua.stop();
    await calls().store.clearForTests();
  });

  it('refuses the proxy commands and reports without the shared secret; unknown calls change nothing', async () => {
    expect((await kamailio('/tm/continue', { callId: 'x', agentId: 'y', ringMs: 1000 }, 'wrong')).status).toBe(401);
    expect((await kamailio('/RPC', { jsonrpc: '2.0', id: 1, method: 'core.version' }, 'wrong')).status).toBe(401);
    expect((await kamailio('/tm/continue', { callId: 'no-such-call', agentId: 'y', ringMs: 1000 })).status).toBe(409);

    const denied = await offerFailed({ callId: 'c1', agentId: 'a', code: 408 }, 'wrong');
    expect(denied.statusCode).toBe(401);
    expect(denied.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await offerFailed({ callId: 'no-such-call', agentId: 'a', code: 408 })).json().outcome).toBe(
      'unknown_call',
    );
    expect((await offerFailed({ callId: 'c1', agentId: 'a', code: 9999 })).statusCode).toBe(400);
    expect((await telephonyEvent(rig.t.app, { type: 'delivered', callId: newCallId() }, 'wrong')).statusCode).toBe(401);
  });

  it('replayed and out-of-order reports: a second offer-failed and a cleared before delivered change nothing', async () => {
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    await calls().presence.setAgentState(agent!, 'ready', undefined, actorOf(agent!));
    const callId = newCallId();
    // cleared before delivered: unknown call, nothing recorded.
    expect((await telephonyEvent(rig.t.app, { type: 'cleared', callId })).json().outcome).toBe('unknown_call');
    expect(await db().select().from(contacts).where(eq(contacts.callId, callId))).toHaveLength(0);
    await telephonyEvent(rig.t.app, { type: 'delivered', callId, callerNumber: '13800000009' });
    const offered = await until('the offer', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'offered' ? row : null;
    });
    // The proxy does not hold this call (it came through the event API only): its continue is refused, and the
    // report of the failed offer is applied once.
    const first = await offerFailed({ callId, agentId: agent, code: 408 });
    expect(first.json().outcome).toBe('requeued');
    const replay = await offerFailed({ callId, agentId: agent, code: 408 });
    expect(replay.json().outcome).toBe('ignored');
    const [row] = await db().select().from(contacts).where(eq(contacts.id, offered.id));
    expect(row?.state).toBe('queued');
    expect((await calls().store.getAgent(agent!))?.state).toBe('break');
  });

  it('SIP credentials: only for the desk, time-limited, bound to the user; sign-out revokes them at once', async () => {
    const handler = await signIn(rig.t.app, 'handler_scjg');
    const kb = await signIn(rig.t.app, 'kb01');
    for (const cookie of [handler, kb]) {
      const res = await rig.t.app.inject({
        method: 'GET',
        url: '/api/telephony/sip/credentials',
        headers: asUser(cookie),
      });
      expect(res.statusCode).toBe(403);
    }
    const agentCookie = await signIn(rig.t.app, 'agent01');
    const issued = await rig.t.app.inject({
      method: 'GET',
      url: '/api/telephony/sip/credentials',
      headers: asUser(agentCookie),
    });
    expect(issued.statusCode).toBe(200);
    const credential = issued.json();
    const agentId = credential.aor.slice(4, credential.aor.indexOf('@'));
    expect(credential.emergencyNumbers).toMatchObject({ '110': '110', '119': '119', '120': '120', '122': '122' });

    // Expired, forged, or someone else's: refused.
    const expired = sipCredential(TEST_SIP_AUTH_SECRET, agentId, Date.now() - 1000);
    expect(await registerWith(agentId, expired)).toBe(403);
    const forged = sipCredential('not-the-secret', agentId, Date.now() + 60_000);
    expect(await registerWith(agentId, forged)).toBe(401);
    expect(await registerWith('00000000-0000-0000-0000-000000000000', credential)).toBe(403);
    // The issued one works.
    expect(await registerWith(agentId, credential)).toBe(200);

    // Sign-out: the credential is refused from now on and the registration is gone (a call finds no phone).
    const out = await rig.t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: asUser(agentCookie) });
    expect(out.statusCode).toBe(200);
    await until('the revocation', async () => (await registerWith(agentId, credential)) === 403);
    const rpc = await kamailio('/RPC', { jsonrpc: '2.0', id: 1, method: 'ul.lookup', params: ['location', agentId] });
    expect(JSON.stringify(await rpc.json())).not.toContain('"Contacts"');
  });

  it('a bounded REGISTER flood is refused (503) and the proxy keeps serving', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    const codes: number[] = [];
    socket.on('message', (msg) => {
      const m = /^SIP\/2\.0 (\d{3})/.exec(msg.toString());
      if (m) codes.push(Number(m[1]));
    });
    const flood = 300;
    for (let i = 0; i < flood; i++) {
      const callId = `flood-${i}-${process.pid}`;
      const msg = [
        `REGISTER sip:hotline.local SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-flood-${i};rport`,
        `Max-Forwards: 70`,
        `From: <sip:flood${i}@hotline.local>;tag=f${i}`,
        `To: <sip:flood${i}@hotline.local>`,
        `Call-ID: ${callId}`,
        `CSeq: 1 REGISTER`,
        `Contact: <sip:flood${i}@127.0.0.1:${port}>`,
        `Expires: 60`,
        `Content-Length: 0`,
        '',
        '',
      ].join('\r\n');
      socket.send(msg, rig.tel.sipPort, '127.0.0.1');
    }
    // UDP may drop some answers under the burst; what arrives must be refusals or challenges, never a registration.
    await until('refusals of the flood', async () => codes.filter((c) => c === 503).length >= 50, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    socket.close();
    expect(codes.every((c) => c === 503 || c === 401)).toBe(true);
    // Nobody got in without a credential.
    expect(codes.filter((c) => c === 200)).toHaveLength(0);
    // The proxy still answers (an OPTIONS keepalive) and still posts calls to the server.
    const callerUa = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: '13800000010' });
    uas.push(callerUa);
    const inviter = await callerUa.call('12345');
    await until('the call after the flood', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.callId, inviter.request.callId));
      return row?.state === 'queued';
    });
    await inviter.cancel();
  });
});
