import type {
  AgentSkillsBody,
  CallerDetails,
  DeskStatus,
  DialDetails,
  EnqueueContactBody,
} from '@hotline/shared/contracts/calls';
import { outboundCalls } from './outbound-calls.table.js';
import { defaultSkillGroup, priorityFor } from '@hotline/shared/domain/routing-policy';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  agentSkillsOf,
  findContact,
  findHotlineUser,
  listHotlineAgents,
  replaceAgentSkills,
} from './calls.repository.js';
import { presenceView } from './calls-context.js';
import { callerHistoryOf } from './caller-history.js';
import type { CallsModule } from './calls.module.js';

/**
 * 坐席工作台 and the supervisors' operations on contacts and agents: what the calls routes do beyond validating input,
 * so the routes hold no rules, transactions or audit rows of their own.
 */
/** The number the proxy presents on calls agents place (kamailio.cfg HOTLINE_NUMBER). */
/** The caller id every outbound call shows (外呼 from the desk or from a ticket). */
export const HOTLINE_CALLER_ID = '12345';

export function createDeskService(calls: CallsModule) {
  const { db } = calls.ctx;

  /** The agent's presence, the contact on the desk (screen pop) and the ring/wrap-up times. */
  async function status(agentId: string): Promise<DeskStatus> {
    const presence = await calls.presence.current(agentId);
    let current = null;
    if (presence.contactId) {
      const contact = await findContact(db, presence.contactId);
      if (contact) {
        const ringDeadline = presence.sinceMs + calls.ctx.policy.ringSeconds * 1000;
        current = { ...(await calls.router.screenPop(contact, ringDeadline)), state: contact.state };
      }
    }
    const { ringSeconds, wrapUpSeconds } = calls.ctx.policy;
    return { presence: presenceView(presence), current, policy: { ringSeconds, wrapUpSeconds } };
  }

  /** A callback task (漏接回拨) has no call of its own: its ticket is linked to the call that was missed. */
  async function callIdOf(contact: { callId: string | null; parentContactId: string | null }) {
    if (contact.callId || !contact.parentContactId) return contact.callId;
    return (await findContact(db, contact.parentContactId))?.callId ?? null;
  }

  /** The full caller number for intake; only the agent the contact is (or was last) with, and the view is audited. */
  async function callerDetails(agentId: string, contactId: string, actor: AuditActor): Promise<CallerDetails> {
    const contact = await findContact(db, contactId);
    if (!contact || contact.agentId !== agentId) throw notFound('该来电不存在或不在您的坐席上');
    await recordAudit(db, actor, {
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
  }

  /**
   * 一键外呼: the agent dials the citizen of a 漏接回拨 callback task offered to or taken by them. The dial is recorded
   * (outbound_calls, linked to the task) with an audit row in one transaction; the number goes back in the response
   * body only, for the softphone, which calls it through the proxy (caller id 12345 set there).
   */
  async function dial(agentId: string, contactId: string, actor: AuditActor): Promise<DialDetails> {
    const contact = await findContact(db, contactId);
    if (!contact || contact.agentId !== agentId || contact.channel !== 'callback')
      throw notFound('该回拨任务不存在或不在您的坐席上');
    if (!['offered', 'connected'].includes(contact.state) || !contact.callerNumber)
      throw conflict('该回拨任务当前不能外呼', 'not_dialable');
    const number = contact.callerNumber;
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(outboundCalls)
        .values({ agentId, contactId: contact.id, dialledAt: calls.ctx.clock.now() })
        .returning({ id: outboundCalls.id });
      await recordAudit(tx, actor, { action: 'contact.dial', entityType: 'contact', entityId: contact.id });
      return inserted!;
    });
    return { outboundCallId: row.id, contactId: contact.id, number, callerId: HOTLINE_CALLER_ID };
  }

  async function finishWrapUp(agentId: string, actor: AuditActor): Promise<void> {
    const done = await calls.presence.finishWrapUp(agentId, null, actor);
    if (!done) throw conflict('当前不在话后处理状态', 'not_in_wrap_up');
  }

  /** 网络诉求或信件 into the queue, with the routing policy's priority and default skill group. */
  async function enqueue(body: EnqueueContactBody, actor: AuditActor): Promise<{ contactId: string }> {
    const contact = await calls.router.enqueueContact(
      {
        channel: body.channel,
        callerNumber: body.callerNumber ?? null,
        priority: priorityFor({ greenChannel: body.greenChannel }),
        greenChannel: body.greenChannel === true,
        skillGroup: body.skillGroup ?? defaultSkillGroup(body.channel),
        reference: body.reference ?? null,
      },
      actor,
    );
    return { contactId: contact.id };
  }

  /** An agent or lead (who may take contacts); anyone else is "not found" here. */
  async function hotlineUserOr404(id: string) {
    const user = await findHotlineUser(db, id);
    if (!user || (user.role !== 'agent' && user.role !== 'lead')) throw notFound('该坐席不存在');
    return user;
  }

  /** 代接 (to the supervisor themself) / 改派 (to an active agent). */
  async function assign(contactId: string, targetAgentId: string, actor: AuditActor): Promise<void> {
    if (!(await hotlineUserOr404(targetAgentId)).active) throw notFound('该坐席不存在');
    await calls.router.assignContact(contactId, targetAgentId, actor);
  }

  /** The hotline's people with their live state and skills. */
  async function listAgents() {
    const [people, presences] = await Promise.all([listHotlineAgents(db), calls.store.listAgents()]);
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
  }

  async function skillsOf(agentId: string): Promise<AgentSkillsBody> {
    const user = await hotlineUserOr404(agentId);
    return { skills: await agentSkillsOf(db, user.id) };
  }

  /** Replaces an agent's skills and levels, with its audit row in the same transaction. */
  async function replaceSkills(agentId: string, skills: AgentSkillsBody['skills'], actor: AuditActor) {
    const user = await hotlineUserOr404(agentId);
    // One level per skill: uniqueItems lets {general,3} and {general,5} through, the table would refuse them.
    if (new Set(skills.map((s) => s.skill)).size !== skills.length) {
      throw badRequest('同一技能只能设置一个等级', 'duplicate_skill');
    }
    await db.transaction(async (tx) => {
      await replaceAgentSkills(tx, user.id, skills);
      await recordAudit(tx, actor, {
        action: 'agent.skills',
        entityType: 'agent',
        entityId: user.id,
        detail: { skills },
      });
    });
    return { skills };
  }

  /** 重复来电 for the number typed at intake: its tickets of the window, open and finished. */
  async function callerHistory(phone: string) {
    return callerHistoryOf(db, phone, calls.ctx.clock.now());
  }

  return {
    status,
    callerDetails,
    callerHistory,
    dial,
    finishWrapUp,
    enqueue,
    assign,
    listAgents,
    skillsOf,
    replaceSkills,
  };
}

export type DeskService = ReturnType<typeof createDeskService>;
