import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { SURVEY_RATINGS, type SipSurveyBody, type SipSurveyTimeoutBody } from '@hotline/shared/contracts/telephony';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { callRatings } from './call-ratings.table.js';
import { callRecords } from './call-records.table.js';
import { upsertCallRecord } from './call-records.service.js';
import { findContact, findContactByCallId } from './calls.repository.js';

const TELEPHONY_ACTOR = { ...SYSTEM_ACTOR, role: 'telephony' };

/**
 * 一次一评: the caller's keypress after the call lands in `call_ratings` (one per call; a second keypress or a
 * retried report changes nothing) with the agent who took the call, audited in the same transaction. Only a call
 * that has ended counts: keys pressed during the conversation are not a rating. A caller who presses nothing before
 * the proxy's time-out is recorded as `no_answer` on the call record.
 */
export function createSurveyService(db: Db, clock: Clock) {
  async function rate(body: SipSurveyBody): Promise<{ outcome: string; rating: number | null }> {
    const rating = SURVEY_RATINGS[body.digit as keyof typeof SURVEY_RATINGS];
    if (!rating) return { outcome: 'not_a_rating', rating: null };
    const contact = await findContactByCallId(db, body.callId);
    if (!contact || !contact.answeredAt) return { outcome: 'unknown_call', rating: null };
    // Digits pressed while talking (an IVR-style menu of the agent's, a number read out) are no rating.
    if (contact.state !== 'ended') return { outcome: 'call_in_progress', rating: null };
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(callRatings)
        .values({ contactId: contact.id, agentId: contact.agentId, rating, ratedAt: clock.now() })
        .onConflictDoNothing({ target: callRatings.contactId })
        .returning({ id: callRatings.id });
      if (!row) return { outcome: 'already_rated', rating: null };
      await tx
        .update(callRecords)
        .set({ surveyOutcome: 'rated', updatedAt: clock.now() })
        .where(eq(callRecords.contactId, contact.id));
      await recordAudit(tx, TELEPHONY_ACTOR, {
        action: 'call.rated',
        entityType: 'contact',
        entityId: contact.id,
        detail: { rating },
      });
      return { outcome: 'rated', rating };
    });
  }

  /** The proxy's survey time ran out with no keypress: `no_answer` (once; a rating that came first stays). */
  async function timedOut(body: SipSurveyTimeoutBody): Promise<{ outcome: string }> {
    const contact = await findContactByCallId(db, body.callId);
    if (!contact) return { outcome: 'unknown_call' };
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(callRecords)
        .set({ surveyOutcome: 'no_answer', updatedAt: clock.now() })
        .where(
          and(
            eq(callRecords.contactId, contact.id),
            isNotNull(callRecords.surveyOfferedAt),
            isNull(callRecords.surveyOutcome),
          ),
        )
        .returning({ contactId: callRecords.contactId });
      if (!row) return { outcome: 'already_ended' };
      await recordAudit(tx, TELEPHONY_ACTOR, {
        action: 'call.survey_no_answer',
        entityType: 'contact',
        entityId: contact.id,
      });
      return { outcome: 'no_answer' };
    });
  }

  /**
   * 转满意度: the agent sends the caller of their own live call to the survey. The proxy plays it when the agent then
   * hangs up, whether or not every call is surveyed (CALL_SURVEY).
   */
  async function transferToSurvey(agentId: string, contactId: string, actor: AuditActor): Promise<void> {
    const contact = await findContact(db, contactId);
    if (!contact || contact.channel !== 'call') throw notFound('未找到该通话', 'contact_not_found');
    if (contact.agentId !== agentId || contact.state !== 'connected')
      throw conflict('只能将自己正在通话中的来电转满意度评价', 'survey_not_in_call');
    const now = clock.now();
    await db.transaction(async (tx) => {
      await upsertCallRecord(tx, contactId, now, { surveyRequestedAt: now }, { surveyRequestedAt: now });
      await recordAudit(tx, actor, { action: 'call.survey_transfer', entityType: 'contact', entityId: contactId });
    });
  }
  return { rate, timedOut, transferToSurvey };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
