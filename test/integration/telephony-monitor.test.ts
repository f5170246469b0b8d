import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { agentSkills, contacts } from '../../server/src/modules/calls/calls.table.js';
import { createScriptedUa, sessionState, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import { asUser } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { startTelephonyRig, type TelephonyRig } from '../support/telephony.js';
import { resetRouting } from './calls-support.js';

/**
 * Issue 13 — 班长监听 on a live call through Kamailio and rtpengine: the lead gets a one-time address, the lead's
 * phone calls it without SDP, rtpengine sends the lead a copy of both parties (`subscribe request`), the call itself
 * is untouched; start, join and end are audited; only leads, and only with a valid grant.
 */
let rig: TelephonyRig;
const uas: ScriptedUa[] = [];
const db = () => rig.t.deps.database.db;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${rig.log.slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const audits = (contactId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, contactId), eq(auditLog.action, action)));

describe('telephony: a lead listens in on a live call (issue 13)', () => {
  beforeAll(async () => {
    await resetRouting();
    rig = await startTelephonyRig();
  });
  afterAll(async () => {
    for (const ua of uas.splice(0)) await ua.stop();
    await rig?.close();
    await resetRouting();
  });

  it('listen: the lead hears the call over a send-only subscription, the call goes on; audited; agents and forged grants refused', async () => {
    const app = rig.t.app;
    const calls = rig.t.deps.calls;
    await calls.store.clearForTests();
    const agent = await hotlineUser(app, db(), 'agent');
    await db().insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const phone = await createScriptedUa({
      wsUrl: rig.tel.wsUrl,
      user: agent.id,
      auth: calls.sip!.credentials(agent.id),
    });
    uas.push(phone);
    await phone.register();
    await calls.presence.setAgentState(agent.id, 'ready', undefined, { userId: agent.id, role: 'agent', ip: null });
    const citizen = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: '13800000051' });
    uas.push(citizen);
    const inviter = await citizen.call('12345');
    const invitation = await phone.nextInvitation();
    await invitation.accept();
    await sessionState(inviter, SessionState.Established);
    const callerMedia = citizen.mediaOf(inviter)!;
    const agentMedia = phone.mediaOf(invitation)!;
    await until('RTP both ways', async () => callerMedia.received > 10 && agentMedia.received > 10);
    const contact = await until('the connected contact', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.callId, inviter.request.callId));
      return row?.state === 'connected' ? row : null;
    });

    const lead = await hotlineUser(app, db(), 'lead');
    const start = (cookie: string, mode: string) =>
      app.inject({
        method: 'POST',
        url: '/api/calls/monitor',
        headers: asUser(cookie),
        payload: { contactId: contact.id, mode },
      });
    // Agents cannot listen in; whisper/barge/take-over need mixing the installed rtpengine cannot do (README).
    expect((await start(agent.cookie, 'listen')).statusCode).toBe(403);
    const whisper = await start(lead.cookie, 'whisper');
    expect(whisper.statusCode).toBe(422);
    expect(whisper.json().error).toBe('monitor_mode_unsupported');
    expect(await audits(contact.id, 'call.monitor_refused')).toHaveLength(1);

    const granted = await start(lead.cookie, 'listen');
    expect(granted.statusCode, granted.body).toBe(200);
    const { target } = granted.json() as { target: string };
    const [startAudit] = await audits(contact.id, 'call.monitor_start');
    expect(startAudit?.actorId).toBe(lead.id);

    const leadPhone = await createScriptedUa({
      wsUrl: rig.tel.wsUrl,
      user: lead.id,
      auth: calls.sip!.credentials(lead.id),
    });
    uas.push(leadPhone);
    // A forged grant (another call's address, or a changed MAC) is refused by the server through the proxy.
    const forged = await leadPhone.call(target.slice(0, -4) + 'AAAA', [], { withoutSdp: true });
    await until('the forged listen-in refused', async () => forged.state === SessionState.Terminated);
    // The grant is the lead's own: another lead with the same address is refused too.
    const otherLead = await hotlineUser(app, db(), 'lead');
    const otherPhone = await createScriptedUa({
      wsUrl: rig.tel.wsUrl,
      user: otherLead.id,
      auth: calls.sip!.credentials(otherLead.id),
    });
    uas.push(otherPhone);
    const stolen = await otherPhone.call(target, [], { withoutSdp: true });
    await until('the borrowed grant refused', async () => stolen.state === SessionState.Terminated);
    expect(await audits(contact.id, 'call.monitor_joined')).toHaveLength(0);

    const listen = await leadPhone.call(target, [], { withoutSdp: true });
    await sessionState(listen, SessionState.Established);
    const leadMedia = leadPhone.mediaOf(listen)!;
    await until('the call’s audio at the lead', async () => leadMedia.received > 25, 10_000);
    const [joined] = await audits(contact.id, 'call.monitor_joined');
    expect(joined?.actorId).toBe(lead.id);
    // The call itself goes on.
    const before = { caller: callerMedia.received, agent: agentMedia.received };
    await until(
      'the call’s audio still flowing',
      async () => callerMedia.received > before.caller + 20 && agentMedia.received > before.agent + 20,
    );
    expect(leadMedia.sent).toBeGreaterThan(0);

    await listen.bye();
    await until('the listen-in end audited', async () => (await audits(contact.id, 'call.monitor_end')).length === 1);
    const afterLead = callerMedia.received;
    await until('the call still up after the lead left', async () => callerMedia.received > afterLead + 10);
    expect(inviter.state).toBe(SessionState.Established);
    await inviter.bye();
    await until('the ended contact', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.id, contact.id));
      return row?.state === 'ended';
    });
  });
});
