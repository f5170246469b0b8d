import type { FastifyInstance } from 'fastify';
import {
  AgentPresenceView,
  AgentSkillList,
  AgentSkillsBody,
  AssignContactBody,
  CallerDetails,
  ContactIdParams,
  DeskStatus,
  EnqueueContactBody,
  EnqueuedContact,
  HotlineAgentList,
  RebuildReport,
  RoutingPolicyBody,
  SetAgentStateBody,
  WallboardSnapshot,
} from '@hotline/shared/contracts/calls';
import { errorResponses, IdParams, OkResponse } from '@hotline/shared/contracts/common';
import { defaultSkillGroup, priorityFor, type RoutingPolicy } from '@hotline/shared/domain/routing-policy';
import { typed } from '../../platform/http/typed.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { actorFromRequest, recordAudit } from '../audit/audit.service.js';
import {
  agentSkillsOf,
  findContact,
  findHotlineUser,
  listHotlineAgents,
  replaceAgentSkills,
} from './calls.repository.js';
import { presenceView } from './calls-context.js';
import type { CallsModule } from './calls.module.js';

const DESK_ROLES = ['agent', 'lead'] as const;
const SUPERVISOR_ROLES = ['lead', 'admin'] as const;

/** 坐席工作台: the agent's own presence and offers. Every route acts on the signed-in agent only. */
export async function deskRoutes(app: FastifyInstance, { calls }: { calls: CallsModule }) {
  const r = typed(app);
  const tags = ['calls'];

  r.get(
    '/api/calls/desk',
    {
      config: { roles: DESK_ROLES },
      schema: { tags, summary: '坐席当前状态与来电', response: { 200: DeskStatus, ...errorResponses } },
    },
    async (request) => {
      const agentId = request.session!.userId;
      const presence = await calls.presence.current(agentId);
      let current = null;
      if (presence.contactId) {
        const contact = await findContact(calls.ctx.db, presence.contactId);
        if (contact) {
          const ringDeadline = presence.sinceMs + calls.ctx.policy.ringSeconds * 1000;
          current = { ...(await calls.router.screenPop(contact, ringDeadline)), state: contact.state };
        }
      }
      const { ringSeconds, wrapUpSeconds } = calls.ctx.policy;
      return { presence: presenceView(presence), current, policy: { ringSeconds, wrapUpSeconds } };
    },
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

  /** A callback task (漏接回拨) has no call of its own: its ticket is linked to the call that was missed. */
  async function callIdOf(contact: { callId: string | null; parentContactId: string | null }) {
    if (contact.callId || !contact.parentContactId) return contact.callId;
    return (await findContact(calls.ctx.db, contact.parentContactId))?.callId ?? null;
  }

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
    async (request) => {
      const agentId = request.session!.userId;
      const contact = await findContact(calls.ctx.db, request.params.contactId);
      // Only the agent the contact is with (or was last with) may see the full number.
      if (!contact || contact.agentId !== agentId) throw notFound('该来电不存在或不在您的坐席上');
      await recordAudit(calls.ctx.db, actorFromRequest(request), {
        action: 'contact.view_personal_data',
        entityType: 'contact',
        entityId: contact.id,
      });
      return {
        contactId: contact.id,
        callerNumber: contact.callerNumber,
        greenChannel: contact.greenChannel,
        channel: contact.channel,
        callId: await callIdOf(contact),
      };
    },
  );

  r.post(
    '/api/calls/desk/wrap-up/done',
    {
      config: { roles: DESK_ROLES },
      schema: { tags, summary: '话后处理完成', response: { 200: OkResponse, ...errorResponses } },
    },
    async (request) => {
      const done = await calls.presence.finishWrapUp(request.session!.userId, null, actorFromRequest(request));
      if (!done) throw conflict('当前不在话后处理状态', 'not_in_wrap_up');
      return { ok: true };
    },
  );
}

/** Work items, wallboard and configuration for the hotline centre. */
export async function callsAdminRoutes(app: FastifyInstance, { calls }: { calls: CallsModule }) {
  const r = typed(app);
  const tags = ['calls'];

  /** An agent or lead (who may take contacts); anyone else is "not found" here. */
  async function hotlineUserOr404(id: string) {
    const user = await findHotlineUser(calls.ctx.db, id);
    if (!user || (user.role !== 'agent' && user.role !== 'lead')) throw notFound('该坐席不存在');
    return user;
  }

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
    async (request, reply) => {
      const b = request.body;
      const contact = await calls.router.enqueueContact(
        {
          channel: b.channel,
          callerNumber: b.callerNumber ?? null,
          priority: priorityFor({ greenChannel: b.greenChannel }),
          greenChannel: b.greenChannel === true,
          skillGroup: b.skillGroup ?? defaultSkillGroup(b.channel),
          reference: b.reference ?? null,
        },
        actorFromRequest(request),
      );
      return reply.code(201).send({ contactId: contact.id });
    },
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
      const actor = actorFromRequest(request);
      const target = request.body.agentId ?? request.session!.userId;
      if (!(await hotlineUserOr404(target)).active) throw notFound('该坐席不存在');
      await calls.router.assignContact(request.params.contactId, target, actor);
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
    async () => {
      const [people, presences] = await Promise.all([listHotlineAgents(calls.ctx.db), calls.store.listAgents()]);
      const presenceOf = new Map(presences.map((p) => [p.agentId, p]));
      return {
        items: people.map((p) => ({
          agentId: p.id,
          username: p.username,
          displayName: p.displayName,
          role: p.role as 'agent' | 'lead',
          state: presenceOf.get(p.id)?.state ?? 'offline',
          reason: presenceOf.get(p.id)?.reason ?? null,
          skills: p.skills,
        })),
      };
    },
  );

  r.get(
    '/api/calls/agents/:id/skills',
    {
      config: { roles: SUPERVISOR_ROLES },
      schema: { tags, summary: '坐席技能', params: IdParams, response: { 200: AgentSkillList, ...errorResponses } },
    },
    async (request) => {
      const user = await hotlineUserOr404(request.params.id);
      return { skills: await agentSkillsOf(calls.ctx.db, user.id) };
    },
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
    async (request) => {
      const user = await hotlineUserOr404(request.params.id);
      const skills = request.body.skills;
      // One level per skill: uniqueItems lets {general,3} and {general,5} through, the table would refuse them.
      if (new Set(skills.map((s) => s.skill)).size !== skills.length) {
        throw badRequest('同一技能只能设置一个等级', 'duplicate_skill');
      }
      await calls.ctx.db.transaction(async (tx) => {
        await replaceAgentSkills(tx, user.id, skills);
        await recordAudit(tx, actorFromRequest(request), {
          action: 'agent.skills',
          entityType: 'agent',
          entityId: user.id,
          detail: { skills },
        });
      });
      return { skills };
    },
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
