import { eq, sql } from 'drizzle-orm';
import type { CallMediaReport } from '@hotline/shared/contracts/calls';
import { estimatedLossPercent, estimatedMosX10 } from '@hotline/shared/domain/call-quality';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import type { Clock } from '../../lib/clock.js';
import { callRecords } from './call-records.table.js';
import type { ContactRow } from './calls.repository.js';

export type CallRecordRow = typeof callRecords.$inferSelect;

/** One 话单 field update as an upsert (the record is created by whichever event comes first). */
export async function upsertCallRecord(
  db: DbOrTx,
  contactId: string,
  now: Date,
  set: Record<string, unknown>,
  insert: Partial<CallRecordRow> = {},
) {
  await db
    .insert(callRecords)
    .values({ contactId, updatedAt: now, ...insert })
    .onConflictDoUpdate({ target: callRecords.contactId, set: { updatedAt: now, ...set } });
}

/** Seconds a hold that is still open has lasted at `now` (0 when not on hold). */
const openHoldSeconds = (now: Date) =>
  sql<number>`coalesce(greatest(0, round(extract(epoch from (${now.toISOString()}::timestamptz - ${callRecords.heldSince})))), 0)::int`;

/**
 * 话单 fields from the phone system's events: 保持 (held/retrieved → hold count and seconds), 转接 (each transfer's
 * target), who hung up, the survey offer, and rtpengine's media figures at the end (MOS from RTCP when there is one,
 * else the E-model estimate from the packets counted). Each update is one upsert, so events in any order add up.
 */
export function createCallRecordService(db: Db, clock: Clock, options: { surveyEnabled: () => boolean }) {
  const upsert = (contactId: string, set: Record<string, unknown>, insert: Partial<CallRecordRow> = {}) =>
    upsertCallRecord(db, contactId, clock.now(), set, insert);

  async function held(contact: ContactRow) {
    const now = clock.now();
    await upsert(
      contact.id,
      {
        heldSince: sql`coalesce(${callRecords.heldSince}, ${now.toISOString()}::timestamptz)`,
        holdCount: sql`${callRecords.holdCount} + (case when ${callRecords.heldSince} is null then 1 else 0 end)`,
      },
      { heldSince: now, holdCount: 1 },
    );
  }

  async function retrieved(contact: ContactRow) {
    const now = clock.now();
    await upsert(contact.id, {
      holdSeconds: sql`${callRecords.holdSeconds} + ${openHoldSeconds(now)}`,
      heldSince: null,
    });
  }

  async function transferred(contact: ContactRow, target: string | null) {
    const entry = { target, at: clock.now().toISOString() };
    await upsert(
      contact.id,
      {
        transferCount: sql`${callRecords.transferCount} + 1`,
        transfers: sql`${callRecords.transfers} || ${JSON.stringify([entry])}::jsonb`,
      },
      { transferCount: 1, transfers: [entry] },
    );
  }

  /**
   * The call ended. `answered` = an agent had it (the survey only follows a call an agent took and hung up first, with
   * the survey on for every call or the agent's 转满意度).
   * Returns whether the caller is to hear the survey prompt.
   */
  async function cleared(
    contact: ContactRow,
    report: { hungUpBy?: 'caller' | 'agent'; media?: CallMediaReport },
    answered: boolean,
  ): Promise<{ survey: boolean }> {
    const now = clock.now();
    const before = await find(contact.id);
    // Every agent-first hang-up when the survey is on; else only when the agent transferred the caller to it.
    const survey =
      answered && report.hungUpBy === 'agent' && (options.surveyEnabled() || Boolean(before?.surveyRequestedAt));
    const holdSoFar =
      (before?.holdSeconds ?? 0) +
      (before?.heldSince ? Math.max(0, (now.getTime() - before.heldSince.getTime()) / 1000) : 0);
    const quality = qualityOf(contact, report.media, now, holdSoFar);
    await upsert(
      contact.id,
      {
        holdSeconds: sql`${callRecords.holdSeconds} + ${openHoldSeconds(now)}`,
        heldSince: null,
        hungUpBy: report.hungUpBy ?? null,
        ...(survey ? { surveyOfferedAt: now } : {}),
        ...(report.media ? { media: report.media, ...quality } : {}),
      },
      {
        hungUpBy: report.hungUpBy ?? null,
        surveyOfferedAt: survey ? now : null,
        ...(report.media ? { media: report.media, ...quality } : {}),
      },
    );
    return { survey };
  }

  /**
   * rtpengine's MOS when RTCP gave one; else loss from the caller's packets over the talk time (answer → hang-up,
   * less the time on hold, when a phone may stop sending) → E-model.
   */
  function qualityOf(contact: ContactRow, media: CallMediaReport | undefined, now: Date, holdSeconds: number) {
    if (!media) return {};
    if (media.mosX10) return { mosX10: media.mosX10, mosSource: 'rtcp', lossPercent: media.packetLossPercent ?? null };
    const talkStart = contact.answeredAt?.getTime();
    if (!talkStart || media.callerPackets === undefined) return { mosX10: null, mosSource: null, lossPercent: null };
    const loss =
      media.packetLossPercent ??
      estimatedLossPercent(media.callerPackets, (now.getTime() - talkStart) / 1000 - holdSeconds);
    if (loss === null) return { mosX10: null, mosSource: null, lossPercent: null };
    return { mosX10: estimatedMosX10(loss, media.jitterMs ?? 0), mosSource: 'estimate', lossPercent: loss };
  }

  async function find(contactId: string): Promise<CallRecordRow | null> {
    const rows = await db.select().from(callRecords).where(eq(callRecords.contactId, contactId)).limit(1);
    return rows[0] ?? null;
  }

  return { held, retrieved, transferred, cleared, find };
}

export type CallRecordService = ReturnType<typeof createCallRecordService>;
