import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { CallRecordingInfo, TicketRecording } from '@hotline/shared/contracts/call-recordings';
import { recordingAccess, type RecordingViewer } from '@hotline/shared/domain/call-recording';
import type { Clock } from '../../../lib/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, forbidden, notFound } from '../../../platform/http/errors.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../audit/audit.service.js';
import { tickets } from '../../tickets/tickets.table.js';
import { callRecordings } from '../call-recordings.table.js';
import { findContact, findContactByCallId, type ContactRow } from '../calls.repository.js';
import { decodeRecording, readRtpPackets, wavFile } from './pcap-audio.js';
import {
  deleteRecording,
  finishedRecordings,
  recordingInProgress,
  recordingPath,
  sha256OfFile,
} from './recording-files.js';

export interface RecordingConfig {
  /** rtpengine's --recording-dir. */
  dir: string;
  retentionDays: number;
  /** How long to wait for rtpengine to close the file after the call ended. */
  settleMs?: number;
}

const RECORDING_ACTOR: AuditActor = { ...SYSTEM_ACTOR, role: 'telephony' };
const DAY_MS = 86_400_000;

/**
 * 通话录音: rtpengine records every call (kamailio.cfg `record-call=on`); when an answered call ends the server
 * takes the answered leg's file, stores its SHA-256 with the call (tamper evidence) and deletes the files of offers
 * nobody answered. Playback re-checks the hash, is scoped by role and department (shared/domain/call-recording.ts)
 * and audited, refusals too. Retention deletes files after `retentionDays`.
 */
