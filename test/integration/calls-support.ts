import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { SkillGroup } from '@hotline/shared/domain/routing-policy';
import type { TelephonyEventBody } from '@hotline/shared/contracts/calls';
import { connectDatabase, type Db } from '../../server/src/platform/db/client.js';
import { TEST_DATABASE_URL } from '../support/env.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { agentSkills } from '../../server/src/modules/calls/calls.table.js';

/**
 * Routing tests share one database: each file starts from "nobody waiting, every agent offline", so a test app's
 * boot-time rebuild from Postgres does not pick up contacts or ready agents another file left behind. Call it before
 * startTestApp. The offline rows are stamped after each agent's latest row: fake clocks of earlier files ran ahead.
 */
export async function resetRouting(): Promise<void> {
  const database = connectDatabase(TEST_DATABASE_URL, { max: 1 });
  try {
    const db = database.db;
    await db.execute(
      sql`update contacts set state = 'ended', ended_at = now() where state in ('queued', 'offered', 'connected')`,
    );
    await db.execute(sql`
      insert into agent_state_log (agent_id, state, at)
      select agent_id, 'offline', greatest(now(), at + interval '1 millisecond') from (
        select distinct on (agent_id) agent_id, state, at from agent_state_log order by agent_id, at desc, id desc
      ) latest where state <> 'offline'`);
  } finally {
    await database.close();
  }
}

/** Inserts agents with skills directly (no password hashing: these agents never sign in through HTTP). */
export async function createAgents(
  db: Db,
  count: number,
  skills: (index: number) => { skill: SkillGroup; level: number }[],
): Promise<string[]> {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        username: `acd_${randomUUID().slice(0, 8)}_${i}`,
        displayName: `测试坐席${i}`,
        role: 'agent' as const,
        passwordHash: 'not-a-login-account',
      })),
    )
    .returning({ id: users.id });
  const ids = rows.map((r) => r.id);
  const values = ids.flatMap((agentId, i) => skills(i).map((s) => ({ agentId, ...s })));
  if (values.length) await db.insert(agentSkills).values(values);
  return ids;
}

let eventCounter = 0;
export const TEST_TELEPHONY_SECRET = 'dev-telephony-secret';

export function telephonyEvent(
  app: FastifyInstance,
  body: Omit<TelephonyEventBody, 'eventId'> & { eventId?: string },
  secret = TEST_TELEPHONY_SECRET,
) {
  return app.inject({
    method: 'POST',
    url: '/api/telephony/events',
    headers: { 'x-telephony-secret': secret },
    payload: { eventId: `ev-${process.pid}-${++eventCounter}-${randomUUID().slice(0, 6)}`, ...body },
  });
}

export const newCallId = () => `call-${randomUUID()}`;
