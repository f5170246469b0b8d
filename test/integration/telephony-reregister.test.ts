import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import type { AuditActor } from '../../server/src/modules/audit/audit.service.js';
import { createScriptedUa, sessionState, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import { startTelephonyRig, type TelephonyRig } from '../support/telephony.js';
import { createAgents, resetRouting } from './calls-support.js';

/**
 * Issue 13 — a softphone keeps receiving offers across its registration's life: sip.js refreshes a short
 * registration before the proxy lets it lapse, and after a dropped WebSocket a new REGISTER on the new connection
 * is where the next offer goes (the proxy's old contact is dead).
 */
let rig: TelephonyRig;
const uas: ScriptedUa[] = [];
const calls = () => rig.t.deps.calls;
const db = () => rig.t.deps.database.db;
const actorOf = (userId: string): AuditActor => ({ userId, role: 'agent', ip: null });
const REGISTER_EXPIRES = 10; // the registrar's minimum

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${rig.log.slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The agent goes ready, a citizen calls, the agent's phone must ring and answer; both hang up. */
async function callReaches(agent: string, phone: ScriptedUa, number: string) {
  await calls().presence.setAgentState(agent, 'ready', undefined, actorOf(agent));
  const citizen = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: number });
  uas.push(citizen);
  const inviter = await citizen.call('12345');
  const invitation = await phone.nextInvitation(8_000);
  await invitation.accept();
  await sessionState(inviter, SessionState.Established);
  await inviter.bye();
  await sessionState(invitation, SessionState.Terminated);
  const callId = inviter.request.callId;
  await until('the ended call', async () => {
    const [row] = await db().select().from(contacts).where(eq(contacts.callId, callId));
    return row?.state === 'ended' && row.agentId === agent;
  });
  await calls()
    .presence.finishWrapUp(agent, null)
    .catch(() => {});
}

describe('telephony: re-registration (issue 13)', () => {
  beforeAll(async () => {
    await resetRouting();
    rig = await startTelephonyRig();
    await calls().store.clearForTests();
  });
  afterAll(async () => {
    for (const ua of uas.splice(0)) await ua.stop();
    await rig?.close();
    await resetRouting();
  });

  it('a short registration is refreshed past its expiry, and a dropped connection registers again: offers keep arriving', async () => {
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    const phone = await createScriptedUa({
      wsUrl: rig.tel.wsUrl,
      user: agent!,
      auth: calls().sip!.credentials(agent!),
      registerExpires: REGISTER_EXPIRES,
    });
    uas.push(phone);
    await phone.register();
    await callReaches(agent!, phone, '13800000051');

    // Past the registration's expiry: only sip.js's refresh keeps the contact at the proxy.
    await new Promise((r) => setTimeout(r, (REGISTER_EXPIRES + 3) * 1000));
    await callReaches(agent!, phone, '13800000052');

    // The network drops: the WebSocket closes, the softphone reconnects and registers on the new connection.
    await phone.ua.transport.disconnect();
    expect(phone.ua.transport.isConnected()).toBe(false);
    await phone.ua.reconnect();
    await phone.register();
    await callReaches(agent!, phone, '13800000053');
  });
});
