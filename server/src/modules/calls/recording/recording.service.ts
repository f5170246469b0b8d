import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { CallRecordingInfo, TicketRecording } from '@hotline/shared/contracts/call-recordings';
import { recordingAccess, type RecordingViewer } from '@hotline/shared/domain/call-recording';
import type { Clock } from '../../../lib/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, forbidden, notFound } from '../../../platform/http/errors.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../audit/audit.service.js';
import { tickets } from '../../tickets/tickets.table.js';
import { callRecordings } from '../call-recordings.table.js';
import { contacts } from '../calls.table.js';
import { outboundCalls } from '../outbound-calls.table.js';
import { findContact, findContactByCallId, type ContactRow } from '../calls.repository.js';
import { decodeRecording, readRtpPackets, wavFile } from './pcap-audio.js';
import {
  deleteRecording,
  finishedRecordings,
  markClaimed,
  recordingInProgress,
  recordingPath,
  sha256OfFile,
  unclaimedRecordings,
} from './recording-files.js';

export interface RecordingConfig {
  /** rtpengine's --recording-dir. */
  dir: string;
  retentionDays: number;
  /** How long to wait for rtpengine to close the file after the call ended. */
  settleMs?: number;
  /** The sweep leaves a finished file alone this long after rtpengine closed it (its `cleared` may be under way). */
  sweepAfterMs?: number;
}

export interface SweepReport {
  /** Answered calls whose recording had not been stored (their `cleared` was lost): stored now. */
  stored: number;
  /** Files deleted: unanswered calls' rings, and files no call claims once past the retention period. */
  deleted: number;
  /** Files kept for now: recorded calls no contact or 外呼 names (consultation and transfer legs). */
  unclaimed: number;
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

  /** rtpengine's finished files of the call, once it closed them (at most `settleMs` after the call ended). */
  async function settledFiles(callId: string) {
    const deadline = Date.now() + settleMs;
    let files = await finishedRecordings(config.dir, callId);
    while ((!files.length || (await recordingInProgress(config.dir, callId))) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      files = await finishedRecordings(config.dir, callId);
    }
    return files;
  }

  /**
   * Keeps the newest file (the answered leg), deletes the others, stores its hash and length with the call (a
   * contact or a 外呼) and audits it, in one transaction. `recordedAt` null: the first recorded packet's time.
   */
  async function store(
    callId: string,
    files: Awaited<ReturnType<typeof finishedRecordings>>,
    subject: { contactId: string | null; outboundCallId: string | null; recordedAt: Date | null },
    audit: { entityType: string; entityId: string; detail?: Record<string, unknown> },
  ): Promise<'stored' | 'no_file' | 'already'> {
    const answered = files.at(-1);
    if (!answered) return 'no_file';
    for (const f of files.slice(0, -1)) await deleteRecording(config.dir, f.fileName);
    const full = recordingPath(config.dir, answered.fileName);
    const content = await readFile(full);
    const sha256 = await sha256OfFile(full);
    const packets = readRtpPackets(content);
    const durationMs = packets.length ? Math.round((packets.at(-1)!.atUs - packets[0]!.atUs) / 1000) + 20 : 0;
    const now = clock.now();
    const recordedAt =
      subject.recordedAt ?? (packets.length ? new Date(Math.floor(packets[0]!.atUs / 1000)) : new Date(now));
    return db.transaction(async (tx) => {
      const inserted = await tx
        .insert(callRecordings)
        .values({
          contactId: subject.contactId,
          outboundCallId: subject.outboundCallId,
          callId,
          fileName: answered.fileName,
          sha256,
          bytes: content.length,
          durationMs,
          recordedAt,
          expiresAt: new Date(now.getTime() + config.retentionDays * DAY_MS),
        })
        .onConflictDoNothing()
        .returning({ id: callRecordings.id });
      if (!inserted.length) return 'already';
      // Claimed: the file leaves the sweep's list of finished, unclaimed recordings.
      await markClaimed(config.dir, answered.fileName);
      await recordAudit(tx, RECORDING_ACTOR, {
        action: 'call.recording_stored',
        entityType: audit.entityType,
        entityId: audit.entityId,
        detail: { sha256, bytes: content.length, durationMs, ...audit.detail },
      });
      return 'stored';
    });
  }

