import { inArray } from 'drizzle-orm';
import type {
  ActionResponse,
  BulkAction,
  BulkActionBody,
  BulkActionResult,
  DispatchBody,
  ReviewBody,
} from '@hotline/shared/contracts/tickets';
import type { Role } from '@hotline/shared/domain/roles';
import type { Db } from '../../platform/db/client.js';
import { AppError, badRequest, forbidden } from '../../platform/http/errors.js';
import type { TicketActor } from '../tickets/ticket-actor.js';
import { tickets } from '../tickets/tickets.table.js';
import type { DispatchService } from './dispatch.service.js';
import type { ExtensionService } from './extension.service.js';
import type { HandlingService } from './handling.service.js';

export interface BulkActionDeps {
  db: Db;
  dispatch: DispatchService;
  extensions: ExtensionService;
  handling: HandlingService;
}

/** Who may run each bulk action: the same roles as the single action's route. */
const BULK_ROLES: Record<BulkAction, readonly Role[]> = {
  dispatch: ['agent', 'lead'],
  'return-review': ['lead'],
  'extension-review': ['lead'],
  // 重件 sign-off (签发) by the unit head, or the hotline's review by a lead.
  'reply-review': ['lead', 'dept_head'],
};

const BULK_LABELS: Record<BulkAction, string> = {
  dispatch: '批量派单',
  'return-review': '批量审核退单',
  'extension-review': '批量审核延期',
  'reply-review': '批量审核反馈',
};

/** A failure the bulk result reports per ticket; anything but an AppError is a fault and is handed to `onFault`. */
const FAULT_MESSAGE = '系统处理出错，该工单未处理，请稍后重试';

/**
 * 批量操作 on a queue: the same decision on several tickets. Each ticket goes through the single action's service —
 * its own transaction, state-machine check, scoping and audit row — one after another; a refusal of one ticket is
 * reported with its Chinese reason and does not stop the others.
 */
export function createBulkActions(deps: BulkActionDeps) {
  function runner(body: BulkActionBody): (actor: TicketActor, id: string) => Promise<ActionResponse> {
    if (body.action === 'dispatch') {
      const dispatchBody: DispatchBody | undefined = body.dispatch;
      if (!dispatchBody) throw badRequest('批量派单须选择主办单位', 'dispatch_required');
      // The suggestions an agent saw belong to one ticket: a bulk dispatch records no choice.
      const { suggestions: _shown, ...sameForAll } = dispatchBody;
      return (actor, id) => deps.dispatch.dispatch(actor, id, sameForAll);
    }
    const review: ReviewBody | undefined = body.review;
    if (!review) throw badRequest('批量审核须选择同意或不同意', 'review_required');
    if (body.action === 'return-review') return (actor, id) => deps.dispatch.reviewReturn(actor, id, review);
    if (body.action === 'extension-review') return (actor, id) => deps.extensions.reviewExtension(actor, id, review);
    return (actor, id) => deps.handling.reviewReply(actor, id, review);
  }

  async function run(
    actor: TicketActor,
    body: BulkActionBody,
    onFault: (error: unknown) => void = () => {},
  ): Promise<BulkActionResult> {
    const allowed = BULK_ROLES[body.action];
    if (!allowed.includes(actor.role as Role)) throw forbidden(`您的角色不能进行${BULK_LABELS[body.action]}`);
    const act = runner(body);
    // Numbers for the report; a ticket outside the viewer's reach gets its refusal from the service itself.
    const known = await deps.db
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(inArray(tickets.id, body.ticketIds));
    const numbers = new Map(known.map((t) => [t.id, t.number]));
    const results: BulkActionResult['results'] = [];
    for (const id of body.ticketIds) {
      try {
        const done = await act(actor, id);
        results.push({ id, number: done.number, ok: true, status: done.status, message: null });
      } catch (error) {
        if (!(error instanceof AppError)) onFault(error);
        const message = error instanceof AppError ? error.message : FAULT_MESSAGE;
        // A unit's ticket it cannot see must not reveal its number through the report.
        const number = error instanceof AppError && error.statusCode === 404 ? null : (numbers.get(id) ?? null);
        results.push({ id, number, ok: false, status: null, message });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { succeeded, failed: results.length - succeeded, results };
  }

  return { run };
}
export type BulkActions = ReturnType<typeof createBulkActions>;
