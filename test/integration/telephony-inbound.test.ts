import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Invitation, Inviter } from 'sip.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { useTelephonyRig } from '../support/telephony.js';
import { createAgents } from './calls-support.js';

/**
 * Issue 13 — inbound calls for real: a scripted caller (sip.js over WebSocket, RTP through rtpengine) into a private
 * Kamailio + rtpengine, the router choosing the agent, the agent's scripted softphone ringing.
 */
const kit = useTelephonyRig();
const { until, contactOfCall, caller, actorOf } = kit;
const calls = () => kit.calls;
const db = () => kit.db;
const agentPhone = (agentId: string) => kit.phone(agentId);
const callIdOf = (inviter: Inviter) => inviter.request.callId;

describe('telephony: inbound calls through Kamailio and rtpengine (issue 13)', () => {
  it('queues the caller, rings the chosen agent, carries RTP both ways, records the call, hang-up → wrap-up', async () => {
    const [agent] = await createAgents(db(), 1, () => [{ skill: 'general', level: 5 }]);
    const phone = await agentPhone(agent!);
    const citizen = await caller('13800000001');
    const inviter = await citizen.call('12345');
    const callId = callIdOf(inviter);

    // Held at the proxy and queued at the server while nobody is ready.
    const queued = await until('the queued contact', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'queued' ? row : null;
    });
    expect(queued.channel).toBe('call');
    expect(queued.callerNumber).toBe('13800000001');
    expect(inviter.state).toBe(SessionState.Establishing);

    // The agent goes ready: the router offers the call and the softphone rings.
    await calls().presence.setAgentState(agent!, 'ready', undefined, actorOf(agent!));
    const invitation: Invitation = await phone.nextInvitation();
    expect((await contactOfCall(callId))?.state).toBe('offered');
    expect((await calls().store.getAgent(agent!))?.state).toBe('ringing');

    await invitation.accept();
    await sessionState(inviter, SessionState.Established);
    await until('the connected contact', async () => (await contactOfCall(callId))?.state === 'connected');
    expect((await calls().store.getAgent(agent!))?.state).toBe('talking');

    // Audio both ways through rtpengine: count packets.
    const callerMedia = citizen.mediaOf(inviter)!;
    const agentMedia = phone.mediaOf(invitation)!;
    await until('RTP both ways', async () => callerMedia.received > 25 && agentMedia.received > 25);
    expect(callerMedia.sent).toBeGreaterThan(25);
    expect(agentMedia.sent).toBeGreaterThan(25);

    // The agent hangs up: cleared → ended, the agent wraps up (话后处理).
    await invitation.bye();
    await sessionState(inviter, SessionState.Terminated);
    const ended = await until('the ended contact', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'ended' ? row : null;
    });
    expect(ended.agentId).toBe(agent);
    expect(ended.answeredAt).not.toBeNull();
    expect((await calls().store.getAgent(agent!))?.state).toBe('wrap_up');
  });

  it('abandon while queued: the caller gets 487 and a 漏接回拨 callback task is queued', async () => {
    const citizen = await caller('13800000002');
    let finalCode = 0;
    const inviter = await citizen.call('12345');
    inviter.delegate = {};
    const callId = callIdOf(inviter);
    const queued = await until('the queued contact', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'queued' ? row : null;
    });
    const terminated = new Promise<void>((resolve) => {
      inviter.stateChange.addListener((s) => {
        if (s === SessionState.Terminated) resolve();
      });
    });
    // The final response the caller's transaction sees.
    const core = citizen.ua.userAgentCore;
    const original = core.receiveIncomingResponseFromTransport.bind(core);
    core.receiveIncomingResponseFromTransport = (message) => {
      if (message.cseq === inviter.request.cseq && message.method === 'INVITE' && (message.statusCode ?? 0) >= 300)
        finalCode = message.statusCode ?? 0;
      original(message);
    };
    await inviter.cancel();
    await terminated;
    await until('the 487', async () => finalCode === 487);

    const abandoned = await until('the abandoned contact', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'abandoned' ? row : null;
    });
    expect(abandoned.id).toBe(queued.id);
    const [task] = await db()
      .select()
      .from(contacts)
      .where(and(eq(contacts.parentContactId, queued.id), eq(contacts.channel, 'callback')));
    expect(task?.state).toBe('queued');
    expect(task?.callerNumber).toBe('13800000002');
  });

  it('ring-no-answer at the softphone: the call is re-offered to another agent, the first goes not ready', async () => {
    calls().ctx.policy.ringSeconds = 4; // the proxy rings 3 s, then reports 408
    const [first, second] = await createAgents(db(), 2, () => [{ skill: 'general', level: 5 }]);
    const firstPhone = await agentPhone(first!);
    const secondPhone = await agentPhone(second!);
    await calls().presence.setAgentState(first!, 'ready', undefined, actorOf(first!));
    // The app's clock is a test clock: it must move for the first agent to have waited longer (longest idle first).
    kit.rig.t.clock.advance(1000);
    await calls().presence.setAgentState(second!, 'ready', undefined, actorOf(second!));

    const citizen = await caller('13800000003');
    const inviter = await citizen.call('12345');
    const callId = callIdOf(inviter);
    // The longest-idle agent rings first and does not answer.
    const ignored = await firstPhone.nextInvitation();
    // The re-offer rings long enough for a loaded machine to answer it (the first offer keeps its 4 s).
    calls().ctx.policy.ringSeconds = 30;
    expect((await contactOfCall(callId))?.agentId).toBe(first);

    const answered = await secondPhone.nextInvitation(8000);
    await answered.accept();
    // The proxy cancelled the first agent's ringing (the CANCEL may arrive after the second INVITE).
    await sessionState(ignored, SessionState.Terminated);
    const firstState = await calls().store.getAgent(first!);
    expect(firstState?.state).toBe('break');
    expect(firstState?.reason).toBe('ring_no_answer');

    await sessionState(inviter, SessionState.Established);
    const connected = await until('the call connected to the second agent', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'connected' ? row : null;
    });
    expect(connected.agentId).toBe(second);
    await inviter.bye();
    await until('the ended contact', async () => (await contactOfCall(callId))?.state === 'ended');
  });
  it('a lead reassigns a ringing call (改派): the proxy stops ringing the first agent, the caller rings the second (cancel at the proxy)', async () => {
    const [first, second, lead] = await createAgents(db(), 3, () => [{ skill: 'general', level: 5 }]);
    const firstPhone = await agentPhone(first!);
    const secondPhone = await agentPhone(second!);
    await calls().presence.setAgentState(first!, 'ready', undefined, actorOf(first!));
    const citizen = await caller('13800000004');
    const inviter = await citizen.call('12345');
    const callId = callIdOf(inviter);
    const ringing = await firstPhone.nextInvitation();
    const contact = await until('the offered contact', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'offered' ? row : null;
    });

    await calls().presence.setAgentState(second!, 'ready', undefined, actorOf(second!));
    await calls().router.assignContact(contact.id, second!, { userId: lead!, role: 'lead', ip: null });
    // Well before the proxy's own ring timer (14 s): the first phone's ringing is cancelled.
    await sessionState(ringing, SessionState.Terminated, 5000);
    const answered = await secondPhone.nextInvitation(5000);
    await answered.accept();
    await sessionState(inviter, SessionState.Established);
    const connected = await until('the call connected to the second agent', async () => {
      const row = await contactOfCall(callId);
      return row?.state === 'connected' ? row : null;
    });
    expect(connected.agentId).toBe(second);
    expect((await calls().store.getAgent(first!))?.state).toBe('ready');
    await inviter.bye();
    await until('the ended contact', async () => (await contactOfCall(callId))?.state === 'ended');
  });
});
