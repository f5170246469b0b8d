import { eq } from 'drizzle-orm';
import type { ActionResponse, DispatchBody } from '@hotline/shared/contracts/tickets';
import type { DirectDispatchResult, DispatchSuggestionResult } from '@hotline/shared/contracts/intelligence';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { auditRow } from '../audit/audit.service.js';
import { auditLog } from '../audit/audit.table.js';
import type { DispatchExtraWrites } from '../dispatch/dispatch.service.js';
import { tickets } from '../tickets/tickets.table.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import type { DispatchModelService } from './dispatch-model.service.js';
import { directDispatchOffer } from './direct-dispatch.js';
import type { IntelligenceSettingsService } from './intelligence-settings.service.js';
import { dispatchSuggestionChoices } from './intelligence.table.js';
import { suggestionChoiceRow } from './suggestion-choice.js';

/** The ticket module's dispatch action (派单), given by the app so 直派 goes through the same state machine. */
export type DispatchTicket = (
  actor: TicketActor,
  ticketId: string,
  body: DispatchBody,
  extraWrites?: DispatchExtraWrites,
) => Promise<ActionResponse>;

/**
 * 直派: the server recomputes the suggestion from the ticket as stored (never trusting the console's figures), checks
 * the admin's policy, dispatches through the ordinary 派单 action (its state checks, rounds, clocks and audit) and
 * records the 直派 with the model version and confidence in that action's own statement — audited and counted in the
 * 采纳率 report, committed with the dispatch or not at all.
 */
export function createDirectDispatch({
  db,
  model,
  settings,
  dispatchTicket,
}: {
  db: Db;
  model: DispatchModelService;
  settings: IntelligenceSettingsService;
  dispatchTicket: DispatchTicket | null;
}) {
  /** Suggestions for a stored ticket (the dispatch dialog): from its content, address, type and matter. */
  async function suggestForTicket(ticketId: string): Promise<DispatchSuggestionResult> {
    const [ticket] = await db
      .select({ content: tickets.content, address: tickets.address, type: tickets.type, matterId: tickets.matterId })
      .from(tickets)
      .where(eq(tickets.id, ticketId));
    if (!ticket) throw notFound('工单不存在');
    return model.suggest({
      content: ticket.content.slice(0, 4000) || '（空）',
      address: ticket.address.slice(0, 200),
      type: ticket.type,
      ...(ticket.matterId ? { matterId: ticket.matterId } : {}),
    });
  }

  return {
    suggestForTicket,
    /**
     * `shownVersion`: the model version whose suggestion the agent saw (null: the console showed none). A model
     * promoted in between may rank another unit first: the agent is asked to look again instead of being dispatched
     * somewhere they did not see.
     */
    async dispatch(actor: TicketActor, ticketId: string, shownVersion: number | null): Promise<DirectDispatchResult> {
      if (!dispatchTicket) throw conflict('本节点未启用派单，不能直派', 'direct_dispatch_unavailable');
      const result = await suggestForTicket(ticketId);
      if (shownVersion !== null && result.modelVersion !== shownVersion)
        throw conflict('智能派单模型已更新，建议可能已变化，请重新查看建议后再直派', 'model_changed');
      const decision = directDispatchOffer(result, await settings.get());
      if ('reason' in decision) throw conflict(decision.reason, 'direct_dispatch_refused');
      const { offer } = decision;
      const department = result.items[0]!.department;
      const modelVersion = result.modelVersion!;
      const shown = {
        modelVersion,
        suggestedDepartmentIds: result.items.map((i) => i.department.id),
      };
      // The 直派 record and its audit row go in the dispatch's own statement: both commit with it or not at all.
      const action = await dispatchTicket(actor, ticketId, { leadDepartmentId: offer.departmentId }, (tx, _t, now) => [
        tx
          .insert(dispatchSuggestionChoices)
          .values(
            suggestionChoiceRow(actor, ticketId, offer.departmentId, shown, now, { confidence: offer.confidence }),
          ),
        tx.insert(auditLog).values(
          auditRow(actor, {
            action: 'dispatch.direct',
            entityType: 'ticket',
            entityId: ticketId,
            detail: {
              modelVersion,
              confidence: offer.confidence,
              threshold: offer.threshold,
              departmentId: offer.departmentId,
            },
          }),
        ),
      ]);
      return { ...action, department, confidence: offer.confidence, modelVersion };
    },
  };
}
export type DirectDispatchService = ReturnType<typeof createDirectDispatch>;
