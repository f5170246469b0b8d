import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { OUTBOUND_CALL_HEADER } from '@hotline/shared/contracts/telephony';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { callRecordings } from '../../server/src/modules/calls/call-recordings.table.js';
import { contacts } from '../../server/src/modules/calls/calls.table.js';
import { decodeRecording } from '../../server/src/modules/calls/recording/pcap-audio.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { sessionState, SessionState } from '../../server/telephony/sip-ua.js';
import { asUser } from '../support/test-app.js';
import { createTicket, createUnit, hotlineUser } from '../support/ticket-factories.js';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — every call recorded, 外呼 included: a 回访 dialled from a ticket goes through the real proxy and
 * rtpengine (record-call=on on the agent's outbound INVITE), and when it ends the server stores the file's SHA-256
 * and length linked to the dial (outbound_calls) and thereby the ticket. The lead plays it back from the ticket
 * (audited); the unit of a confidential ticket gets 404.
 */
const kit = useTelephonyRig({}, {}, { untilMs: 15_000 });
const { until } = kit;
const db = () => kit.db;
const app = () => kit.rig.t.app;

const audits = (entityId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));

describe('telephony: 外呼 recordings (回访 from a ticket) stored with hash, played back from the ticket (issue 13)', () => {
  it('agent dials the citizen, audio both ways, hang-up → recording row with length and hash; lead plays, unit 404', async () => {
    const agent = await hotlineUser(app(), db(), 'agent');
    const lead = await hotlineUser(app(), db(), 'lead');
    const otherAgent = await hotlineUser(app(), db(), 'agent');
    const unit = await createUnit(app(), db());
    const ticket = await createTicket(app(), agent.cookie, { caller: { name: '赵六', phone: '13900000091' } });
    // Fixture shortcut: led by the unit, confidential, the unit's reply approved — waiting for its 回访.
    await db()
      .update(tickets)
      .set({ status: 'awaiting_callback', leadDepartmentId: unit.department.id, confidential: true })
      .where(eq(tickets.id, ticket.id));
    // The agent's softphone dials through the proxy; the citizen's phone (standing in for the trunk) answers.
    const { outboundCallId, phone, citizen, outbound, ringing } = await kit.ticketDial(agent, ticket.id);
    expect(ringing.request.from.uri.user).toBe('12345');
    await ringing.accept();
    await sessionState(outbound, SessionState.Established);
    const agentMedia = phone.mediaOf(outbound)!;
    const citizenMedia = citizen.mediaOf(ringing)!;
    // Real RTP both ways through rtpengine, about 1.5 s of it.
    await until('RTP both ways', async () => agentMedia.received > 75 && citizenMedia.received > 75);
    await outbound.bye();
    await sessionState(ringing, SessionState.Terminated);

    // The recording row, linked to the dial, with the hash of the file rtpengine wrote and the call's length.
    const recording = await until('the outbound recording row', async () => {
      const [row] = await db().select().from(callRecordings).where(eq(callRecordings.outboundCallId, outboundCallId));
      return row ?? null;
    });
    expect(recording.contactId).toBeNull();
    expect(recording.callId).toBe(outbound.request.callId);
    const file = path.join(kit.rig.tel.recordingDir, recording.fileName);
    expect(existsSync(file)).toBe(true);
    const content = readFileSync(file);
    expect(recording.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(recording.bytes).toBe(content.length);
    // Both parties in the one file; its length is the talk time (≥ 75 packets of 20 ms each way, well under 30 s).
    expect(decodeRecording(content).streams).toBeGreaterThanOrEqual(2);
    expect(recording.durationMs).toBeGreaterThanOrEqual(1400);
    expect(recording.durationMs).toBeLessThan(30_000);
    expect(await audits(outboundCallId, 'call.recording_stored')).toHaveLength(1);

    // The ticket page lists it for the lead.
    const byTicket = (cookie: string) =>
      app().inject({ method: 'GET', url: `/api/calls/recordings/by-ticket/${ticket.id}`, headers: asUser(cookie) });
    const forLead = await byTicket(lead.cookie);
    expect(forLead.statusCode, forLead.body).toBe(200);
    expect(forLead.json().outbound).toHaveLength(1);
    expect(forLead.json().outbound[0]).toMatchObject({
      outboundCallId,
      contactId: null,
      sha256: recording.sha256,
      durationMs: recording.durationMs,
      purged: false,
    });

    // The lead plays it: a WAV about as long as the call, and an audit row naming the lead.
    const audio = (cookie: string) =>
      app().inject({
        method: 'GET',
        url: `/api/calls/recordings/outbound/${outboundCallId}/audio`,
        headers: asUser(cookie),
      });
    const played = await audio(lead.cookie);
    expect(played.statusCode, played.body).toBe(200);
    expect(played.headers['content-type']).toBe('audio/wav');
    expect(played.rawPayload.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect((played.rawPayload.length - 44) / 2 / 8000).toBeGreaterThan(1.3);
    const [playAudit] = await audits(outboundCallId, 'call.recording_played');
    expect(playAudit?.actorId).toBe(lead.id);
    expect(playAudit?.detail).toMatchObject({ sha256: recording.sha256, ticketId: ticket.id });
    // The agent who dialled may listen; a colleague may not (403).
    expect((await audio(agent.cookie)).statusCode).toBe(200);
    expect((await audio(otherAgent.cookie)).statusCode).toBe(403);

    // The unit leading the confidential ticket: 404 (not even its existence), the refusal audited; nothing listed.
    const refused = await audio(unit.handler.cookie);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toBe('recording_not_found');
    const info = await app().inject({
      method: 'GET',
      url: `/api/calls/recordings/outbound/${outboundCallId}`,
      headers: asUser(unit.handler.cookie),
    });
    expect(info.statusCode).toBe(404);
    const refusals = await audits(outboundCallId, 'call.recording_refused');
    expect(refusals.map((a) => a.actorId).sort()).toEqual([otherAgent.id, unit.handler.id, unit.handler.id].sort());
    expect((await byTicket(unit.handler.cookie)).json()).toEqual({ recording: null, outbound: [] });
    expect(await audits(outboundCallId, 'call.recording_played')).toHaveLength(2);
  });
  it('a 漏接回拨 dial is recorded too and shows on the ticket taken on the missed call', async () => {
    const agent = await hotlineUser(app(), db(), 'agent');
    const otherAgent = await hotlineUser(app(), db(), 'agent');
    const now = new Date();
    // Fixture: a missed call, its callback task taken by the agent, and the ticket taken on the missed call.
    const [missed] = await db()
      .insert(contacts)
      .values({
        channel: 'call',
        callId: `missed-${now.getTime()}`,
        callerNumber: '13900000092',
        priority: 'normal',
        skillGroup: 'general',
        state: 'abandoned',
        enqueuedAt: now,
        endedAt: now,
      })
      .returning();
    const [task] = await db()
      .insert(contacts)
      .values({
        channel: 'callback',
        callerNumber: '13900000092',
        priority: 'normal',
        skillGroup: 'general',
        state: 'connected',
        parentContactId: missed!.id,
        agentId: agent.id,
        enqueuedAt: now,
        offeredAt: now,
        answeredAt: now,
      })
      .returning();
    const ticket = await createTicket(app(), agent.cookie, { callId: missed!.callId! });
    const dialled = await app().inject({
      method: 'POST',
      url: `/api/calls/desk/contacts/${task!.id}/dial`,
      headers: asUser(agent.cookie),
    });
    expect(dialled.statusCode, dialled.body).toBe(200);
    const { outboundCallId, number } = dialled.json<{ outboundCallId: string; number: string }>();

    const phone = await kit.phone(agent.id);
    const citizen = await kit.phone(number);
    const outbound = await phone.call(number, [`${OUTBOUND_CALL_HEADER}: ${outboundCallId}`]);
    const ringing = await citizen.nextInvitation();
    await ringing.accept();
    await sessionState(outbound, SessionState.Established);
    const agentMedia = phone.mediaOf(outbound)!;
    const citizenMedia = citizen.mediaOf(ringing)!;
    await until('RTP both ways', async () => agentMedia.received > 50 && citizenMedia.received > 50);
    // This time the citizen hangs up.
    await ringing.bye();
    await sessionState(outbound, SessionState.Terminated);

    const recording = await until('the outbound recording row', async () => {
      const [row] = await db().select().from(callRecordings).where(eq(callRecordings.outboundCallId, outboundCallId));
      return row ?? null;
    });
    const content = readFileSync(path.join(kit.rig.tel.recordingDir, recording.fileName));
    expect(recording.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(recording.durationMs).toBeGreaterThanOrEqual(900);

    // The ticket taken on the missed call lists the callback's recording for the agent who dialled (and took the
    // ticket); another agent sees nothing and is refused playback.
    const listed = await app().inject({
      method: 'GET',
      url: `/api/calls/recordings/by-ticket/${ticket.id}`,
      headers: asUser(agent.cookie),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().outbound.map((r: { outboundCallId: string }) => r.outboundCallId)).toEqual([outboundCallId]);
    const hidden = await app().inject({
      method: 'GET',
      url: `/api/calls/recordings/by-ticket/${ticket.id}`,
      headers: asUser(otherAgent.cookie),
    });
    expect(hidden.json().outbound).toEqual([]);
    const played = await app().inject({
      method: 'GET',
      url: `/api/calls/recordings/outbound/${outboundCallId}/audio`,
      headers: asUser(agent.cookie),
    });
    expect(played.statusCode, played.body).toBe(200);
    const [audit] = await audits(outboundCallId, 'call.recording_played');
    expect(audit?.detail).toMatchObject({ ticketId: ticket.id });
  });
});
