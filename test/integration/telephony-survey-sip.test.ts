import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { callRatings } from '../../server/src/modules/calls/call-ratings.table.js';
import { callRecords } from '../../server/src/modules/calls/call-records.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — 一次一评 for real: the agent hangs up first, the proxy keeps the caller, rtpengine plays the prompt, the
 * caller's RFC 4733 keypress reaches the server through rtpengine's DTMF log, the rating lands in call_ratings and the
 * proxy hangs up the caller. The call record (话单) gets who hung up, hold time and rtpengine's media figures.
 */
const kit = useTelephonyRig({ callSurvey: true }, {}, { logLines: 40 });
const { until, contactOfCall, answeredCall } = kit;
const calls = () => kit.calls;
const db = () => kit.db;
const recordOf = (contactId: string) =>
  db()
    .select()
    .from(callRecords)
    .where(eq(callRecords.contactId, contactId))
    .then((rows) => rows[0] ?? null);

describe('telephony: post-call satisfaction survey and call record fields (issue 13)', () => {
  it('agent hangs up → prompt to the caller → keypress 2 → rating on the record, caller hung up by the proxy', async () => {
    const call = await answeredCall('13800000041');
    // Hold (保持) and retrieve by the agent: re-INVITEs through the proxy become held / retrieved events.
    kit.rig.t.clock.set(new Date());
    await call.invitation.invite({ sessionDescriptionHandlerOptions: { hold: true } } as never);
    await until('the hold on the record', async () => (await recordOf(call.contact.id))?.heldSince);
    await new Promise((r) => setTimeout(r, 1_600));
    kit.rig.t.clock.set(new Date());
    await call.invitation.invite({ sessionDescriptionHandlerOptions: { hold: false } } as never);
    await until('the retrieve on the record', async () => {
      const row = await recordOf(call.contact.id);
      return row && row.heldSince === null && row.holdCount === 1 ? row : null;
    });

    // Some talk after the hold, then the agent hangs up first: the agent's leg ends, the caller's stays.
    await new Promise((r) => setTimeout(r, 2_000));
    kit.rig.t.clock.set(new Date());
    const callerSent = call.callerMedia.sent;
    await call.invitation.bye();
    await sessionState(call.invitation, SessionState.Terminated);
    await until('the ended contact', async () => (await contactOfCall(call.callId))?.state === 'ended');
    expect(call.inviter.state).toBe(SessionState.Established);
    expect((await calls().store.getAgent(call.agent))?.state).toBe('wrap_up');

    // The prompt reaches the caller although the agent sends nothing any more.
    const heard = call.callerMedia.received;
    await until('the survey prompt at the caller', async () => call.callerMedia.received > heard + 25);

    // A digit pressed is a rating only once the call has ended; 2 = 基本满意.
    await call.callerMedia.sendDtmf('2');
    const rating = await until('the rating', async () => {
      const rows = await db().select().from(callRatings).where(eq(callRatings.contactId, call.contact.id));
      return rows[0] ?? null;
    });
    expect(rating).toMatchObject({ rating: 2, agentId: call.agent });
    // The proxy hangs up the caller in the agent's place.
    await sessionState(call.inviter, SessionState.Terminated, 8_000);

    const record = (await recordOf(call.contact.id))!;
    expect(record.hungUpBy).toBe('agent');
    expect(record.surveyOfferedAt).not.toBeNull();
    expect(record.holdCount).toBe(1);
    expect(record.holdSeconds).toBeGreaterThanOrEqual(1);
    expect(record.holdSeconds).toBeLessThanOrEqual(3);
    // rtpengine counted what the caller sent until the hang-up (loopback loses nothing).
    expect(record.media?.callerPackets).toBeGreaterThan(callerSent * 0.9);
    expect(record.media?.callerPackets).toBeLessThanOrEqual(callerSent + 5);
    expect(record.media?.agentPackets).toBeGreaterThan(25);
    // No RTCP from the scripted phones: the MOS is the E-model estimate from those packets over the talk time.
    expect(record.mosSource).toBe('estimate');
    expect(record.lossPercent).not.toBeNull();
    expect(record.mosX10).toBeGreaterThanOrEqual(10);
    expect(record.mosX10).toBeLessThanOrEqual(45);
  });

  it('caller hangs up first: no survey, the record says who hung up; keys pressed while talking are no rating', async () => {
    const call = await answeredCall('13800000042');
    await call.callerMedia.sendDtmf('1');
    await new Promise((r) => setTimeout(r, 500));
    await call.inviter.bye();
    await sessionState(call.invitation, SessionState.Terminated);
    await until('the ended contact', async () => (await contactOfCall(call.callId))?.state === 'ended');
    const record = await until('the record', () => recordOf(call.contact.id));
    expect(record.hungUpBy).toBe('caller');
    expect(record.surveyOfferedAt).toBeNull();
    expect(await db().select().from(callRatings).where(eq(callRatings.contactId, call.contact.id))).toHaveLength(0);
  });
});