export function createRecordingService(db: Db, clock: Clock, config: RecordingConfig) {
  const settleMs = config.settleMs ?? 5000;

  /** The call `callId` ended (telephony event `cleared`). Idempotent; returns what it did. */
  async function finalize(callId: string): Promise<'stored' | 'not_answered' | 'no_file' | 'already' | 'unknown'> {
    // No rtpengine recording into this directory (telephony not running here): nothing to wait for.
    if (!(await stat(path.join(config.dir, 'pcaps')).catch(() => null))) return 'no_file';
    const contact = await findContactByCallId(db, callId);
    if (!contact) return 'unknown';
    const existing = await db.select().from(callRecordings).where(eq(callRecordings.contactId, contact.id));
    if (existing.length) return 'already';
    const deadline = Date.now() + settleMs;
    let files = await finishedRecordings(config.dir, callId);
    while ((!files.length || (await recordingInProgress(config.dir, callId))) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      files = await finishedRecordings(config.dir, callId);
    }
    if (!contact.answeredAt) {
      // Nobody answered: the rings were recorded, but an unanswered call keeps no audio.
      for (const f of files) await deleteRecording(config.dir, f.fileName);
      return 'not_answered';
    }
    const answered = files.at(-1);
    if (!answered) return 'no_file';
    for (const f of files.slice(0, -1)) await deleteRecording(config.dir, f.fileName);
    const full = recordingPath(config.dir, answered.fileName);
    const content = await readFile(full);
    const sha256 = await sha256OfFile(full);
    const packets = readRtpPackets(content);
    const durationMs = packets.length ? Math.round((packets.at(-1)!.atUs - packets[0]!.atUs) / 1000) + 20 : 0;
    const now = clock.now();
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(callRecordings)
        .values({
          contactId: contact.id,
          callId,
          fileName: answered.fileName,
          sha256,
          bytes: content.length,
          durationMs,
          recordedAt: contact.answeredAt!,
          expiresAt: new Date(now.getTime() + config.retentionDays * DAY_MS),
        })
        .onConflictDoNothing()
        .returning({ id: callRecordings.id });
      if (!inserted.length) return;
      await recordAudit(tx, RECORDING_ACTOR, {
        action: 'call.recording_stored',
        entityType: 'contact',
        entityId: contact.id,
        detail: { sha256, bytes: content.length, durationMs },
      });
    });
    return 'stored';
  }

  async function subjectOf(contactId: string) {
    const contact = await findContact(db, contactId);
    if (!contact) throw notFound('未找到该通话', 'contact_not_found');
    return subjectOfContact(contact);
  }

  /** The call's recording and the ticket taken on it, for a contact already read. */
  async function subjectOfContact(contact: ContactRow) {
    const [recording] = await db.select().from(callRecordings).where(eq(callRecordings.contactId, contact.id));
    const [ticket] = contact.callId
      ? await db
          .select({
            id: tickets.id,
            createdBy: tickets.createdBy,
            leadDepartmentId: tickets.leadDepartmentId,
            confidential: tickets.confidential,
          })
          .from(tickets)
          .where(eq(tickets.callId, contact.callId))
          .limit(1)
      : [];
    return { contact, recording: recording ?? null, ticket: ticket ?? null };
  }

  /** Throws 403 (audited) when the viewer may not hear this call; 404 when there is no recording. */
  async function authorise(viewer: RecordingViewer, actor: AuditActor, contactId: string) {
    const subject = await subjectOf(contactId);
    const access = recordingAccess(viewer, { agentId: subject.contact.agentId, ticket: subject.ticket });
    if (access !== 'allowed') {
      await recordAudit(db, actor, {
        action: 'call.recording_refused',
        entityType: 'contact',
        entityId: contactId,
        reason: access,
      });
      throw access === 'confidential'
        ? forbidden('保密工单的通话录音不向承办单位开放', 'recording_confidential')
        : forbidden('无权收听该通话录音', 'recording_forbidden');
    }
    if (!subject.recording) throw notFound('该通话没有录音', 'recording_not_found');
    return { ...subject, recording: subject.recording };
  }

  function infoOf(row: typeof callRecordings.$inferSelect): CallRecordingInfo {
    return {
      contactId: row.contactId,
      recordedAt: row.recordedAt.toISOString(),
      durationMs: row.durationMs,
      sha256: row.sha256,
      expiresAt: row.expiresAt.toISOString(),
      purged: row.purgedAt !== null,
    };
  }

  async function info(viewer: RecordingViewer, actor: AuditActor, contactId: string): Promise<CallRecordingInfo> {
    const { recording } = await authorise(viewer, actor, contactId);
    return infoOf(recording);
  }

  /** The recording of the call a ticket was taken on (the ticket page's player). */
  async function infoByTicket(viewer: RecordingViewer, ticketId: string): Promise<TicketRecording> {
    const [ticket] = await db.select({ callId: tickets.callId }).from(tickets).where(eq(tickets.id, ticketId));
    const contact = ticket?.callId ? await findContactByCallId(db, ticket.callId) : null;
    if (!contact) return { recording: null };
    const subject = await subjectOfContact(contact);
    const access = recordingAccess(viewer, { agentId: subject.contact.agentId, ticket: subject.ticket });
    if (access !== 'allowed' || !subject.recording) return { recording: null };
    return { recording: infoOf(subject.recording) };
  }

  /** The recording as WAV, after checking its hash; every playback is an audit row (who listened, when). */
  async function play(viewer: RecordingViewer, actor: AuditActor, contactId: string): Promise<Buffer> {
    const { recording, ticket } = await authorise(viewer, actor, contactId);
    if (recording.purgedAt) throw notFound('该录音已过保存期限并已删除', 'recording_purged');
    const full = recordingPath(config.dir, recording.fileName);
    const content = await readFile(full).catch(() => null);
    const sha256 = content ? await sha256OfFile(full) : null;
    if (!content || sha256 !== recording.sha256) {
      await recordAudit(db, actor, {
        action: 'call.recording_tampered',
        entityType: 'contact',
        entityId: contactId,
        detail: { expected: recording.sha256, found: sha256 },
      });
      throw conflict('录音文件与通话结束时的校验值不符（可能被改动或丢失），已记录', 'recording_tampered');
    }
    const decoded = decodeRecording(content);
    await recordAudit(db, actor, {
      action: 'call.recording_played',
      entityType: 'contact',
      entityId: contactId,
      detail: { sha256, ticketId: ticket?.id ?? null },
    });
    return wavFile(decoded.samples);
  }

  /** Retention: deletes expired files, marks their rows purged (the hash and the audit trail stay). */
  async function purgeExpired(limit = 200): Promise<number> {
    const now = clock.now();
    const due = await db
      .select()
      .from(callRecordings)
      .where(and(lte(callRecordings.expiresAt, now), isNull(callRecordings.purgedAt)))
      .limit(limit);
    for (const row of due) {
      await deleteRecording(config.dir, row.fileName);
      await db.transaction(async (tx) => {
        await tx.update(callRecordings).set({ purgedAt: now }).where(eq(callRecordings.id, row.id));
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: 'call.recording_purged',
          entityType: 'contact',
          entityId: row.contactId,
          detail: { retentionDays: config.retentionDays },
        });
      });
    }
    return due.length;
  }

  return { finalize, info, infoByTicket, play, purgeExpired };
}

export type RecordingService = ReturnType<typeof createRecordingService>;