  /** The call `callId` ended (telephony event `cleared`). Idempotent; returns what it did. */
  async function finalize(callId: string): Promise<'stored' | 'not_answered' | 'no_file' | 'already' | 'unknown'> {
    // No rtpengine recording into this directory (telephony not running here): nothing to wait for.
    if (!(await stat(path.join(config.dir, 'pcaps')).catch(() => null))) return 'no_file';
    const contact = await findContactByCallId(db, callId);
    if (!contact) return finalizeOutbound(callId);
    const existing = await db.select().from(callRecordings).where(eq(callRecordings.contactId, contact.id));
    if (existing.length) return 'already';
    const files = await settledFiles(callId);
    if (!contact.answeredAt) {
      // Nobody answered: the rings were recorded, but an unanswered call keeps no audio.
      for (const f of files) await deleteRecording(config.dir, f.fileName);
      return 'not_answered';
    }
    return store(
      callId,
      files,
      { contactId: contact.id, outboundCallId: null, recordedAt: contact.answeredAt },
      { entityType: 'contact', entityId: contact.id },
    );
  }

  /**
   * A 外呼 (漏接回拨 task or 回访 from a ticket) ended: the proxy linked its Call-ID to the dial (`X-Hotline-Outbound`)
   * before relaying it, and rtpengine recorded it like any call (`record-call=on` on every branch). A `cleared`
   * comes only from a BYE, i.e. an answered call.
   */
  async function finalizeOutbound(callId: string): Promise<'stored' | 'no_file' | 'already' | 'unknown'> {
    const [outbound] = await db.select().from(outboundCalls).where(eq(outboundCalls.sipCallId, callId)).limit(1);
    if (!outbound) return 'unknown';
    const existing = await db.select().from(callRecordings).where(eq(callRecordings.outboundCallId, outbound.id));
    if (existing.length) return 'already';
    return store(
      callId,
      await settledFiles(callId),
      { contactId: null, outboundCallId: outbound.id, recordedAt: null },
      {
        entityType: 'outbound_call',
        entityId: outbound.id,
        detail: { ticketId: outbound.ticketId, taskContactId: outbound.contactId },
      },
    );
  }

