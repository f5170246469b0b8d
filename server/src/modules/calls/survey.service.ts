import { SURVEY_RATINGS, type SipSurveyBody } from '@hotline/shared/contracts/telephony';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.js';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../lib/clock.js';
import { callRatings } from './call-ratings.table.js';
import { findContactByCallId } from './calls.repository.js';

const TELEPHONY_ACTOR = { ...SYSTEM_ACTOR, role: 'telephony' };

/**
 * 一次一评: the caller's keypress after the call lands in `call_ratings` (one per call; a second keypress or a
 * retried report changes nothing) with the agent who took the call, audited in the same transaction. Only a call
 * that has ended counts: keys pressed during the conversation are not a rating.
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
      await recordAudit(tx, TELEPHONY_ACTOR, {
        action: 'call.rated',
        entityType: 'contact',
        entityId: contact.id,
        detail: { rating },
      });
      return { outcome: 'rated', rating };
    });
  }
  return { rate };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
