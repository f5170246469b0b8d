import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { callRecordings } from '../../server/src/modules/calls/call-recordings.table.js';
import { agentSkills, contacts } from '../../server/src/modules/calls/calls.table.js';
import { decodeRecording } from '../../server/src/modules/calls/recording/pcap-audio.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { asUser } from '../support/test-app.js';
import { createTicket, createUnit, hotlineUser } from '../support/ticket-factories.js';
import { createUser } from '../support/factories.js';
import { signIn } from '../support/test-app.js';
import { useTelephonyRig } from '../support/telephony.js';

/**
 * Issue 13 — call recording for real: rtpengine records the call (kamailio.cfg record-call=on), the server stores the
 * file's SHA-256 when the call ends, playback is role-scoped, hash-checked and audited, retention deletes the file.
 */
const kit = useTelephonyRig({}, {}, { untilMs: 15_000 });
const { until } = kit;
const db = () => kit.db;

const audits = (contactId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, contactId), eq(auditLog.action, action)));

describe('telephony: call recording through rtpengine, hash, audited playback (issue 13)', () => {
  it('records an answered call, stores its SHA-256, plays it back to the right people only, and purges it', async () => {
    const app = kit.rig.t.app;
    const calls = kit.calls;
    const agent = await hotlineUser(app, db(), 'agent');
    await db().insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    const { inviter, callId } = await kit.answeredCall('13800000031', { agent: agent.id, packets: 50 });
    await inviter.bye();

    // The call ended: the recording row appears with the hash of the file rtpengine wrote.
    const contact = await until('the ended contact', async () => {
      const [row] = await db().select().from(contacts).where(eq(contacts.callId, callId));
      return row?.state === 'ended' ? row : null;
    });
    const recording = await until('the recording row', async () => {
      const [row] = await db().select().from(callRecordings).where(eq(callRecordings.contactId, contact.id));
      return row ?? null;
    });
    const file = path.join(kit.rig.tel.recordingDir, recording.fileName);
    expect(existsSync(file)).toBe(true);
    const content = readFileSync(file);
    expect(recording.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(recording.bytes).toBe(content.length);
    // Both parties are in the one file, about as long as the audio that flowed (≥ 50 packets of 20 ms).
    const decoded = decodeRecording(content);
    expect(decoded.streams).toBeGreaterThanOrEqual(2);
    expect(recording.durationMs).toBeGreaterThanOrEqual(900);
    expect(recording.durationMs).toBeLessThan(30_000);
    expect(await audits(contact.id, 'call.recording_stored')).toHaveLength(1);

    // A ticket taken on the call, led by a unit, confidential.
    const ticket = await createTicket(app, agent.cookie, { callId });
    const unit = await createUnit(app, db());
    await db()
      .update(tickets)
      .set({ leadDepartmentId: unit.department.id, confidential: true })
      .where(eq(tickets.id, ticket.id));

    const lead = await hotlineUser(app, db(), 'lead');
    const otherAgent = await hotlineUser(app, db(), 'agent');
    const editor = await createUser(db(), 'kb_editor');
    const editorCookie = await signIn(app, editor.username, editor.password);
    const audio = (cookie: string) =>
      app.inject({ method: 'GET', url: `/api/calls/recordings/${contact.id}/audio`, headers: asUser(cookie) });

    // The lead plays it: a WAV of the call's length, and an audit row naming the lead.
    const played = await audio(lead.cookie);
    expect(played.statusCode, played.body).toBe(200);
    expect(played.headers['content-type']).toBe('audio/wav');
    expect(played.rawPayload.subarray(0, 4).toString('ascii')).toBe('RIFF');
    const seconds = (played.rawPayload.length - 44) / 2 / 8000;
    expect(seconds).toBeGreaterThan(0.9);
    const [playAudit] = await audits(contact.id, 'call.recording_played');
    expect(playAudit?.actorId).toBe(lead.id);
    // The agent who answered may listen; a colleague, a KB editor, and the unit of a confidential ticket may not.
    expect((await audio(agent.cookie)).statusCode).toBe(200);
    const colleague = await audio(otherAgent.cookie);
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json().error).toBe('recording_forbidden');
    expect((await audio(editorCookie)).statusCode).toBe(403);
    const confidential = await audio(unit.handler.cookie);
    expect(confidential.statusCode).toBe(403);
    expect(confidential.json().error).toBe('recording_confidential');
    expect(confidential.json().message).toMatch(/保密/);
    const refused = await audits(contact.id, 'call.recording_refused');
    expect(refused.map((a) => a.actorId).sort()).toEqual([otherAgent.id, unit.handler.id].sort());
    // Not confidential: the leading unit may listen; another unit may not.
    await db().update(tickets).set({ confidential: false }).where(eq(tickets.id, ticket.id));
    expect((await audio(unit.handler.cookie)).statusCode).toBe(200);
    const otherUnit = await createUnit(app, db());
    expect((await audio(otherUnit.handler.cookie)).statusCode).toBe(403);
    expect(await audits(contact.id, 'call.recording_played')).toHaveLength(3);

    // The facts without playback.
    const info = await app.inject({
      method: 'GET',
      url: `/api/calls/recordings/${contact.id}`,
      headers: asUser(lead.cookie),
    });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ sha256: recording.sha256, durationMs: recording.durationMs, purged: false });

    // The ticket page finds the same recording; the unit's handler of the non-confidential ticket too.
    const byTicket = await app.inject({
      method: 'GET',
      url: `/api/calls/recordings/by-ticket/${ticket.id}`,
      headers: asUser(unit.handler.cookie),
    });
    expect(byTicket.statusCode, byTicket.body).toBe(200);
    expect(byTicket.json().recording.contactId).toBe(contact.id);
    // The ticket page of someone who may not hear it shows nothing: no error, no refusal in the audit trail.
    const refusedBefore = (await audits(contact.id, 'call.recording_refused')).length;
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/calls/recordings/by-ticket/${ticket.id}`,
      headers: asUser(otherAgent.cookie),
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json()).toEqual({ recording: null, outbound: [] });
    expect(await audits(contact.id, 'call.recording_refused')).toHaveLength(refusedBefore);

    // A changed file no longer matches its hash: refused and audited.
    appendFileSync(file, Buffer.from([0]));
    const tampered = await audio(lead.cookie);
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().error).toBe('recording_tampered');
    expect(await audits(contact.id, 'call.recording_tampered')).toHaveLength(1);

    // Retention: past its expiry the file is deleted, the row says so, playback says the recording is gone.
    const retentionMs = recording.expiresAt.getTime() - kit.rig.t.clock.now().getTime();
    expect(Math.round(retentionMs / 86_400_000)).toBe(kit.rig.t.deps.config.recordingRetentionDays);
    await db()
      .update(callRecordings)
      .set({ expiresAt: new Date(kit.rig.t.clock.now().getTime() - 1000) })
      .where(eq(callRecordings.id, recording.id));
    expect(await calls.recordings!.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(existsSync(file)).toBe(false);
    const [purged] = await db().select().from(callRecordings).where(eq(callRecordings.id, recording.id));
    expect(purged?.purgedAt).not.toBeNull();
    const gone = await audio(lead.cookie);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toBe('recording_purged');
  });
  it('the sweep stores a recording whose cleared was lost, keeps an unclaimed leg for the retention period, then deletes it', async () => {
    const app = kit.rig.t.app;
    const recordings = kit.calls.recordings!;
    const dir = kit.rig.tel.recordingDir;
    const agent = await hotlineUser(app, db(), 'agent');
    await db().insert(agentSkills).values({ agentId: agent.id, skill: 'general', level: 5 });
    // The `cleared` is handled but its recording step is lost (a crash between the two, say).
    const finalize = recordings.finalize;
    recordings.finalize = async () => 'unknown';
    let callId: string;
    try {
      const answered = await kit.answeredCall('13800000032', { agent: agent.id, packets: 30 });
      callId = answered.callId;
      await answered.inviter.bye();
      await until('the ended contact', async () => {
        const [row] = await db().select().from(contacts).where(eq(contacts.callId, callId));
        return row?.state === 'ended';
      });
      const prefix = `rtpengine-meta-${encodeURIComponent(callId)}-`;
      await until('rtpengine finished the file', async () =>
        readdirSync(path.join(dir, 'metadata')).some((f) => f.startsWith(prefix)),
      );
    } finally {
      recordings.finalize = finalize;
    }
    expect(await db().select().from(callRecordings).where(eq(callRecordings.callId, callId))).toEqual([]);

    // Two files no call names (a consultation leg, say): one past the retention period, one recent.
    const retentionMs = kit.rig.t.deps.config.recordingRetentionDays * 86_400_000;
    const leg = (name: string, ageMs: number) => {
      const pcap = path.join(dir, 'pcaps', `${name}-0a1b2c3d.pcap`);
      const meta = path.join(dir, 'metadata', `rtpengine-meta-${name}-0a1b2c3d.txt`);
      writeFileSync(pcap, Buffer.alloc(24));
      writeFileSync(meta, `${pcap}\n`);
      const at = new Date(Date.now() - ageMs);
      utimesSync(meta, at, at);
      return pcap;
    };
    const oldLeg = leg(`consult-old-${Date.now()}%40127.0.0.1`, retentionMs + 3_600_000);
    const newLeg = leg(`consult-new-${Date.now()}%40127.0.0.1`, 3_600_000);

    const report = await recordings.sweepUnclaimed({ afterMs: 0 });
    expect(report.stored).toBe(1);
    expect(report.deleted).toBeGreaterThanOrEqual(1);
    expect(report.unclaimed).toBeGreaterThanOrEqual(1);
    const [stored] = await db().select().from(callRecordings).where(eq(callRecordings.callId, callId));
    const file = path.join(dir, stored!.fileName);
    expect(stored!.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(existsSync(oldLeg)).toBe(false);
    expect(existsSync(newLeg)).toBe(true);
    const [sweep] = await db().select().from(auditLog).where(eq(auditLog.action, 'call.recording_sweep'));
    expect(sweep?.detail).toMatchObject({ stored: 1 });

    // A second sweep finds nothing new to do: the stored file left the unclaimed list, the recent leg waits.
    expect(await recordings.sweepUnclaimed({ afterMs: 0 })).toMatchObject({ stored: 0, deleted: 0 });
    expect(existsSync(file)).toBe(true);
  });
});
