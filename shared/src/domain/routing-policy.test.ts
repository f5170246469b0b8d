import { describe, expect, it } from 'vitest';
import { agentMaySetState } from './agent-states.js';
import {
  agentRoutingSlots,
  DEFAULT_ROUTING_POLICY,
  defaultSkillGroup,
  eligibleTiers,
  enqueuedAtOfScore,
  policyProblem,
  priorityFor,
  queueScore,
  tierForLevel,
} from './routing-policy.js';

describe('routing policy (DOMAIN §7)', () => {
  it('orders the queue by priority class, then by enqueue time', () => {
    const t0 = Date.UTC(2026, 10, 22, 1, 0, 0);
    const normalEarly = queueScore('normal', t0);
    const greenLate = queueScore('green_channel', t0 + 3_600_000);
    const transferLater = queueScore('transfer_back', t0 + 7_200_000);
    expect(transferLater).toBeLessThan(greenLate);
    expect(greenLate).toBeLessThan(normalEarly);
    expect(queueScore('normal', t0)).toBeLessThan(queueScore('normal', t0 + 1));
    expect(enqueuedAtOfScore(transferLater)).toBe(t0 + 7_200_000);
    expect(enqueuedAtOfScore(greenLate)).toBe(t0 + 3_600_000);
    expect(enqueuedAtOfScore(normalEarly)).toBe(t0);
  });

  it('derives the priority from transfer-back and green-channel flags', () => {
    expect(priorityFor({ transferBack: true, greenChannel: true })).toBe('transfer_back');
    expect(priorityFor({ greenChannel: true })).toBe('green_channel');
    expect(priorityFor({})).toBe('normal');
  });

  it('puts skill levels into tiers and opens the next tier only after its overflow wait', () => {
    expect(tierForLevel(5, DEFAULT_ROUTING_POLICY)).toBe(0);
    expect(tierForLevel(3, DEFAULT_ROUTING_POLICY)).toBe(1);
    expect(tierForLevel(1, DEFAULT_ROUTING_POLICY)).toBe(2);
    expect(tierForLevel(0, DEFAULT_ROUTING_POLICY)).toBeNull();
    expect(eligibleTiers(0, DEFAULT_ROUTING_POLICY)).toEqual([0]);
    expect(eligibleTiers(19_999, DEFAULT_ROUTING_POLICY)).toEqual([0]);
    expect(eligibleTiers(20_000, DEFAULT_ROUTING_POLICY)).toEqual([0, 1]);
    expect(eligibleTiers(60_000, DEFAULT_ROUTING_POLICY)).toEqual([0, 1, 2]);
  });

  it('lists the ready lists an agent joins', () => {
    expect(
      agentRoutingSlots(
        [
          { skill: 'general', level: 4 },
          { skill: 'business', level: 2 },
          { skill: 'dialect', level: 0 },
        ],
        DEFAULT_ROUTING_POLICY,
      ),
    ).toEqual([
      { group: 'general', tier: 0 },
      { group: 'business', tier: 1 },
    ]);
  });

  it('sends letters to the letter desk', () => {
    expect(defaultSkillGroup('letter')).toBe('letters');
    expect(defaultSkillGroup('call')).toBe('general');
  });

  it('accepts the default policy and explains a bad one in Chinese', () => {
    expect(policyProblem({ ...DEFAULT_ROUTING_POLICY })).toBeNull();
    expect(policyProblem({ ...DEFAULT_ROUTING_POLICY, tierOverflowSeconds: [0, 20] })).toContain('数量不一致');
    expect(policyProblem({ ...DEFAULT_ROUTING_POLICY, tierMinLevels: [2, 4, 1] })).toContain('逐级降低');
    expect(policyProblem({ ...DEFAULT_ROUTING_POLICY, tierOverflowSeconds: [5, 20, 45] })).toContain('0 秒');
    expect(policyProblem({ ...DEFAULT_ROUTING_POLICY, ringSeconds: 0 })).toContain('振铃超时');
  });

  it('lets agents change their own state only while nothing rings or talks', () => {
    expect(agentMaySetState('ready', 'break')).toBe(true);
    expect(agentMaySetState('wrap_up', 'ready')).toBe(true);
    expect(agentMaySetState('ringing', 'break')).toBe(false);
    expect(agentMaySetState('talking', 'ready')).toBe(false);
  });
});
