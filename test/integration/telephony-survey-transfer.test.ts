import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { callRatings } from '../../server/src/modules/calls/call-ratings.table.js';
import { callRecords } from '../../server/src/modules/calls/call-records.table.js';
import { agentSkills } from '../../server/src/modules/calls/calls.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { asUser } from '../support/test-app.js';
import { hotlineUser } from '../support/ticket-factories.js';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — 转满意度 and the survey's time-out through the real proxy: with the automatic survey off (CALL_SURVEY=off),
 * the agent transfers the caller to the satisfaction survey and hangs up; rtpengine plays the prompt; a keypress rates
 * the call, and a caller who presses nothing is recorded as no_answer and hung up by the proxy after SURVEY_SECONDS.
 */
const SURVEY_SECONDS = 3;
const kit = useTelephonyRig({ callSurvey: false }, { surveySeconds: SURVEY_SECONDS }, { logLines: 40 });
const { until, contactOfCall } = kit;
const db = () => kit.db;

const recordOf = (contactId: string) =>
  db()
    .select()
    .from(callRecords)
    .where(eq(callRecords.contactId, contactId))
    .then((rows) => rows[0] ?? null);
const ratingsOf = (contactId: string) => db().select().from(callRatings).where(eq(callRatings.contactId, contactId));
const audits = (contactId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, contactId), eq(auditLog.action, action)));

/** A signed-in agent's call from a citizen, answered, RTP both ways. */
async function answeredByAgent(number: string) {
  const agent = await hotlineUser(kit.rig.t.app, db(), 'agent');
  await db().insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
  const call = await kit.answeredCall(number, { agent: agent.id });
  const transfer = (cookie = agent.cookie) =>
    kit.rig.t.app.inject({
      method: 'POST',
      url: `/api/calls/desk/contacts/${call.contact.id}/survey`,
      headers: asUser(cookie),
    });
  return { ...call, cookie: agent.cookie, transfer };
}

/** The agent hangs up first: the agent's leg ends, the caller stays (the survey) or is hung up too. */
async function agentHangsUp(call: Awaited<ReturnType<typeof answeredByAgent>>) {
  await call.invitation.bye();
  await sessionState(call.invitation, SessionState.Terminated);
  await until('the ended contact', async () => (await contactOfCall(call.callId))?.state === 'ended');
}

describe('telephony: transfer to the satisfaction survey and its time-out (issue 13)', () => {
  it('without 转满意度 the survey is off: the agent hangs up, the caller is hung up, nothing offered', async () => {
    const call = await answeredByAgent('13800000061');
    await agentHangsUp(call);
    await sessionState(call.inviter, SessionState.Terminated, 5_000);
    const record = await until('the record', () => recordOf(call.contact.id));
    expect(record.hungUpBy).toBe('agent');
    expect(record.surveyOfferedAt).toBeNull();
  });

  it('转满意度: the agent transfers the caller to the survey and hangs up → prompt → keypress 1 → rated, caller hung up', async () => {
    const call = await answeredByAgent('13800000062');
    const transferred = await call.transfer();
    expect(transferred.statusCode, transferred.body).toBe(200);
    const [audit] = await audits(call.contact.id, 'call.survey_transfer');
    expect(audit?.actorId).toBe(call.agent);

    await agentHangsUp(call);
    // The caller stays on the line and hears the prompt although the agent sends nothing any more.
    expect(call.inviter.state).toBe(SessionState.Established);
    const heard = call.callerMedia.received;
    await until('the survey prompt at the caller', async () => call.callerMedia.received > heard + 25);
    await call.callerMedia.sendDtmf('1');
    const [rating] = await until('the rating', async () => {
      const rows = await ratingsOf(call.contact.id);
      return rows.length ? rows : null;
    });
    expect(rating).toMatchObject({ rating: 1, agentId: call.agent });
    await sessionState(call.inviter, SessionState.Terminated, 8_000);
    const record = (await recordOf(call.contact.id))!;
    expect(record.surveyRequestedAt).not.toBeNull();
    expect(record.surveyOfferedAt).not.toBeNull();
    expect(record.surveyOutcome).toBe('rated');

    // After the call it is no longer the agent's live call: a second transfer is refused in Chinese.
    const late = await call.transfer();
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('survey_not_in_call');
    expect(late.json().message).toMatch(/通话中/);
  });

  it('no key pressed: after the survey time-out the call record says no_answer, no rating, the proxy hangs up the caller', async () => {
    const call = await answeredByAgent('13800000063');
    expect((await call.transfer()).statusCode).toBe(200);
    await agentHangsUp(call);
    const surveyStart = Date.now();
    const heard = call.callerMedia.received;
    await until('the survey prompt at the caller', async () => call.callerMedia.received > heard + 25);
    expect(call.inviter.state).toBe(SessionState.Established);

    // Nothing pressed: the proxy's timer (checked every second) ends the survey.
    await sessionState(call.inviter, SessionState.Terminated, (SURVEY_SECONDS + 8) * 1000);
    expect(Date.now() - surveyStart).toBeGreaterThanOrEqual((SURVEY_SECONDS - 1) * 1000);
    const record = await until('the no_answer outcome', async () => {
      const row = await recordOf(call.contact.id);
      return row?.surveyOutcome === 'no_answer' ? row : null;
    });
    expect(record.surveyOfferedAt).not.toBeNull();
    expect(await ratingsOf(call.contact.id)).toHaveLength(0);
    expect(await audits(call.contact.id, 'call.survey_no_answer')).toHaveLength(1);

    // The 话单 shows it; a key reported after the time-out changes nothing.
    const view = await kit.rig.t.app.inject({
      method: 'GET',
      url: `/api/calls/contacts/${call.contact.id}/record`,
      headers: asUser(call.cookie),
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ surveyOffered: true, surveyRating: null, surveyOutcome: 'no_answer' });
    expect(await kit.calls.survey.timedOut({ callId: call.callId })).toEqual({ outcome: 'already_ended' });
  });

  it('an agent cannot send another agent’s call to the survey', async () => {
    const call = await answeredByAgent('13800000064');
    const other = await hotlineUser(kit.rig.t.app, db(), 'agent');
    const refused = await call.transfer(other.cookie);
    expect(refused.statusCode).toBe(409);
    expect(await audits(call.contact.id, 'call.survey_transfer')).toHaveLength(0);
    await call.inviter.bye();
    await until('the ended contact', async () => (await contactOfCall(call.callId))?.state === 'ended');
  });
});
