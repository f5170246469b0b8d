import type { FastifyInstance } from 'fastify';
import {
  AgentPresenceView,
  AgentSkillList,
  AgentSkillsBody,
  AssignContactBody,
  CallerDetails,
  CallerHistory,
  CallerHistoryBody,
  CallRecordView,
  DialDetails,
  ContactIdParams,
  OutboundCallList,
  DeskStatus,
  EnqueueContactBody,
  EnqueuedContact,
  HotlineAgentList,
  RebuildReport,
  RoutingPolicyBody,
  SetAgentStateBody,
  TicketDialDetails,
  TicketIdParams,
  WallboardSnapshot,
} from '@hotline/shared/contracts/calls';
import { errorResponses, IdParams, OkResponse } from '@hotline/shared/contracts/common';
import type { RoutingPolicy } from '@hotline/shared/domain/routing-policy';
import { HOTLINE_ROLES } from '@hotline/shared/domain/roles';
import { typed } from '../../platform/http/typed.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { CallsModule } from './calls.module.js';
import { createDeskService } from './desk.service.js';
import { callRecordView } from './call-record-view.js';
import { dialTicket } from './ticket-dial.js';
import { listOutboundCalls } from './outbound-call-list.js';

const DESK_ROLES = ['agent', 'lead'] as const;
const SUPERVISOR_ROLES = ['lead', 'admin'] as const;

/** 坐席工作台: the agent's own presence and offers. Every route acts on the signed-in agent only. */
export async function deskRoutes(app: FastifyInstance, { calls }: { calls: CallsModule }) {
  const r = typed(app);
  const desk = createDeskService(calls);
  const tags = ['calls'];

  r.get(
    '/api/calls/desk',
    {
      config: { roles: DESK_ROLES },
      schema: { tags, summary: '坐席当前状态与来电', response: { 200: DeskStatus, ...errorResponses } },
    },
    async (request) => desk.status(request.session!.userId),
  );

  r.put(
    '/api/calls/desk/state',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '示闲 / 示忙（带原因）/ 签出',
        body: SetAgentStateBody,
        response: { 200: AgentPresenceView, ...errorResponses },
      },
    },
    async (request) =>
      calls.presence.setAgentState(
        request.session!.userId,
        request.body.state,
        request.body.reason,
        actorFromRequest(request),
      ),
  );

  r.post(
    '/api/calls/desk/offers/:contactId/accept',
    {
      config: { roles: DESK_ROLES },
      schema: { tags, summary: '接听', params: ContactIdParams, response: { 200: OkResponse, ...errorResponses } },
    },
    async (request) => {
      await calls.router.acceptOffer(request.session!.userId, request.params.contactId, actorFromRequest(request));
      return { ok: true };
    },
  );

  r.post(
    '/api/calls/desk/offers/:contactId/reject',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '拒接（来电回到队首，坐席转为示忙）',
        params: ContactIdParams,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await calls.router.rejectOffer(request.session!.userId, request.params.contactId, actorFromRequest(request));
      return { ok: true };
    },
  );

  r.post(
    '/api/calls/desk/contacts/:contactId/end',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '结束当前来电并进入话后处理',
        params: ContactIdParams,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await calls.router.endContactByAgent(
        request.session!.userId,
        request.params.contactId,
        actorFromRequest(request),
      );
      return { ok: true };
    },
  );

  r.post(
    '/api/calls/desk/contacts/:contactId/survey',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '转满意度评价：坐席挂机后来电人听取一次一评提示并按键评价',
        params: ContactIdParams,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await calls.survey.transferToSurvey(request.session!.userId, request.params.contactId, actorFromRequest(request));
      return { ok: true };
    },
  );

  r.get(
    '/api/calls/desk/contacts/:contactId/caller',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '来电号码（用于受理建单，查看即留痕）',
        params: ContactIdParams,
        response: { 200: CallerDetails, ...errorResponses },
      },
    },
    async (request) => desk.callerDetails(request.session!.userId, request.params.contactId, actorFromRequest(request)),
  );

  r.post(
    '/api/calls/desk/caller-history',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '重复来电：该号码近期的工单（含已办结）；号码放在请求体中',
        body: CallerHistoryBody,
        response: { 200: CallerHistory, ...errorResponses },
      },
    },
    async (request) => desk.callerHistory(request.body.phone),
  );

  r.post(
    '/api/calls/desk/contacts/:contactId/dial',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '一键外呼（漏接回拨任务；号码只返回给软电话，记录外呼并留痕）',
        params: ContactIdParams,
        response: { 200: DialDetails, ...errorResponses },
      },
    },
    async (request) => desk.dial(request.session!.userId, request.params.contactId, actorFromRequest(request)),
  );

  r.post(
    '/api/calls/desk/tickets/:ticketId/dial',
    {
      config: { roles: DESK_ROLES },
      schema: {
        tags,
        summary: '外呼回访（待回访工单；号码只返回给软电话，记录外呼并留痕）',
        params: TicketIdParams,
        response: { 200: TicketDialDetails, ...errorResponses },
      },
    },
    async (request) =>
      dialTicket(
        calls.ctx.db,
        calls.ctx.clock,
        request.session!.userId,
        request.params.ticketId,
        actorFromRequest(request),
      ),
  );

  r.get(
    '/api/calls/tickets/:ticketId/outbound-calls',
    {
      config: { roles: HOTLINE_ROLES },
      schema: {
        tags,
        summary: '工单的外呼记录（回访拨打的时间、坐席与结果；不含号码）',
        params: TicketIdParams,
        response: { 200: OutboundCallList, ...errorResponses },
      },
    },
    async (request) => listOutboundCalls(calls.ctx.db, { ticketId: request.params.ticketId }),
  );

  r.get(
    '/api/calls/contacts/:contactId/outbound-calls',
    {
      config: { roles: HOTLINE_ROLES },
      schema: {
        tags,
        summary: '漏接回拨任务的外呼记录（拨打的时间、坐席与结果；不含号码）',
        params: ContactIdParams,
        response: { 200: OutboundCallList, ...errorResponses },
      },
    },
    async (request) => listOutboundCalls(calls.ctx.db, { contactId: request.params.contactId }),
  );

  r.post(
    '/api/calls/desk/wrap-up/done',
    {
      config: { roles: DESK_ROLES },
      schema: { tags, summary: '话后处理完成', response: { 200: OkResponse, ...errorResponses } },
    },
    async (request) => {
      await desk.finishWrapUp(request.session!.userId, actorFromRequest(request));
      return { ok: true };
    },
  );
}

