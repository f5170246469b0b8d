import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Inviter, Session } from 'sip.js';
import { agentSkills, contacts } from '../../server/src/modules/calls/calls.table.js';
import { callRecords } from '../../server/src/modules/calls/call-records.table.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { createScriptedUa, sessionState, SessionState, type ScriptedUa } from '../../server/telephony/sip-ua.js';
import { toneSamples } from '../../server/telephony/rtp-media.js';
import { fillSignInForm } from '../support/browser.js';
import { useTelephonyBrowser } from '../support/telephony-browser.js';
import { resetRouting } from '../integration/calls-support.js';
import { createUser } from '../support/factories.js';
import { asUser, signIn } from '../support/test-app.js';
import { MONITOR_LINE_HEADER, type MonitorStartResult } from '@hotline/shared/contracts/call-monitoring';

/**
 * Issue 13 — the console's softphone in Chromium with a fake microphone, against a real Kamailio + rtpengine:
 * registers, rings on a scripted call, answers (audio through rtpengine), holds, hangs up; 三方通话 mixed in the
 * browser (each far party hears the other's tone).
 */
const kit = useTelephonyBrowser('telephony-softphone');
const { until, text } = kit;
const baseUrl = () => kit.baseUrl();
let caller: ScriptedUa | null = null;
let department: ScriptedUa | null = null;
let leadPhone: ScriptedUa | null = null;
kit.onClose(async () => {
  await caller?.stop();
  await department?.stop();
  await leadPhone?.stop();
});

/**
 * Runs in the agent's page: how much of the softphone's incoming audio (the phone bar's <audio>) is the tone at HZ —
 * the Goertzel power at HZ over the total power of about 2 s of frames (MediaStreamTrackProcessor: no AudioContext,
 * so no autoplay gesture needed). Near 1 for a pure tone, near 0 for silence or other sounds.
 */
const TONE_AT_THE_AGENT = `(async () => {
  const audio = document.querySelector('[data-testid="phone-bar"] audio');
  const track = audio && audio.srcObject && audio.srcObject.getAudioTracks()[0];
  if (!track) return -1;
  const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
  let tone = 0;
  let energy = 0;
  for (let i = 0; i < 200; i++) {
    const { value } = await reader.read();
    if (!value) break;
    const samples = new Float32Array(value.numberOfFrames);
    value.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
    const k = 2 * Math.cos((2 * Math.PI * HZ) / value.sampleRate);
    let s1 = 0;
    let s2 = 0;
    for (const x of samples) {
      const s0 = x + k * s1 - s2;
      s2 = s1;
      s1 = s0;
      energy += x * x;
    }
    tone += (s1 * s1 + s2 * s2 - k * s1 * s2) / (samples.length / 2);
    value.close();
  }
  reader.releaseLock();
  return energy > 0 ? tone / energy : 0;
})()`;

