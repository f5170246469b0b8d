import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { callRatings } from '../../server/src/modules/calls/call-ratings.table.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import type { AuditActor } from '../../server/src/modules/audit/audit.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createAgents, newCallId, resetRouting, telephonyEvent, TEST_TELEPHONY_SECRET } from './calls-support.js';

/** Issue 13 — 一次一评: the caller's keypress after the call lands in call_ratings, once per call. */
let t: TestApp;
const actorOf = (userId: string): AuditActor => ({ userId, role: 'agent', ip: null });
const survey = (body: Record<string, unknown>, secret = TEST_TELEPHONY_SECRET) =>
  t.app.inject({
    method: 'POST',
    url: '/api/telephony/sip/survey',
    headers: { 'x-telephony-secret': secret },
    payload: body,
  });

describe('post-call satisfaction survey (issue 13)', () => {
  beforeAll(async () => {
    await resetRouting();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await resetRouting();
  });

  it('records 1 满意 / 2 基本满意 / 3 不满意 once per answered call, with the agent; other keys are no rating', async () => {
    const db = t.deps.database.db;
    const [agent] = await createAgents(db, 1, () => [{ skill: 'general', level: 5 }]);
    await t.deps.calls.presence.setAgentState(agent!, 'ready', undefined, actorOf(agent!));
    const callId = newCallId();
    await telephonyEvent(t.app, { type: 'delivered', callId, callerNumber: '13800000030' });
    await t.deps.calls.router.dispatch();
    expect((await survey({ callId, digit: '1' })).json().outcome).toBe('unknown_call'); // not answered yet
    await telephonyEvent(t.app, { type: 'established', callId });
    await telephonyEvent(t.app, { type: 'cleared', callId });

    expect((await survey({ callId, digit: '7' })).json()).toEqual({ outcome: 'not_a_rating', rating: null });
    expect((await survey({ callId, digit: '2' })).json()).toEqual({ outcome: 'rated', rating: 2 });
    expect((await survey({ callId, digit: '3' })).json().outcome).toBe('already_rated');
    const [contact] = await db.select().from(contacts).where(eq(contacts.callId, callId));
    const rows = await db.select().from(callRatings).where(eq(callRatings.contactId, contact!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 2, agentId: agent });

    expect((await survey({ callId: 'no-such-call', digit: '1' })).json().outcome).toBe('unknown_call');
    expect((await survey({ callId, digit: '12' })).statusCode).toBe(400);
    expect((await survey({ callId, digit: '1' }, 'wrong')).statusCode).toBe(401);
  });
});
