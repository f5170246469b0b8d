import { agentMaySetState, type BreakReason } from '@hotline/shared/domain/agent-states';
import { agentRoutingSlots } from '@hotline/shared/domain/routing-policy';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service.js';
import type { AgentPresence } from './acd-store.js';
import { agentSkillsOf } from './calls.repository.js';
import { presenceView, recordAgentState, type CallsContext } from './calls-context.js';

/** States from which an agent may leave by their own choice (never while a contact rings or talks). */
const SELF_SERVICE_FROM = ['offline', 'ready', 'break', 'wrap_up'] as const;

/**
 * Agent presence (坐席状态): ready / break / offline by the agent, wrap-up over, lost console connection.
 * `onReady` asks the router to look for work when someone becomes ready.
 */
export function createPresenceService(ctx: CallsContext, onReady: () => void) {
  const { store, clock } = ctx;

  async function current(agentId: string): Promise<AgentPresence> {
    return (
      (await store.getAgent(agentId)) ?? {
        agentId,
        state: 'offline',
        reason: null,
        sinceMs: clock.now().getTime(),
        contactId: null,
        slots: [],
      }
    );
  }

  async function slotsOf(agentId: string) {
    return agentRoutingSlots(await agentSkillsOf(ctx.db, agentId), ctx.policy);
  }

  /** 示闲 / 示忙 / 签出: the agent's own switch. */
  async function setAgentState(
    agentId: string,
    target: 'ready' | 'break' | 'offline',
    reason: BreakReason | undefined,
    actor: AuditActor,
  ) {
    const now = clock.now();
    const before = await current(agentId);
    if (before.state === target && target === 'ready') return presenceView(before);
    if (!agentMaySetState(before.state, target)) {
      throw conflict('振铃或通话中不能切换状态，请先处理当前来电', 'agent_busy');
    }
    const slots = target === 'ready' ? await slotsOf(agentId) : undefined;
    if (slots && slots.length === 0) throw badRequest('您尚未配置坐席技能，无法示闲，请联系班长配置', 'no_skills');
    const nextReason = target === 'break' ? (reason ?? 'rest') : null;
    const previous = await store.transitionAgent(agentId, SELF_SERVICE_FROM, {
      state: target,
      reason: nextReason,
      sinceMs: now.getTime(),
      contactId: null,
      ...(slots ? { slots } : {}),
    });
    if (!previous) throw conflict('坐席状态刚刚发生变化（可能有来电振铃），请刷新后重试', 'agent_state_changed');
    if (previous.state === 'wrap_up' && previous.contactId) {
      await store.cancelDeadline({ kind: 'wrap', agentId, contactId: previous.contactId });
    }
    await recordAgentState(
      ctx,
      { agentId, from: previous.state, state: target, reason: nextReason, contactId: null, at: now },
      actor,
    );
    if (target === 'ready') onReady();
    return presenceView({ agentId, state: target, reason: nextReason, sinceMs: now.getTime(), contactId: null });
  }

  /** 话后处理结束: by the agent (button) or by the wrap-up timer; the agent is ready again. */
  async function finishWrapUp(agentId: string, contactId: string | null, actor: AuditActor = SYSTEM_ACTOR) {
    const now = clock.now();
    const slots = await slotsOf(agentId);
    const previous = await store.transitionAgent(
      agentId,
      ['wrap_up'],
      { state: 'ready', reason: null, sinceMs: now.getTime(), contactId: null, slots },
      contactId ?? undefined,
    );
    if (!previous) return false;
    if (previous.contactId) await store.cancelDeadline({ kind: 'wrap', agentId, contactId: previous.contactId });
    await recordAgentState(
      ctx,
      { agentId, from: 'wrap_up', state: 'ready', reason: null, contactId: previous.contactId, at: now },
      actor,
    );
    onReady();
    return true;
  }

  /** The console stayed away for the grace period: not ready, so no call rings at an empty desk. */
  async function markConnectionLost(agentId: string) {
    const now = clock.now();
    const previous = await store.transitionAgent(agentId, ['ready', 'wrap_up'], {
      state: 'break',
      reason: 'connection_lost',
      sinceMs: now.getTime(),
      contactId: null,
    });
    if (!previous) return false;
    if (previous.state === 'wrap_up' && previous.contactId) {
      await store.cancelDeadline({ kind: 'wrap', agentId, contactId: previous.contactId });
    }
    await recordAgentState(ctx, {
      agentId,
      from: previous.state,
      state: 'break',
      reason: 'connection_lost',
      contactId: null,
      at: now,
    });
    return true;
  }

  return { current, slotsOf, setAgentState, finishWrapUp, markConnectionLost };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
