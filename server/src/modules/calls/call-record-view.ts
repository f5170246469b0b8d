import { eq } from 'drizzle-orm';
import type { CallRecordView } from '@hotline/shared/contracts/calls';
import { maskPhone } from '@hotline/shared/domain/phone';
import type { Db } from '../../platform/db/client.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { callRatings } from './call-ratings.table.js';
import { callRecords } from './call-records.table.js';
import { displayNames, findContact } from './calls.repository.js';

/**
 * 话单 of one contact: leads and admins see any; an agent only the contacts they took. The caller's number is
 * masked here (the full number is only in the audited caller view of the desk).
 */
export async function callRecordView(
  db: Db,
  contactId: string,
  viewer: { userId: string; role: string },
): Promise<CallRecordView> {
  const contact = await findContact(db, contactId);
  if (!contact) throw notFound('该话单不存在');
  if (viewer.role === 'agent' && contact.agentId !== viewer.userId) throw forbidden('只能查看自己接听的话单');
  const [record] = await db.select().from(callRecords).where(eq(callRecords.contactId, contactId)).limit(1);
  const [rating] = await db.select().from(callRatings).where(eq(callRatings.contactId, contactId)).limit(1);
  const names = contact.agentId ? await displayNames(db, [contact.agentId]) : new Map<string, string>();
  return {
    contactId: contact.id,
    channel: contact.channel,
    callerNumberMasked: maskPhone(contact.callerNumber),
    skillGroup: contact.skillGroup,
    state: contact.state,
    agentName: contact.agentId ? (names.get(contact.agentId) ?? null) : null,
    enqueuedAt: contact.enqueuedAt.toISOString(),
    answeredAt: contact.answeredAt?.toISOString() ?? null,
    endedAt: contact.endedAt?.toISOString() ?? null,
    waitSeconds: contact.waitSeconds,
    talkSeconds: contact.talkSeconds,
    holdSeconds: record?.holdSeconds ?? 0,
    holdCount: record?.holdCount ?? 0,
    transfers: record?.transfers ?? [],
    hungUpBy: (record?.hungUpBy as CallRecordView['hungUpBy']) ?? null,
    surveyOffered: Boolean(record?.surveyOfferedAt),
    surveyRating: rating?.rating ?? null,
    surveyOutcome: record?.surveyOutcome ?? null,
    mosX10: record?.mosX10 ?? null,
    mosSource: (record?.mosSource as CallRecordView['mosSource']) ?? null,
    lossPercent: record?.lossPercent ?? null,
    callerPackets: record?.media?.callerPackets ?? null,
    agentPackets: record?.media?.agentPackets ?? null,
  };
}