  /**
   * An INVITE nobody answered (the proxy's failure route for a call an agent placed: 外呼, consultation, transfer):
   * its rings were recorded (record-call=on on every branch) and rtpengine has closed the file; no audio is kept of
   * an unanswered call, so every file of that Call-ID goes, unless a stored recording names the Call-ID. Returns how
   * many files were deleted.
   */
  async function discardUnanswered(callId: string): Promise<number> {
    if (!(await stat(path.join(config.dir, 'pcaps')).catch(() => null))) return 0;
    const [kept] = await db
      .select({ id: callRecordings.id })
      .from(callRecordings)
      .where(eq(callRecordings.callId, callId))
      .limit(1);
    if (kept) return 0;
    const files = await settledFiles(callId);
    for (const f of files) await deleteRecording(config.dir, f.fileName);
    return files.length;
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

  /** The ticket a 外呼 was made for: its own (回访) or the one taken on the missed call its task calls back. */
  async function ticketOfOutbound(outbound: typeof outboundCalls.$inferSelect) {
    const columns = {
      id: tickets.id,
      createdBy: tickets.createdBy,
      leadDepartmentId: tickets.leadDepartmentId,
      confidential: tickets.confidential,
    };
    if (outbound.ticketId) {
      const [ticket] = await db.select(columns).from(tickets).where(eq(tickets.id, outbound.ticketId));
      return ticket ?? null;
    }
    // A callback task has no call of its own: its ticket is the one taken on the missed call (its parent).
    const task = outbound.contactId ? await findContact(db, outbound.contactId) : null;
    const missed = task?.parentContactId ? await findContact(db, task.parentContactId) : null;
    const callId = task?.callId ?? missed?.callId;
    if (!callId) return null;
    const [ticket] = await db.select(columns).from(tickets).where(eq(tickets.callId, callId)).limit(1);
    return ticket ?? null;
  }

  /**
   * A 外呼's recording for the viewer, under the same rule as an inbound call (the agent who dialled counts as the
   * one who answered). A department user who may not hear it gets 404, not 403: a 回访 of a confidential ticket is
   * not even admitted to exist. Refusals are audited.
   */
  async function authoriseOutbound(viewer: RecordingViewer, actor: AuditActor, outboundCallId: string) {
    const [outbound] = await db.select().from(outboundCalls).where(eq(outboundCalls.id, outboundCallId));
    if (!outbound) throw notFound('该通话没有录音', 'recording_not_found');
    const ticket = await ticketOfOutbound(outbound);
    const access = recordingAccess(viewer, { agentId: outbound.agentId, ticket });
    if (access !== 'allowed') {
      await recordAudit(db, actor, {
        action: 'call.recording_refused',
        entityType: 'outbound_call',
        entityId: outbound.id,
        reason: access,
      });
      if (viewer.role === 'handler' || viewer.role === 'dept_head')
        throw notFound('该通话没有录音', 'recording_not_found');
      throw forbidden('无权收听该通话录音', 'recording_forbidden');
    }
    const [recording] = await db.select().from(callRecordings).where(eq(callRecordings.outboundCallId, outbound.id));
    if (!recording) throw notFound('该通话没有录音', 'recording_not_found');
    return { recording, ticket, outbound };
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
      outboundCallId: row.outboundCallId,
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

  /**
   * The recordings of a ticket (the ticket page's player): the call it was taken on, and the 外呼 made for it (回访
   * from the ticket, 漏接回拨 of its call), each only when the viewer may hear it.
   */
  async function infoByTicket(viewer: RecordingViewer, ticketId: string): Promise<TicketRecording> {
    const [ticket] = await db
      .select({
        id: tickets.id,
        callId: tickets.callId,
        createdBy: tickets.createdBy,
        leadDepartmentId: tickets.leadDepartmentId,
        confidential: tickets.confidential,
      })
      .from(tickets)
      .where(eq(tickets.id, ticketId));
    if (!ticket) return { recording: null, outbound: [] };
    let recording: CallRecordingInfo | null = null;
    const contact = ticket.callId ? await findContactByCallId(db, ticket.callId) : null;
    if (contact) {
      const subject = await subjectOfContact(contact);
      const access = recordingAccess(viewer, { agentId: subject.contact.agentId, ticket: subject.ticket });
      if (access === 'allowed' && subject.recording) recording = infoOf(subject.recording);
    }
    // 外呼 for this ticket: dialled from it, or from a callback task (漏接回拨) of the call it was taken on.
    const tasks = contact
      ? await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.parentContactId, contact.id))
      : [];
    const rows = await db
      .select({ recording: callRecordings, agentId: outboundCalls.agentId })
      .from(callRecordings)
      .innerJoin(outboundCalls, eq(outboundCalls.id, callRecordings.outboundCallId))
      .where(
        tasks.length
          ? or(
              eq(outboundCalls.ticketId, ticket.id),
              inArray(
                outboundCalls.contactId,
                tasks.map((t) => t.id),
              ),
            )
          : eq(outboundCalls.ticketId, ticket.id),
      )
      .orderBy(asc(callRecordings.recordedAt));
    const outbound = rows
      .filter((r) => recordingAccess(viewer, { agentId: r.agentId, ticket }) === 'allowed')
      .map((r) => infoOf(r.recording));
    return { recording, outbound };
  }

  /** The recording as WAV, after checking its hash; every playback is an audit row (who listened, when). */
  async function play(viewer: RecordingViewer, actor: AuditActor, contactId: string): Promise<Buffer> {
    const { recording, ticket } = await authorise(viewer, actor, contactId);
    return verifiedWav(actor, recording, { entityType: 'contact', entityId: contactId }, ticket?.id ?? null);
  }

  /** A 外呼's recording as WAV: the same hash check and audit, the audit row on the outbound call. */
  async function playOutbound(viewer: RecordingViewer, actor: AuditActor, outboundCallId: string): Promise<Buffer> {
    const { recording, ticket } = await authoriseOutbound(viewer, actor, outboundCallId);
    return verifiedWav(actor, recording, { entityType: 'outbound_call', entityId: outboundCallId }, ticket?.id ?? null);
  }

  async function infoOutbound(
    viewer: RecordingViewer,
    actor: AuditActor,
    outboundCallId: string,
  ): Promise<CallRecordingInfo> {
    return infoOf((await authoriseOutbound(viewer, actor, outboundCallId)).recording);
  }

