import { describe, expect, it } from 'vitest';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { useTelephonyRig } from '../support/telephony.js';
import { createAgents } from './calls-support.js';

/**
 * Issue 13 — a caller held in the queue longer than tm's transaction timer (fr_timer, 10 s) is still there when an
 * agent becomes ready. t_suspend adds a blind branch that runs that timer: without t_set_fr before the suspension
 * the proxy answered every caller still waiting after 10 s with 408 and the server's later t_continue found no
 * transaction ("active transaction not found") — the tail of the 200-call burst was lost that way.
 */
const kit = useTelephonyRig({}, {}, { untilMs: 15_000 });
const { until, contactOfCall, caller, actorOf } = kit;

describe('telephony: a long wait in the queue (issue 13)', () => {
  it('keeps the caller waiting past 10 s and connects them when an agent goes ready', { timeout: 40_000 }, async () => {
    const [agent] = await createAgents(kit.db, 1, () => [{ skill: 'general', level: 5 }]);
    const phone = await kit.phone(agent!);
    const citizen = await caller('13800000071');
    const inviter = await citizen.call('12345');
    await until('the queued contact', async () => (await contactOfCall(inviter.request.callId))?.state === 'queued');
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(inviter.state).toBe(SessionState.Establishing);
    await kit.calls.presence.setAgentState(agent!, 'ready', undefined, actorOf(agent!));
    const invitation = await phone.nextInvitation();
    await invitation.accept();
    await sessionState(inviter, SessionState.Established);
    const media = citizen.mediaOf(inviter)!;
    await until('RTP from the agent', async () => media.received > 10);
    await inviter.bye();
  });
});
