import dgram from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { createScriptedUa, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import { startTelephonyRig, type TelephonyRig } from '../support/telephony.js';
import { createAgents, resetRouting } from './calls-support.js';

/**
 * Issue 13 — only the carrier's trunk reaches 12345 without a credential. The rig's trunk is 127.0.0.2 (the whole
 * 127/8 is loopback, so a UDP socket bound there is "another host"); everything from 127.0.0.1 is then an outsider
 * unless it presents an agent's credential.
 */
const TRUNK = '127.0.0.2';
let rig: TelephonyRig;
const uas: ScriptedUa[] = [];

/** Sends a bare INVITE for 12345 over UDP from `source`; resolves with the status codes received within `ms`. */
async function udpInvite(source: string, callId: string, ms = 1500) {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, source, resolve));
  const port = socket.address().port;
  const codes: number[] = [];
  socket.on('message', (msg) => {
    const code = /^SIP\/2\.0 (\d{3})/.exec(msg.toString())?.[1];
    if (code) codes.push(Number(code));
  });
  const branch = `z9hG4bK${randomUUID().slice(0, 12)}`;
  const headers = (method: string) =>
    [
      `${method} sip:12345@hotline.local SIP/2.0`,
      `Via: SIP/2.0/UDP ${source}:${port};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:13800000041@carrier.example>;tag=${callId.slice(0, 8)}`,
      'To: <sip:12345@hotline.local>',
      `Call-ID: ${callId}`,
      `CSeq: 1 ${method}`,
      `Contact: <sip:13800000041@${source}:${port}>`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  socket.send(headers('INVITE'), rig.tel.sipPort, '127.0.0.1');
  await new Promise((r) => setTimeout(r, ms));
  return {
    codes,
    /** Ends a call that was let in (the caller gives up: CANCEL → 487 + abandoned). */
    async cancel() {
      socket.send(headers('CANCEL'), rig.tel.sipPort, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 500));
    },
    close: () => socket.close(),
  };
}

const contactOf = async (callId: string) =>
  (await rig.t.deps.database.db.select().from(contacts).where(eq(contacts.callId, callId)))[0] ?? null;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${rig.log.slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('telephony: INVITEs to 12345 only from the trunk or a signed-in softphone (issue 13)', () => {
  beforeAll(async () => {
    await resetRouting();
    rig = await startTelephonyRig({}, { trunkSources: `${TRUNK}/32` });
  });
  afterAll(async () => {
    for (const ua of uas.splice(0)) await ua.stop();
    await rig?.close();
    await resetRouting();
  });

  it('the trunk is let in and queued; the same INVITE from another address is refused with 403 and never queued', async () => {
    const fromTrunk = `trunk-${randomUUID()}`;
    const trunkCall = await udpInvite(TRUNK, fromTrunk);
    expect(trunkCall.codes).toContain(180);
    expect(trunkCall.codes).not.toContain(403);
    await until('the queued trunk call', async () => (await contactOf(fromTrunk))?.state === 'queued');
    await trunkCall.cancel();
    expect(trunkCall.codes).toContain(487);
    trunkCall.close();

    const fromElsewhere = `outsider-${randomUUID()}`;
    const outsider = await udpInvite('127.0.0.1', fromElsewhere);
    outsider.close();
    expect(outsider.codes).toContain(403);
    expect(outsider.codes).not.toContain(180);
    expect(await contactOf(fromElsewhere)).toBeNull();
    expect(rig.log.some((l) => l.includes('refused: not a trunk'))).toBe(true);
  });

  it('a softphone without a credential is not let in; a signed-in agent calling 12345 is', async () => {
    const stranger = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: '13800000042' });
    uas.push(stranger);
    const refused = await stranger.call('12345');
    await until('the stranger’s call to end', async () => refused.state === SessionState.Terminated);
    expect(await contactOf(refused.request.callId)).toBeNull();

    const [agent] = await createAgents(rig.t.deps.database.db, 1, () => [{ skill: 'general', level: 5 }]);
    const phone = await createScriptedUa({
      wsUrl: rig.tel.wsUrl,
      user: agent!,
      auth: rig.t.deps.calls.sip!.credentials(agent!),
    });
    uas.push(phone);
    await phone.register();
    const internal = await phone.call('12345');
    await until(
      'the agent’s internal call queued',
      async () => (await contactOf(internal.request.callId))?.state === 'queued',
    );
    await internal.cancel();
    await until(
      'the internal call abandoned',
      async () => (await contactOf(internal.request.callId))?.state === 'abandoned',
    );
  });
});