describe('softphone in the agent console (issue 13)', () => {
  it('registers, rings on a scripted call, answers with two-way audio, holds, hangs up', async () => {
    const page = await kit.page('telephony-softphone');
    await kit.signInAtDesk(page, 'agent01');

    await kit.goReady(page);

    caller = await createScriptedUa({ wsUrl: kit.rig.tel.wsUrl, user: '13800000020' });
    const inviter = await caller.call('12345');
    const callId = inviter.request.callId;
    await until(
      'the softphone ringing',
      async () => (await text(page, 'softphone-call').catch(() => '')) === '来电振铃',
    );

    const pressed = Date.now();
    await page.getByTestId('softphone-answer').click();
    await sessionState(inviter, SessionState.Established).catch((error) => {
      throw new Error(`${error}\n${kit.rig.log.slice(-60).join('\n')}`);
    });
    const answerMs = Date.now() - pressed;
    expect(answerMs).toBeLessThan(3000);
    await until('the call connected', async () => {
      const [row] = await kit.rig.t.deps.database.db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'connected';
    });
    // The browser's fake microphone reaches the caller through rtpengine, and the caller's RTP reaches rtpengine.
    const media = caller.mediaOf(inviter)!;
    const before = media.received;
    await until('audio both ways', async () => media.received > before + 20 && media.sent > 20);
    expect(await text(page, 'softphone-call')).toBe('通话中');

    await page.getByTestId('softphone-hold').click();
    await until('the call held', async () => (await text(page, 'softphone-call')) === '已保持');
    await page.getByTestId('softphone-hold').click();
    await until('the call resumed', async () => (await text(page, 'softphone-call')) === '通话中');

    await page.getByTestId('softphone-hangup').click();
    await sessionState(inviter, SessionState.Terminated);
    await until('the call ended', async () => {
      const [row] = await kit.rig.t.deps.database.db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'ended';
    });
    await until(
      'wrap-up on the desk',
      async () => (await page.getByTestId('agent-presence').getAttribute('data-state')) === 'wrap_up',
    );
  });

  it('三方通话: caller and department hear each other through the agent’s browser; one hanging up leaves the other', async () => {
    const page = await kit.page('telephony-conference');
    await kit.signInAtDesk(page, 'agent02');
    await kit.goReady(page);

    // Each far party sends its own tone: who hears whom is told by the frequencies arriving at each phone.
    const CALLER_HZ = 700;
    const DEPARTMENT_HZ = 1700;
    const DEPARTMENT_NUMBER = '83005678';
    department = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: DEPARTMENT_NUMBER,
      auth: kit.rig.t.deps.calls.sip!.credentials(DEPARTMENT_NUMBER),
      samples: toneSamples(1, DEPARTMENT_HZ),
    });
    await department.register();
    caller = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: '13800000021',
      samples: toneSamples(1, CALLER_HZ),
    });
    const inviter = await kit.answerAtDesk(page, caller);
    const callId = inviter.request.callId;
    const callerMedia = caller.mediaOf(inviter)!;

    // 咨询: the caller is held, the department rings and answers.
    await page.getByTestId('softphone-number').fill(DEPARTMENT_NUMBER);
    await page.getByTestId('softphone-consult').click();
    const atDepartment = await department.nextInvitation();
    await atDepartment.accept();
    await until('consulting', async () => (await text(page, 'softphone-call')) === '咨询中（来电方保持）');
    const departmentMedia = department.mediaOf(atDepartment)!;
    await until('the department hears the agent', async () => departmentMedia.received > 50);
    // Before 三方通话 the department does not hear the caller.
    expect(departmentMedia.toneLevel(CALLER_HZ)).toBeLessThan(0.05);

    await page.getByTestId('softphone-conference').click();
    await until('三方通话 on the panel', async () => (await text(page, 'softphone-call')) === '三方通话中');
    // The caller hears the department and the department hears the caller: mixed by the agent's browser.
    await until(
      'the department hears the caller and the caller hears the department',
      async () => departmentMedia.toneLevel(CALLER_HZ) > 0.1 && callerMedia.toneLevel(DEPARTMENT_HZ) > 0.1,
      20_000,
    );
    expect(departmentMedia.toneLevel(DEPARTMENT_HZ)).toBeLessThan(0.05);
    expect(callerMedia.toneLevel(CALLER_HZ)).toBeLessThan(0.05);

    // The department hangs up: a two-party call with the caller, audio still flowing.
    await atDepartment.bye();
    await until('back to a two-party call', async () => (await text(page, 'softphone-call')) === '通话中');
    const before = callerMedia.received;
    await until('the caller still hears the agent', async () => callerMedia.received > before + 25);
    expect(inviter.state).toBe(SessionState.Established);
    const [row] = await kit.rig.t.deps.database.db.select().from(contacts).where(eq(contacts.callId, callId));
    expect(row?.state).toBe('connected');

    await page.getByTestId('softphone-hangup').click();
    await sessionState(inviter, SessionState.Terminated);
  });

  it('代接: the lead presses 代接 on the wallboard, the agent’s softphone transfers the caller to the lead’s softphone, the agent is free', async () => {
    const db = kit.rig.t.deps.database.db;
    // agent03's general skill (level 3) is an overflow tier, and the app's test clock does not run: one tier for all.
    Object.assign(kit.rig.t.deps.calls.ctx.policy, { tierMinLevels: [1], tierOverflowSeconds: [0] });
    const agentPage = await kit.page('telephony-takeover-agent');
    await kit.signInAtDesk(agentPage, 'agent03');
    await kit.goReady(agentPage);

    // The lead's wallboard carries the lead's own softphone (班长软电话), where a take-over rings.
    const leadPage = await kit.page('telephony-takeover-lead');
    await fillSignInForm(leadPage, baseUrl(), 'lead01');
    // A lead lands on the wallboard.
    await leadPage.getByTestId('wallboard').waitFor();
    await until('the lead softphone registered', async () => (await text(leadPage, 'softphone-status')) === '已就绪');

    caller = await createScriptedUa({ wsUrl: kit.rig.tel.wsUrl, user: '13800000022' });
    const inviter = await caller.call('12345');
    const callId = inviter.request.callId;
    await until(
      'the agent ringing',
      async () => (await text(agentPage, 'softphone-call').catch(() => '')) === '来电振铃',
    );
    await agentPage.getByTestId('softphone-answer').click();
    await sessionState(inviter, SessionState.Established);
    const contact = await until('the connected contact', async () => {
      const [row] = await db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'connected' ? row : null;
    });
    // The caller follows the REFER with a call of its own (sip.js does), which needs its RTP endpoint ready.
    await caller.prepareMedia();

    await leadPage.getByTestId(`monitor-takeover-${contact.id}`).click();
    await until(
      'the lead’s softphone ringing',
      async () => (await text(leadPage, 'softphone-call').catch(() => '')) === '来电振铃',
    );
    await leadPage.getByTestId('softphone-answer').click();
    const referred = await until(
      'the caller’s referred call',
      async () => (inviter as Session & { _referral?: Inviter })._referral ?? null,
    );
    await sessionState(referred, SessionState.Established);
    await until('the lead in the call', async () => (await text(leadPage, 'softphone-call')) === '通话中');
    // Caller ↔ lead with audio both ways (the lead's fake microphone reaches the caller through rtpengine).
    const media = caller.mediaOf(referred)!;
    await until('audio between caller and lead', async () => media.received > 25 && media.sent > 25);

    // The agent is released: its leg ended after the lead answered, the contact ended as transferred, wrap-up.
    await sessionState(inviter, SessionState.Terminated);
    await until('the agent idle', async () => (await text(agentPage, 'softphone-call').catch(() => '')) !== '通话中');
    await until('the contact ended', async () => {
      const [row] = await db.select().from(contacts).where(eq(contacts.id, contact.id));
      return row?.state === 'ended';
    });
    await until(
      'wrap-up on the agent desk',
      async () => (await agentPage.getByTestId('agent-presence').getAttribute('data-state')) === 'wrap_up',
    );
    const [lead] = await db.select().from(users).where(eq(users.username, 'lead01'));
    const [record] = await db.select().from(callRecords).where(eq(callRecords.contactId, contact.id));
    expect(record?.transferCount).toBe(1);
    expect(record?.transfers).toEqual([expect.objectContaining({ target: lead!.id })]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contact.id), eq(auditLog.action, 'call.monitor_start')));
    expect(audit).toEqual([expect.objectContaining({ actorId: lead!.id, toState: 'takeover' })]);
    // The take-over's end: the lead answered, the contact went to the lead.
    const takenOver = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contact.id), eq(auditLog.action, 'call.monitor_end')));
    expect(takenOver).toEqual([
      expect.objectContaining({
        toState: 'takeover',
        reason: 'taken_over',
        detail: expect.objectContaining({ leadId: lead!.id, to: lead!.id }),
      }),
    ]);

    await referred.bye();
    await until('the lead’s call ended', async () => (await text(leadPage, 'softphone-call')) !== '通话中');
  });

  it('代接 the lead declines: the caller comes back to the agent (two-way audio), the contact is not transferred', async () => {
    const db = kit.rig.t.deps.database.db;
    Object.assign(kit.rig.t.deps.calls.ctx.policy, { tierMinLevels: [1], tierOverflowSeconds: [0] });
    const agent = await createUser(db, 'agent');
    await db.insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const page = await kit.page('telephony-takeover-declined');
    await kit.signInAtDesk(page, agent.username, agent.password);
    await kit.goReady(page);

    const CALLER_HZ = 700;
    caller = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: '13800000025',
      samples: toneSamples(1, CALLER_HZ),
    });
    const inviter = await kit.answerAtDesk(page, caller);
    const callId = inviter.request.callId;
    const contact = await until('the connected contact', async () => {
      const [row] = await db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'connected' ? row : null;
    });
    await caller.prepareMedia();

    // The lead's phone (the lead's own credential) rings with the caller's referred call and declines it.
    const lead = await createUser(db, 'lead');
    const declining = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: lead.id,
      auth: kit.rig.t.deps.calls.sip!.credentials(lead.id),
    });
    await declining.register();
    const cookie = await signIn(kit.rig.t.app, lead.username, lead.password);
    const started = await kit.rig.t.app.inject({
      method: 'POST',
      url: '/api/calls/monitor',
      headers: asUser(cookie),
      payload: { contactId: contact.id, mode: 'takeover' },
    });
    expect(started.statusCode, started.body).toBe(200);
    const ringing = await declining.nextInvitation(15_000);
    await until('the caller on hold meanwhile', async () => (await text(page, 'softphone-call')) === '已保持');
    await ringing.reject({ statusCode: 603 });

    // Back with the agent: off hold, the console says so, the call and the contact are the agent's.
    await until('the agent talking again', async () => (await text(page, 'softphone-call')) === '通话中', 15_000);
    await page.getByText('班长未接听，通话已回到您这里').waitFor();
    expect(inviter.state).toBe(SessionState.Established);
    const media = caller.mediaOf(inviter)!;
    const before = { received: media.received, sent: media.sent };
    await until(
      'audio both ways again',
      async () => media.received > before.received + 25 && media.sent > before.sent + 25,
    );
    // The agent hears the caller: the caller's tone in the agent's softphone audio (read from the track's frames).
    const agentHearsCaller = Number(await page.evaluate(TONE_AT_THE_AGENT.replace('HZ', String(CALLER_HZ))));
    expect(agentHearsCaller).toBeGreaterThan(0.3);

    const [row] = await db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(row?.state).toBe('connected');
    expect(row?.agentId).toBe(agent.id);
    const [record] = await db.select().from(callRecords).where(eq(callRecords.contactId, contact.id));
    expect(record?.transferCount ?? 0).toBe(0);
    const ended = await until('the take-over’s end audited', async () => {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, contact.id), eq(auditLog.action, 'call.monitor_end')));
      return rows.length ? rows : null;
    });
    expect(ended).toEqual([
      expect.objectContaining({ actorId: agent.id, toState: 'takeover', reason: 'not_answered' }),
    ]);

    await page.getByTestId('softphone-hangup').click();
    await sessionState(inviter, SessionState.Terminated);
    await declining.stop();
  });

  it('耳语 and 强插: the lead’s line is checked, answered and mixed by the agent’s console; a forged grant is refused; 挂断 ends all', async () => {
    const db = kit.rig.t.deps.database.db;
    // The earlier desks close (one registered softphone per agent) and routing starts afresh.
    for (const context of kit.browser.contexts()) await context.close();
    await kit.rig.t.deps.calls.store.clearForTests();
    await resetRouting();
    Object.assign(kit.rig.t.deps.calls.ctx.policy, { tierMinLevels: [1], tierOverflowSeconds: [0] });
    const page = await kit.page('telephony-whisper');
    await kit.signInAtDesk(page, 'agent01');
    await kit.goReady(page);

    const CALLER_HZ = 700;
    const LEAD_HZ = 1100;
    caller = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: '13800000023',
      samples: toneSamples(1, CALLER_HZ),
    });
    const inviter = await kit.answerAtDesk(page, caller);
    const callId = inviter.request.callId;
    const contact = await until('the connected contact', async () => {
      const [row] = await db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'connected' ? row : null;
    });
    const callerMedia = caller.mediaOf(inviter)!;

    const [lead] = await db.select().from(users).where(eq(users.username, 'lead01'));
    const [agent] = await db.select().from(users).where(eq(users.username, 'agent01'));
    const cookie = await signIn(kit.rig.t.app, 'lead01');
    const grant = async (mode: 'whisper' | 'barge') => {
      const response = await kit.rig.t.app.inject({
        method: 'POST',
        url: '/api/calls/monitor',
        headers: asUser(cookie),
        payload: { contactId: contact.id, mode },
      });
      expect(response.statusCode).toBe(200);
      return response.json() as MonitorStartResult;
    };
    // The lead's phone: a scripted one with the lead's own credential (a desk phone, or the wallboard's browser).
    leadPhone = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: lead!.id,
      auth: kit.rig.t.deps.calls.sip!.credentials(lead!.id),
      samples: toneSamples(1, LEAD_HZ),
    });

    // A forged grant: the agent's console asks the server, which refuses; the line is declined, the call goes on.
    const whisperGrant = await grant('whisper');
    expect(whisperGrant.agent).toBe(agent!.id);
    const forged = await leadPhone.call(agent!.id, [`${MONITOR_LINE_HEADER}: ${whisperGrant.target.slice(0, -4)}AAAA`]);
    await expect(sessionState(forged, SessionState.Established)).rejects.toThrow();
    expect(inviter.state).toBe(SessionState.Established);

    // 耳语: the lead hears the caller (through the agent's mix); the caller never hears the lead.
    const whisper = await leadPhone.call(agent!.id, [`${MONITOR_LINE_HEADER}: ${whisperGrant.target}`]);
    await sessionState(whisper, SessionState.Established);
    await until('耳语 on the panel', async () =>
      (await text(page, 'softphone-supervisor').catch(() => '')).includes('耳语'),
    );
    const whisperMedia = leadPhone.mediaOf(whisper)!;
    await until('the lead hears the caller', async () => whisperMedia.toneLevel(CALLER_HZ) > 0.1, 20_000);
    const before = callerMedia.received;
    await new Promise((r) => setTimeout(r, 1500));
    expect(callerMedia.received).toBeGreaterThan(before + 25);
    expect(callerMedia.toneLevel(LEAD_HZ)).toBeLessThan(0.05);
    await whisper.bye();
    await until(
      'the lead gone from the panel',
      async () => (await page.getByTestId('softphone-supervisor').count()) === 0,
    );

    // 强插: the caller hears the lead too, and the lead the caller.
    const bargeGrant = await grant('barge');
    const barge = await leadPhone.call(agent!.id, [`${MONITOR_LINE_HEADER}: ${bargeGrant.target}`]);
    await sessionState(barge, SessionState.Established);
    await until('强插 on the panel', async () =>
      (await text(page, 'softphone-supervisor').catch(() => '')).includes('强插'),
    );
    const bargeMedia = leadPhone.mediaOf(barge)!;
    await until(
      'caller and lead hear each other',
      async () => callerMedia.toneLevel(LEAD_HZ) > 0.1 && bargeMedia.toneLevel(CALLER_HZ) > 0.1,
      20_000,
    );

    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, contact.id)).orderBy(auditLog.id);
    const started = audit.filter((a) => a.action === 'call.monitor_start').map((a) => [a.actorId, a.toState]);
    expect(started).toEqual([
      [lead!.id, 'whisper'],
      [lead!.id, 'barge'],
    ]);
    const joined = audit.filter((a) => a.action === 'call.monitor_joined').map((a) => [a.actorId, a.toState]);
    expect(joined).toEqual([
      [lead!.id, 'whisper'],
      [lead!.id, 'barge'],
    ]);

    await barge.bye();
    await until('the lead gone again', async () => (await page.getByTestId('softphone-supervisor').count()) === 0);

    // The same from the lead's wallboard in Chromium: 耳语 places the line from the lead's browser (startTalkIn).
    const leadPage = await kit.page('telephony-whisper-lead');
    await fillSignInForm(leadPage, baseUrl(), 'lead01');
    await leadPage.getByTestId('wallboard').waitFor();
    // The line goes out through the lead's registered wallboard softphone: no second SIP connection is opened.
    await until('the lead softphone registered', async () => (await text(leadPage, 'softphone-status')) === '已就绪');
    let newSipSockets = 0;
    leadPage.on('websocket', () => newSipSockets++);
    await leadPage.getByTestId(`monitor-whisper-${contact.id}`).click();
    await until('耳语 from the wallboard', async () =>
      (await text(page, 'softphone-supervisor').catch(() => '')).includes('耳语'),
    );
    await leadPage.getByTestId(`monitor-stop-${contact.id}`).waitFor();
    expect(newSipSockets).toBe(0);

    // The agent's 挂断 ends the call and the lead's line.
    await page.getByTestId('softphone-hangup').click();
    await sessionState(inviter, SessionState.Terminated);
    await until(
      'the lead’s line ended',
      async () => (await leadPage.getByTestId(`monitor-stop-${contact.id}`).count()) === 0,
    );
    const lines = await db.select().from(auditLog).where(eq(auditLog.entityId, contact.id)).orderBy(auditLog.id);
    expect(lines.filter((a) => a.action === 'call.monitor_joined').map((a) => a.toState)).toEqual([
      'whisper',
      'barge',
      'whisper',
    ]);
    // Every line's end is audited once: the first whisper and the barge the lead hung up, the wallboard's whisper
    // when the agent hung up (the console leaving the line, or the contact ending — whichever came first).
    await until('every line’s end audited', async () => {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, contact.id), eq(auditLog.action, 'call.monitor_end')));
      return rows.length >= 3;
    });
    const ends = (
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, contact.id), eq(auditLog.action, 'call.monitor_end')))
        .orderBy(auditLog.id)
    ).map((e) => [e.toState, e.reason]);
    expect(ends.slice(0, 2)).toEqual([
      ['whisper', 'lead'],
      ['barge', 'lead'],
    ]);
    expect(ends).toHaveLength(3);
    expect(ends[2]![0]).toBe('whisper');
    expect(['agent', 'call_ended']).toContain(ends[2]![1]);
  });
  it('盲转: the caller is referred to the department; the agent leaves the call once the department answers', async () => {
    const db = kit.rig.t.deps.database.db;
    // An agent of its own (the demo agents of the tests above may still be wrapping up).
    const agent = await createUser(db, 'agent');
    await db.insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const page = await kit.page('telephony-blind-transfer');
    await kit.signInAtDesk(page, agent.username, agent.password);
    await kit.goReady(page);

    const DEPARTMENT_NUMBER = '83007777';
    const unit = await createScriptedUa({
      wsUrl: kit.rig.tel.wsUrl,
      user: DEPARTMENT_NUMBER,
      auth: kit.rig.t.deps.calls.sip!.credentials(DEPARTMENT_NUMBER),
    });
    await unit.register();
    caller = await createScriptedUa({ wsUrl: kit.rig.tel.wsUrl, user: '13800000024' });
    const inviter = await kit.answerAtDesk(page, caller);
    const callId = inviter.request.callId;
    // The caller follows the REFER with a call of its own (sip.js does), which needs its RTP endpoint ready.
    await caller.prepareMedia();

    await page.getByTestId('softphone-number').fill(DEPARTMENT_NUMBER);
    await page.getByTestId('softphone-transfer').click();
    const atUnit = await unit.nextInvitation();
    await atUnit.accept();
    const referred = await until(
      'the caller’s referred call',
      async () => (inviter as Session & { _referral?: Inviter })._referral ?? null,
    );
    await sessionState(referred, SessionState.Established);
    const media = caller.mediaOf(referred)!;
    await until('audio between caller and department', async () => media.received > 25 && media.sent > 25);

    // The agent's leg ends on its own once the department answered (not when the caller hangs up): the desk is free.
    await sessionState(inviter, SessionState.Terminated);
    await until(
      'the agent out of the call',
      async () => (await text(page, 'softphone-call').catch(() => '')) !== '通话中',
    );
    await until('the contact ended as transferred', async () => {
      const [row] = await db.select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'ended' ? row : null;
    });
    expect(referred.state).toBe(SessionState.Established);
    await referred.bye();
    await unit.stop();
  });
});
