/**
 * Agent (坐席) states and the moves between them. Some moves belong to the agent (ready ⇄ break), the rest to the
 * routing engine (an offer rings, an answered offer talks, a finished contact wraps up).
 */
export const AGENT_STATES = ['offline', 'ready', 'ringing', 'talking', 'wrap_up', 'break'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** Reasons for not being ready (示忙原因). The system sets the last three itself. */
export const BREAK_REASONS = [
  'rest',
  'meal',
  'meeting',
  'training',
  'paperwork',
  'ring_no_answer',
  'rejected',
  'connection_lost',
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** What an agent may choose in the console; the system-set reasons are not offered. */
export const AGENT_CHOSEN_BREAK_REASONS = [
  'rest',
  'meal',
  'meeting',
  'training',
  'paperwork',
] as const satisfies readonly BreakReason[];

/** The agent may switch between ready, break and offline only while no contact is ringing or connected to them. */
export function agentMaySetState(current: AgentState, target: 'ready' | 'break' | 'offline'): boolean {
  if (current === 'ringing' || current === 'talking') return false;
  if (current === target) return target === 'break';
  return true;
}
