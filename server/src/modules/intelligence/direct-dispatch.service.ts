import { eq } from 'drizzle-orm';
import type { ActionResponse, DispatchBody } from '@hotline/shared/contracts/tickets';
import type { DirectDispatchResult, DispatchSuggestionResult } from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { tickets } from '../tickets/tickets.table.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import type { DispatchModelService } from './dispatch-model.service.js';
import { directDispatchOffer } from './direct-dispatch.js';
import type { IntelligenceSettingsService } from './intelligence-settings.service.js';
import { dispatchSuggestionChoices } from './intelligence.table.js';

/** The ticket module's dispatch action (派单), given by the app so 直派 goes through the same state machine. */
export type DispatchTicket = (actor: TicketActor, ticketId: string, body: DispatchBody) => Promise<ActionResponse>;

/**
 * 直派: the server recomputes the suggestion from the ticket as stored (never trusting the console's figures), checks
 * the admin's policy, dispatches through the ordinary 派单 action (its state checks, rounds, clocks and audit), then
 * records the 直派 with the model version and confidence — audited and counted in the 采纳率 report.
 */
export function createDirectDispatch({
  db,
  clock,
  model,
  settings,
  dispatchTicket,
}: {
  db: Db;
  clock: Clock;
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
    async dispatch(actor: TicketActor, ticketId: string): Promise<DirectDispatchResult> {
      if (!dispatchTicket) throw conflict('本节点未启用派单，不能直派', 'direct_dispatch_unavailable');
      const result = await suggestForTicket(ticketId);
      const decision = directDispatchOffer(result, await settings.get());
      if ('reason' in decision) throw conflict(decision.reason, 'direct_dispatch_refused');
      const { offer } = decision;
      const action = await dispatchTicket(actor, ticketId, { leadDepartmentId: offer.departmentId });
      const department = result.items[0]!.department;
      const modelVersion = result.modelVersion!;
      await db.transaction(async (tx) => {
        await tx.insert(dispatchSuggestionChoices).values({
          ticketId,
          userId: actor.userId,
          modelVersion,
          suggestedDepartmentIds: result.items.map((i) => i.department.id),
          chosenDepartmentId: offer.departmentId,
          tookTop1: true,
          tookAny: true,
          direct: true,
          confidence: offer.confidence,
          createdAt: clock.now(),
        });
        await recordAudit(tx, actor, {
          action: 'dispatch.direct',
          entityType: 'ticket',
          entityId: ticketId,
          detail: {
            modelVersion,
            confidence: offer.confidence,
            threshold: offer.threshold,
            departmentId: offer.departmentId,
          },
        });
      });
      return { ...action, department, confidence: offer.confidence, modelVersion };
    },
  };
}
export type DirectDispatchService = ReturnType<typeof createDirectDispatch>;
