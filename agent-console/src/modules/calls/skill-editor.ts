import type { AgentSkill, SkillGroup } from '@hotline/shared/domain/routing-policy';
import { SKILL_GROUPS } from '@hotline/shared/domain/routing-policy';

/** One line of the skills dialog: every skill group is shown, ticked when the agent has it. */
export interface SkillRow {
  skill: SkillGroup;
  enabled: boolean;
  level: number;
}

/** A new skill starts at level 3 (can handle it alone); specialists are raised by hand. */
const DEFAULT_LEVEL = 3;

export function skillRowsOf(skills: readonly AgentSkill[]): SkillRow[] {
  return SKILL_GROUPS.map((skill) => {
    const has = skills.find((s) => s.skill === skill);
    return { skill, enabled: has !== undefined, level: has?.level ?? DEFAULT_LEVEL };
  });
}

export function skillsOfRows(rows: readonly SkillRow[]): AgentSkill[] {
  return rows
    .filter((r) => r.enabled)
    .map((r) => ({ skill: r.skill, level: Math.min(5, Math.max(1, Math.round(r.level))) }));
}
