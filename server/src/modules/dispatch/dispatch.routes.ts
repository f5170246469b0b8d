import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import {
  ActionResponse,
  CallbackBody,
  CallbackVerdictBody,
  ChaseBody,
  ChaseLadderView,
  CloseBody,
  DispatchBody,
  ExtensionBody,
  MergeBody,
  ProgressBody,
  ReasonBody,
  ReplyBody,
  ReturnBody,
  ReviewBody,
  SuperviseBody,
} from '@hotline/shared/contracts/tickets';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import type { Role } from '@hotline/shared/domain/roles';
import { MAX_ATTACHMENT_BASE64_CHARS } from '@hotline/shared/contracts/attachments';
import { MAX_REPLY_ATTACHMENTS } from '@hotline/shared/domain/reply-outcomes';
import { typed } from '../../platform/http/typed.js';
import { ticketActorFromRequest, type TicketActor } from '../tickets/ticket-actor.js';
import type { ChaseService } from './chase.service.js';
import type { ClosureService } from './closure.service.js';
import type { DispatchService } from './dispatch.service.js';
import type { ExtensionService } from './extension.service.js';
import type { HandlingService } from './handling.service.js';

export interface DispatchRoutesOptions {
  dispatch: DispatchService;
  handling: HandlingService;
  closure: ClosureService;
  extensions: ExtensionService;
  chase: ChaseService;
}

const HOTLINE: Role[] = ['agent', 'lead'];
const LEAD: Role[] = ['lead'];
const HANDLER: Role[] = ['handler'];

/**
 * POST /api/tickets/:id/<action>: every step of dispatch, handling and closure. Each is one service call in one
 * transaction with its audit row; refusals come back as 409 with the state machine's Chinese reason, and another
 * unit's ticket as 404.
 */
export async function dispatchRoutes(
  app: FastifyInstance,
  { dispatch, handling, closure, extensions, chase }: DispatchRoutesOptions,
) {
  const r = typed(app);

  function action<B extends TSchema>(
    name: string,
    summary: string,
    roles: Role[],
    body: B,
    run: (actor: TicketActor, id: string, body: Static<B>) => Promise<ActionResponse>,
    options: { bodyLimit?: number } = {},
  ) {
    r.post(
      `/api/tickets/:id/${name}`,
      {
        config: { roles },
        ...options,
        schema: {
          tags: ['dispatch'],
          summary,
          params: IdParams,
          body,
          response: { 200: ActionResponse, ...errorResponses },
        },
      },
      async (request) => run(ticketActorFromRequest(request), request.params.id, request.body as Static<B>),
    );
  }

  action('dispatch', '派单（主办 + 协办；三次派单失败后须班长指定承办）', HOTLINE, DispatchBody, (a, id, b) =>
    dispatch.dispatch(a, id, b),
  );
  action('sign', '签收（办理时限自签收起算）', HANDLER, EmptyBody(), (a, id) => dispatch.sign(a, id));
  action('return', '退单（须在退单时限内，写明理由和依据）', HANDLER, ReturnBody, (a, id, b) =>
    dispatch.returnTicket(a, id, b),
  );
  action('return-review', '审核退单（同意 → 待派单；驳回 → 退回承办单位）', LEAD, ReviewBody, (a, id, b) =>
    dispatch.reviewReturn(a, id, b),
  );
  action(
    'extension',
    '申请延期（写明理由和依据；须在办理期限前，全工单各轮累计不超过流程规则上限）',
    HANDLER,
    ExtensionBody,
    (a, id, b) => extensions.requestExtension(a, id, b),
  );
  action('extension-review', '审核延期申请（同意后短信告知诉求人）', LEAD, ReviewBody, (a, id, b) =>
    extensions.reviewExtension(a, id, b),
  );
  action('progress', '填写办理进度', HANDLER, ProgressBody, (a, id, b) => handling.recordProgress(a, id, b));
  action(
    'reply',
    '办理反馈（办理结果、响应方式、附件：JPEG/PNG/PDF，每个不超过 5 MB）',
    HANDLER,
    ReplyBody,
    (a, id, b) => handling.reply(a, id, b),
    // The reply's files travel base64 in the body: room for all of them plus the text.
    { bodyLimit: MAX_REPLY_ATTACHMENTS * MAX_ATTACHMENT_BASE64_CHARS + 64 * 1024 },
  );
  action(
    'reply-review',
    '审核反馈（重件须先由承办单位负责人审核签发）',
    ['lead', 'dept_head'],
    ReviewBody,
    (a, id, b) => handling.reviewReply(a, id, b),
  );
  action(
    'callback',
    '回访（满意度、是否解决、是否承办单位责任；3次未接通按无法联系办结）',
    HOTLINE,
    CallbackBody,
    (a, id, b) => closure.recordCallback(a, id, b),
  );
  action(
    'callback-verdict',
    '回访不满意判定（承办单位责任 → 重办；非承办单位责任 → 办结，须写明理由）',
    LEAD,
    CallbackVerdictBody,
    (a, id, b) => closure.judgeCallback(a, id, b),
  );
  action('chase', '催办 / 通报（编号记录，短信通知承办单位联络员和负责人）', LEAD, ChaseBody, (a, id, b) =>
    chase.issueChaseNotice(a, id, b),
  );
  action('reopen', '重办（新一轮办理，列入督办）', LEAD, ReasonBody, (a, id, b) => closure.reopen(a, id, b));
  action('merge', '并单（并入主工单）', HOTLINE, MergeBody, (a, id, b) => closure.merge(a, id, b));
  action('close', '办结（待回访工单须回访；班长填写理由可不经回访办结）', HOTLINE, CloseBody, (a, id, b) =>
    closure.close(a, id, b),
  );
  action('supervise', '督办（督办单：级别、要求、期限）', LEAD, SuperviseBody, (a, id, b) =>
    closure.supervise(a, id, b),
  );
}

/** The chase ladder (催办 → 督办 → 通报) of one ticket, for the hotline's ticket page. */
export async function chaseLadderRoutes(app: FastifyInstance, { chase }: { chase: ChaseService }) {
  typed(app).get(
    '/api/tickets/:id/chase-ladder',
    {
      config: { roles: ['agent', 'lead', 'admin'] },
      schema: {
        tags: ['dispatch'],
        summary: '督催记录（催办、督办单、通报）',
        params: IdParams,
        response: { 200: ChaseLadderView, ...errorResponses },
      },
    },
    async (request) => chase.ladder(ticketActorFromRequest(request), request.params.id),
  );
}

/** Actions that need no input still accept an empty JSON object (or no body). */
function EmptyBody() {
  return Type.Optional(Type.Object({}, { additionalProperties: false }));
}