/** Work items, wallboard and configuration for the hotline centre. */
export async function callsAdminRoutes(app: FastifyInstance, { calls }: { calls: CallsModule }) {
  const r = typed(app);
  const desk = createDeskService(calls);
  const tags = ['calls'];

  r.post(
    '/api/calls/contacts',
    {
      config: { roles: ['agent', 'lead', 'admin'] },
      schema: {
        tags,
        summary: '网络诉求或信件进入队列',
        body: EnqueueContactBody,
        response: { 201: EnqueuedContact, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await desk.enqueue(request.body, actorFromRequest(request))),
  );

  r.get(
    '/api/calls/contacts/:contactId/record',
    {
      config: { roles: ['agent', 'lead', 'admin'] },
      schema: {
        tags,
        summary: '话单：等待、通话、保持、转接、满意度、通话质量（号码脱敏）',
        params: ContactIdParams,
        response: { 200: CallRecordView, ...errorResponses },
      },
    },
    async (request) =>
      callRecordView(calls.ctx.db, request.params.contactId, {
        userId: request.session!.userId,
        role: request.session!.role,
      }),
  );

  r.get(
    '/api/calls/wallboard',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: { tags, summary: '监控大屏', response: { 200: WallboardSnapshot, ...errorResponses } },
    },
    async () => calls.wallboard.snapshot(),
  );

  r.post(
    '/api/calls/contacts/:contactId/assign',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: {
        tags,
        summary: '代接 / 改派',
        params: ContactIdParams,
        body: AssignContactBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      // No agent named: the supervisor takes the contact themself (代接).
      const target = request.body.agentId ?? request.session!.userId;
      await desk.assign(request.params.contactId, target, actorFromRequest(request));
      return { ok: true };
    },
  );

  r.get(
    '/api/calls/agents',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: {
        tags,
        summary: '坐席列表（当前状态与技能）',
        response: { 200: HotlineAgentList, ...errorResponses },
      },
    },
    async () => desk.listAgents(),
  );

  r.get(
    '/api/calls/agents/:id/skills',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: { tags, summary: '坐席技能', params: IdParams, response: { 200: AgentSkillList, ...errorResponses } },
    },
    async (request) => desk.skillsOf(request.params.id),
  );

  r.put(
    '/api/calls/agents/:id/skills',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: {
        tags,
        summary: '设置坐席技能与等级',
        params: IdParams,
        body: AgentSkillsBody,
        response: { 200: AgentSkillList, ...errorResponses },
      },
    },
    async (request) => desk.replaceSkills(request.params.id, request.body.skills, actorFromRequest(request)),
  );

  r.get(
    '/api/calls/policy',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: { tags, summary: '路由策略', response: { 200: RoutingPolicyBody, ...errorResponses } },
    },
    async () => ({ ...calls.ctx.policy }),
  );

  r.put(
    '/api/calls/policy',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: '修改路由策略',
        body: RoutingPolicyBody,
        response: { 200: RoutingPolicyBody, ...errorResponses },
      },
    },
    async (request) => calls.updatePolicy(request.body as RoutingPolicy, actorFromRequest(request)),
  );

  r.post(
    '/api/calls/rebuild',
    {
      config: { roles: ['admin'] },
      schema: { tags, summary: '从数据库重建排队与坐席状态', response: { 200: RebuildReport, ...errorResponses } },
    },
    async () => calls.rebuildQueuesFromPostgres(),
  );
}
