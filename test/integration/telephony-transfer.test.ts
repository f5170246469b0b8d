import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { UserAgent, type Invitation, type Inviter, type Session } from 'sip.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { outboundCalls } from '../../server/src/modules/calls/outbound-calls.table.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { asUser, signIn } from '../support/test-app.js';
import { SIP_DOMAIN, sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { useTelephonyRig } from '../support/telephony.js';
import { createAgents } from './calls-support.js';

/**
 * Issue 13 — routing beyond 12345 at the real proxy: an agent's consultation call (咨询) to a department's phone,
 * warm transfer (咨询转接, REFER with Replaces to the department's contact with `;alias=`), blind transfer and one-key
 * transfer (一键转接) to 119 (a scripted phone registered as that extension stands in for the carrier's route).
 */
const kit = useTelephonyRig();
const { until, contactOfCall, caller, actorOf, answeredCall } = kit;
const calls = () => kit.calls;
const db = () => kit.db;
/** A registered phone: an agent (user id) or a department's / emergency extension (its number). */
const phoneOf = (user: string, replaces = false) => kit.phone(user, { replaces });
const DEPARTMENT_NUMBER = '83001234';

/** The INVITE sip.js sends by itself when it follows a REFER. */
const referralOf = (session: Session) =>
  until('the referred call', async () => (session as Session & { _referral?: Inviter })._referral ?? null);

async function agentIsFree(agent: string, callId: string) {
  const ended = await until('the ended contact', async () => {
    const row = await contactOfCall(callId);
    return row?.state === 'ended' ? row : null;
  });
  expect(ended.agentId).toBe(agent);
  expect((await calls().store.getAgent(agent))?.state).toBe('wrap_up');
}

describe('telephony: consultation and transfers through Kamailio (issue 13, routing beyond 12345)', () => {
  it('warm transfer: consultation call to the department (caller id 12345), REFER with Replaces → caller and department connected, the agent free', async () => {
    const department = await phoneOf(DEPARTMENT_NUMBER, true);
    const { agent, phone, citizen, inviter, invitation, callId } = await answeredCall('13800000011');

    // Consultation (咨询): the agent calls the department's number through the proxy.
    const consult = await phone.call(DEPARTMENT_NUMBER);
    const consultAtDepartment: Invitation = await department.nextInvitation();
    expect(consultAtDepartment.request.from.uri.user).toBe('12345');
    expect(consultAtDepartment.request.getHeader('P-Asserted-Identity')).toContain('sip:12345@');
    await consultAtDepartment.accept();
    await sessionState(consult, SessionState.Established);

    // 咨询转接: the caller is referred to the department's contact (with ;alias=), replacing the consultation.
    await citizen.prepareMedia();
    await invitation.refer(consult);
    const replacing = await department.nextInvitation();
    expect(replacing.request.getHeader('Replaces')).toBeTruthy();
    await replacing.accept();
    // sip.js ends the replaced consultation by itself (BYE towards the agent).
    await sessionState(consultAtDepartment, SessionState.Terminated);
    const referred = await referralOf(inviter);
    await sessionState(referred, SessionState.Established);

    // The agent leaves: both of the agent's sessions end, the contact is ended as transferred, the agent wraps up.
    await invitation.bye();
    await sessionState(consult, SessionState.Terminated);
    await agentIsFree(agent, callId);

    // Caller and department talk through rtpengine.
    const citizenMedia = citizen.mediaOf(referred)!;
    const departmentMedia = department.mediaOf(replacing)!;
    await until('RTP both ways', async () => citizenMedia.received > 25 && departmentMedia.received > 25);
    expect(referred.state).toBe(SessionState.Established);
    await referred.bye();
    await sessionState(replacing, SessionState.Terminated);
  });

  it('blind transfer and one-key transfer to 119: the caller is referred to the extension, connected, the agent free', async () => {
    for (const [target, number] of [
      [DEPARTMENT_NUMBER, '13800000012'],
      ['119', '13800000013'],
    ] as const) {
      const targetPhone = await phoneOf(target);
      const { agent, citizen, inviter, invitation, callId } = await answeredCall(number);
      await citizen.prepareMedia();
      await invitation.refer(UserAgent.makeURI(`sip:${target}@${SIP_DOMAIN}`)!);
      const ringing = await targetPhone.nextInvitation();
      expect(ringing.request.from.uri.user).toBe(number);
      await ringing.accept();
      const referred = await referralOf(inviter);
      await sessionState(referred, SessionState.Established);
      await invitation.bye();
      await agentIsFree(agent, callId);
      await referred.bye();
      await sessionState(ringing, SessionState.Terminated);
    }
  });

  it('outbound (外呼): an agent dials a citizen through the proxy, the citizen sees 12345 as the caller id, audio both ways', async () => {
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    const phone = await phoneOf(agent!);
    // The citizen's phone stands in for the carrier's trunk (registered as the number).
    const citizen = await phoneOf('13900000021');
    const outbound = await phone.call('13900000021');
    const ringing = await citizen.nextInvitation();
    expect(ringing.request.from.uri.user).toBe('12345');
    expect(ringing.request.getHeader('P-Asserted-Identity')).toContain('sip:12345@');
    expect(ringing.request.toString()).not.toContain(agent!);
    await ringing.accept();
    await sessionState(outbound, SessionState.Established);
    const agentMedia = phone.mediaOf(outbound)!;
    const citizenMedia = citizen.mediaOf(ringing)!;
    await until('RTP both ways', async () => agentMedia.received > 25 && citizenMedia.received > 25);
    // The From restored towards the agent: the agent's in-dialog BYE reaches the citizen.
    await outbound.bye();
    await sessionState(ringing, SessionState.Terminated);
  });

  it('一键外呼 of a 漏接回拨 task: recorded with the task, the number only in the body for the softphone, dialled as 12345', async () => {
    const cookie = await signIn(kit.rig.t.app, 'agent01');
    const other = await signIn(kit.rig.t.app, 'agent02');
    const [me] = await db().select({ id: users.id }).from(users).where(eq(users.username, 'agent01'));
    const agent = me!.id;
    const task = await calls().router.enqueueContact({
      channel: 'callback',
      callerNumber: '13900000041',
      priority: 'normal',
      greenChannel: false,
      skillGroup: 'general',
    });
    await calls().presence.setAgentState(agent, 'ready', undefined, actorOf(agent));
    await until('the task offered to the agent', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.id, task.id));
      return row?.state === 'offered' && row.agentId === agent;
    });

    // Someone else's task is not there for another agent.
    const refused = await kit.rig.t.app.inject({
      method: 'POST',
      url: `/api/calls/desk/contacts/${task.id}/dial`,
      headers: asUser(other),
    });
    expect(refused.statusCode).toBe(404);

    const url = `/api/calls/desk/contacts/${task.id}/dial`;
    const response = await kit.rig.t.app.inject({ method: 'POST', url, headers: asUser(cookie) });
    expect(response.statusCode).toBe(200);
    const dial = response.json<{ outboundCallId: string; number: string; callerId: string }>();
    expect(dial).toMatchObject({ number: '13900000041', callerId: '12345', contactId: task.id });
    expect(url).not.toContain(dial.number);
    const [record] = await db().select().from(outboundCalls).where(eq(outboundCalls.id, dial.outboundCallId));
    expect(record).toMatchObject({ agentId: agent, contactId: task.id });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contact.dial'), eq(auditLog.entityId, task.id)));
    expect(audits).toHaveLength(1);

    // The softphone dials the number through the proxy; the citizen sees the hotline.
    const phone = await phoneOf(agent);
    const citizen = await phoneOf(dial.number);
    const outbound = await phone.call(dial.number);
    const ringing = await citizen.nextInvitation();
    expect(ringing.request.from.uri.user).toBe('12345');
    await ringing.accept();
    await sessionState(outbound, SessionState.Established);
    await outbound.bye();
    await sessionState(ringing, SessionState.Terminated);
  });

  it('a caller nobody referred cannot call a department or 110 directly (the proxy demands a credential)', async () => {
    const department = await phoneOf(DEPARTMENT_NUMBER);
    const stranger = await caller('13800000014');
    for (const target of [DEPARTMENT_NUMBER, '110']) {
      const inviter = await stranger.call(target);
      await sessionState(inviter, SessionState.Established, 3000).then(
        () => expect.fail(`a stranger reached ${target}`),
        () => undefined,
      );
    }
    await expect(department.nextInvitation(500)).rejects.toThrow('no INVITE arrived');
  });
});
