import type { SQLWrapper } from 'drizzle-orm';
import type { SuggestionsShown } from '@hotline/shared/contracts/intelligence';
import type { Tx } from '../../platform/db/client.js';
import { auditRow, type AuditActor } from '../audit/audit.service.js';
import { auditLog } from '../audit/audit.table.js';
import { dispatchSuggestionChoices } from './intelligence.table.js';

/** The 采纳 record of one dispatch: the unit chosen against the suggestions shown (rank taken, or overridden). */
export function suggestionChoiceRow(
  actor: AuditActor,
  ticketId: string,
  chosenDepartmentId: string,
  shown: SuggestionsShown,
  now: Date,
  direct?: { confidence: number },
): typeof dispatchSuggestionChoices.$inferInsert {
  const rank = shown.suggestedDepartmentIds.indexOf(chosenDepartmentId);
  return {
    ticketId,
    userId: actor.userId,
    modelVersion: shown.modelVersion,
    suggestedDepartmentIds: shown.suggestedDepartmentIds,
    chosenDepartmentId,
    tookTop1: rank === 0,
    tookAny: rank >= 0,
    direct: direct !== undefined,
    confidence: direct?.confidence ?? (rank >= 0 ? (shown.suggestedConfidences?.[rank] ?? null) : null),
    createdAt: now,
  };
}

/** The `dispatch.suggestion_choice` audit entry of a choice (with a dispatch, or reported on its own). */
export function suggestionChoiceAudit(ticketId: string, chosenDepartmentId: string, shown: SuggestionsShown) {
  return {
    action: 'dispatch.suggestion_choice',
    entityType: 'ticket',
    entityId: ticketId,
    detail: {
      modelVersion: shown.modelVersion,
      chosen: chosenDepartmentId,
      rank: shown.suggestedDepartmentIds.indexOf(chosenDepartmentId) + 1 || null,
    },
  };
}

/**
 * The agent's choice recorded with a dispatch (intake form, dispatch dialog): its row and its `dispatch.suggestion_choice`
 * audit row, as writes for the dispatch action's one statement — a refused dispatch records nothing.
 */
export function suggestionChoiceWrites(
  tx: Tx,
  actor: AuditActor,
  ticketId: string,
  chosenDepartmentId: string,
  shown: SuggestionsShown,
  now: Date,
): SQLWrapper[] {
  const row = suggestionChoiceRow(actor, ticketId, chosenDepartmentId, shown, now);
  return [
    tx.insert(dispatchSuggestionChoices).values(row),
    tx.insert(auditLog).values(auditRow(actor, suggestionChoiceAudit(ticketId, chosenDepartmentId, shown))),
  ];
}
