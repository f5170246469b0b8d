import { inArray } from 'drizzle-orm';
import type { SkillGroup } from '@hotline/shared/domain/routing-policy';
import type { Db } from '../../platform/db/client.js';
import { users } from '../auth/users.table.js';
import { agentSkills } from './calls.table.js';

/** Demo skills (坐席技能): every agent takes general calls; each also has a specialty. */
const DEMO_SKILLS: Record<string, { skill: SkillGroup; level: number }[]> = {
  agent01: [
    { skill: 'general', level: 5 },
    { skill: 'business', level: 3 },
  ],
  agent02: [
    { skill: 'general', level: 4 },
    { skill: 'letters', level: 4 },
  ],
  agent03: [
    { skill: 'general', level: 3 },
    { skill: 'dialect', level: 5 },
    { skill: 'foreign_language', level: 4 },
  ],
  lead01: [
    { skill: 'general', level: 5 },
    { skill: 'expert', level: 5 },
    { skill: 'business', level: 5 },
  ],
};

/** Idempotent: existing skills (an admin may have changed them) are kept. */
export async function seedAgentSkills(db: Db): Promise<void> {
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, Object.keys(DEMO_SKILLS)));
  const values = rows.flatMap((u) => DEMO_SKILLS[u.username]!.map((s) => ({ agentId: u.id, ...s })));
  if (values.length) await db.insert(agentSkills).values(values).onConflictDoNothing();
}