  async function verifiedWav(
    actor: AuditActor,
    recording: typeof callRecordings.$inferSelect,
    entity: { entityType: string; entityId: string },
    ticketId: string | null,
  ): Promise<Buffer> {
    if (recording.purgedAt) throw notFound('该录音已过保存期限并已删除', 'recording_purged');
    const full = recordingPath(config.dir, recording.fileName);
    const content = await readFile(full).catch(() => null);
    const sha256 = content ? await sha256OfFile(full) : null;
    if (!content || sha256 !== recording.sha256) {
      await recordAudit(db, actor, {
        action: 'call.recording_tampered',
        ...entity,
        detail: { expected: recording.sha256, found: sha256 },
      });
      throw conflict('录音文件与通话结束时的校验值不符（可能被改动或丢失），已记录', 'recording_tampered');
    }
    const decoded = decodeRecording(content);
    await recordAudit(db, actor, {
      action: 'call.recording_played',
      ...entity,
      detail: { sha256, ticketId },
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
          entityType: row.contactId ? 'contact' : 'outbound_call',
          entityId: row.contactId ?? row.outboundCallId,
          detail: { retentionDays: config.retentionDays },
        });
      });
    }
    return due.length;
  }

  /** Call-IDs the sweep found no call for, in this process: not looked up again, only aged out. */
  const noCall = new Set<string>();

  /**
   * The safety net behind `finalize` (run with retention): every file rtpengine finished that no recording row
   * claims, once it is `sweepAfterMs` old and its call is no longer recording. An answered call or 外呼 whose
   * `cleared` never arrived gets its recording stored now (nothing lost); an unanswered one loses its rings; a file
   * no call names (an agent's consultation leg, a transferred caller's leg) is kept for the retention period like
   * every recording, then deleted. One audit row per sweep that changed anything.
   */
  async function sweepUnclaimed({
    afterMs = config.sweepAfterMs ?? 600_000,
    maxLookups = 200,
  }: { afterMs?: number; maxLookups?: number } = {}): Promise<SweepReport> {
    const report: SweepReport = { stored: 0, deleted: 0, unclaimed: 0 };
    if (!(await stat(path.join(config.dir, 'pcaps')).catch(() => null))) return report;
    const nowMs = Date.now();
    const byCall = new Map<string, Awaited<ReturnType<typeof unclaimedRecordings>>>();
    for (const file of await unclaimedRecordings(config.dir)) {
      if (nowMs - file.finishedAtMs < afterMs) continue;
      byCall.set(file.callId, [...(byCall.get(file.callId) ?? []), file]);
    }
    let lookups = 0;
    for (const [callId, files] of byCall) {
      if (await recordingInProgress(config.dir, callId)) continue;
      const claimed = new Set(
        (
          await db
            .select({ fileName: callRecordings.fileName })
            .from(callRecordings)
            .where(eq(callRecordings.callId, callId))
        ).map((r) => r.fileName),
      );
      let left = files.filter((f) => !claimed.has(f.fileName));
      for (const f of files) if (claimed.has(f.fileName)) await markClaimed(config.dir, f.fileName);
      if (!claimed.size && !noCall.has(callId) && lookups < maxLookups) {
        lookups++;
        const outcome = await finalize(callId);
        if (outcome === 'stored') report.stored++;
        if (outcome === 'not_answered') report.deleted += left.length;
        if (outcome === 'stored' || outcome === 'not_answered') continue;
        if (outcome === 'unknown') {
          if (noCall.size >= 100_000) noCall.clear();
          noCall.add(callId);
        }
        left = (await unclaimedRecordings(config.dir)).filter((f) => f.callId === callId);
      }
      for (const f of left) {
        if (nowMs - f.finishedAtMs >= config.retentionDays * DAY_MS) {
          await deleteRecording(config.dir, f.fileName);
          report.deleted++;
        } else report.unclaimed++;
      }
    }
    if (report.stored || report.deleted) {
      await recordAudit(db, RECORDING_ACTOR, {
        action: 'call.recording_sweep',
        entityType: 'recording_store',
        entityId: null,
        detail: { ...report, retentionDays: config.retentionDays },
      });
    }
    return report;
  }

  return {
    finalize,
    discardUnanswered,
    info,
    infoByTicket,
    play,
    infoOutbound,
    playOutbound,
    purgeExpired,
    sweepUnclaimed,
  };
}

export type RecordingService = ReturnType<typeof createRecordingService>;
