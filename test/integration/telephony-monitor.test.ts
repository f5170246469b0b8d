import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { agentSkills, contacts } from '../../server/src/modules/calls/calls.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { asUser } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — 班长监听 on a live call through Kamailio and rtpengine: the lead gets a one-time address, the lead's
 * phone calls it without SDP, rtpengine sends the lead a copy of both parties (`subscribe request`), the call itself
 * is untouched; start, join and end are audited; only leads, and only with a valid grant.
 */
const kit = useTelephonyRig();
const { until } = kit;
const db = () => kit.db;

const audits = (contactId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, contactId), eq(auditLog.action, action)))
    .orderBy(auditLog.id);

describe('telephony: a lead listens in on a live call (issue 13)', () => {
  it('listen: the lead hears the call over a send-only subscription, the call goes on; audited; agents and forged grants refused', async () => {
    const app = kit.rig.t.app;
    const agent = await hotlineUser(app, db(), 'agent');
    await db().insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const { inviter, contact, callerMedia, agentMedia } = await kit.answeredCall('13800000051', {
      agent: agent.id,
      packets: 10,
    });

    const lead = await hotlineUser(app, db(), 'lead');
    const start = (cookie: string, mode: string) =>
      app.inject({
        method: 'POST',
        url: '/api/calls/monitor',
        headers: asUser(cookie),
        payload: { contactId: contact.id, mode },
      });
    // Agents cannot listen in, whisper nor take over.
    expect((await start(agent.cookie, 'listen')).statusCode).toBe(403);
    expect((await start(agent.cookie, 'takeover')).statusCode).toBe(403);
    // 耳语: the grant names the agent's softphone to call; the agent's console checks the line before answering it:
    // only this agent, with the grant's own lead as the caller, gets 200 (audited as the lead joining).
    const whisper = await start(lead.cookie, 'whisper');
    expect(whisper.statusCode, whisper.body).toBe(200);
    const line = whisper.json() as { target: string; agent: string };
    expect(line.agent).toBe(agent.id);
    const check = (cookie: string, token: string, leadId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/calls/monitor/line',
        headers: asUser(cookie),
        payload: { token, leadId },
      });
    expect((await check(agent.cookie, line.target, agent.id)).statusCode).toBe(403);
    expect((await check(agent.cookie, `${line.target.slice(0, -4)}AAAA`, lead.id)).statusCode).toBe(403);
    const checked = await check(agent.cookie, line.target, lead.id);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toEqual({ mode: 'whisper', contactId: contact.id });
    const [joinedLine] = await audits(contact.id, 'call.monitor_joined');
    expect(joinedLine).toMatchObject({ actorId: lead.id, toState: 'whisper' });

    const granted = await start(lead.cookie, 'listen');
    expect(granted.statusCode, granted.body).toBe(200);
    const { target } = granted.json() as { target: string };
    const [startAudit] = await audits(contact.id, 'call.monitor_start');
    expect(startAudit?.actorId).toBe(lead.id);

    const leadPhone = await kit.phone(lead.id, { register: false });
    // A forged grant (another call's address, or a changed MAC) is refused by the server through the proxy.
    const forged = await leadPhone.call(target.slice(0, -4) + 'AAAA', [], { withoutSdp: true });
    await until('the forged listen-in refused', async () => forged.state === SessionState.Terminated);
    // The grant is the lead's own: another lead with the same address is refused too.
    const otherLead = await hotlineUser(app, db(), 'lead');
    const otherPhone = await kit.phone(otherLead.id, { register: false });
    const stolen = await otherPhone.call(target, [], { withoutSdp: true });
    await until('the borrowed grant refused', async () => stolen.state === SessionState.Terminated);
    expect(await audits(contact.id, 'call.monitor_joined')).toHaveLength(1); // the checked whisper line only

    const listen = await leadPhone.call(target, [], { withoutSdp: true });
    await sessionState(listen, SessionState.Established);
    const leadMedia = leadPhone.mediaOf(listen)!;
    await until('the call’s audio at the lead', async () => leadMedia.received > 25, 10_000);
    const joined = await audits(contact.id, 'call.monitor_joined');
    expect(joined.map((j) => [j.actorId, j.toState])).toEqual([
      [lead.id, 'whisper'],
      [lead.id, 'listen'],
    ]);
    // The call itself goes on.
    const before = { caller: callerMedia.received, agent: agentMedia.received };
    await until(
      'the call’s audio still flowing',
      async () => callerMedia.received > before.caller + 20 && agentMedia.received > before.agent + 20,
    );
    expect(leadMedia.sent).toBeGreaterThan(0);

    await listen.bye();
    await until('the listen-in end audited', async () => (await audits(contact.id, 'call.monitor_end')).length === 1);
    const [listenEnd] = await audits(contact.id, 'call.monitor_end');
    expect(listenEnd).toMatchObject({ actorId: lead.id, toState: 'listen', reason: 'lead' });
    expect(listenEnd?.detail).toMatchObject({ leadId: lead.id, agentId: agent.id, mode: 'listen', joined: true });
    expect((listenEnd?.detail as { durationSeconds: number }).durationSeconds).toBeGreaterThanOrEqual(0);
    const afterLead = callerMedia.received;
    await until('the call still up after the lead left', async () => callerMedia.received > afterLead + 10);
    expect(inviter.state).toBe(SessionState.Established);
    await inviter.bye();
    await until('the ended contact', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.id, contact.id));
      return row?.state === 'ended';
    });
    // The whisper line checked above was never ended by anyone: it ends with the call (the server closes it).
    const ends = await audits(contact.id, 'call.monitor_end');
    expect(ends.map((e) => [e.toState, e.reason])).toEqual([
      ['listen', 'lead'],
      ['whisper', 'call_ended'],
    ]);
  });

  it('every session’s end is audited, whichever side ends it: whisper, barge, take-over not answered, the call ending', async () => {
    const app = kit.rig.t.app;
    const agent = await hotlineUser(app, db(), 'agent');
    await db().insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const { inviter, contact } = await kit.answeredCall('13800000052', { agent: agent.id, packets: 10 });
    const lead = await hotlineUser(app, db(), 'lead');
    const post = (cookie: string, url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: asUser(cookie), payload });
    const grant = async (mode: string) => {
      const res = await post(lead.cookie, '/api/calls/monitor', { contactId: contact.id, mode });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { target: string }).target;
    };
    const endsOf = async () =>
      (await audits(contact.id, 'call.monitor_end')).map((e) => ({
        actor: e.actorId,
        mode: e.toState,
        by: e.reason,
        lead: (e.detail as { leadId: string }).leadId,
        agent: (e.detail as { agentId: string }).agentId,
        joined: (e.detail as { joined: boolean }).joined,
      }));

    // 耳语: the agent's console answers the line, then reports the lead hanging up.
    const whisper = await grant('whisper');
    expect((await post(agent.cookie, '/api/calls/monitor/line', { token: whisper, leadId: lead.id })).statusCode).toBe(
      200,
    );
    // Only this call's agent may report the line's end, with the grant's own lead.
    const other = await hotlineUser(app, db(), 'agent');
    const endLine = (cookie: string, token: string, endedBy: string) =>
      post(cookie, '/api/calls/monitor/line/end', { token, leadId: lead.id, endedBy });
    expect((await endLine(other.cookie, whisper, 'lead')).statusCode).toBe(403);
    expect((await endLine(agent.cookie, `${whisper.slice(0, -4)}AAAA`, 'lead')).statusCode).toBe(403);
    expect((await endLine(agent.cookie, whisper, 'lead')).statusCode).toBe(200);
    // Reported twice (the lead's BYE and the agent's hang-up crossing): one end row.
    expect((await endLine(agent.cookie, whisper, 'agent')).statusCode).toBe(200);
    expect(await endsOf()).toEqual([
      { actor: agent.id, mode: 'whisper', by: 'lead', lead: lead.id, agent: agent.id, joined: true },
    ]);

    // 代接 the lead does not answer: the agent's console reports the failed transfer; the contact stays the agent's.
    await grant('takeover');
    expect((await post(other.cookie, '/api/calls/monitor/takeover/failed', { contactId: contact.id })).statusCode).toBe(
      404,
    );
    const failed = await post(agent.cookie, '/api/calls/monitor/takeover/failed', {
      contactId: contact.id,
      status: 603,
    });
    expect(failed.statusCode, failed.body).toBe(200);
    const [row] = await db().select().from(contacts).where(eq(contacts.id, contact.id));
    expect(row?.state).toBe('connected');
    expect((await endsOf()).at(-1)).toEqual({
      actor: agent.id,
      mode: 'takeover',
      by: 'not_answered',
      lead: lead.id,
      agent: agent.id,
      joined: false,
    });

    // 强插 joined, and a listen grant never placed (the lead's page closed): both end with the call.
    const barge = await grant('barge');
    expect((await post(agent.cookie, '/api/calls/monitor/line', { token: barge, leadId: lead.id })).statusCode).toBe(
      200,
    );
    await grant('listen');
    await inviter.bye();
    await until('the ended contact', async () => {
      const [r] = await db().select().from(contacts).where(eq(contacts.id, contact.id));
      return r?.state === 'ended';
    });
    await until('the open sessions closed', async () => (await endsOf()).length === 4);
    expect((await endsOf()).slice(2)).toEqual([
      { actor: null, mode: 'barge', by: 'call_ended', lead: lead.id, agent: agent.id, joined: true },
      { actor: null, mode: 'listen', by: 'call_ended', lead: lead.id, agent: agent.id, joined: false },
    ]);
    // Every start has exactly one end.
    expect(await audits(contact.id, 'call.monitor_start')).toHaveLength(4);
  });
});
