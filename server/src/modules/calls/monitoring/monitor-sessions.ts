import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { recordAudit, type AuditActor } from '../../audit/audit.service.js';
import type { MonitorEndReason } from '@hotline/shared/contracts/call-monitoring';

/**
 * 班长监控 sessions, kept in the audit trail itself (no table of their own): a session is the `call.monitor_start` row
 * with `detail.session`; the lead joining (`call.monitor_joined`) and the end (`call.monitor_end`) carry the same key.
 * A session is open while no end row names its key. Whoever sees a session end closes it — the proxy (a listen-in's
 * BYE), the agent's console (a whisper/barge line ending, a take-over the lead did not answer) or the server when the
 * contact ends (the call hung up, transferred, or the lead's page gone) — and only the first close writes the end row
 * (one advisory lock per contact).
 */

/** The session key of a grant (a one-time address): a short hash, so the audit trail never holds a usable grant. */
export const sessionOfGrant = (grant: string) => createHash('sha256').update(grant).digest('base64url').slice(0, 22);

/** Who or what ended a session (`reason` of the end row): shared/contracts/call-monitoring.ts. */
export type MonitorEndedBy = MonitorEndReason;

interface OpenSession {
  session: string;
  leadId: string | null;
  mode: string | null;
  agentId: string | null;
  startedAt: Date;
  joinedAt: Date | null;
}

async function openSessions(db: DbOrTx, contactId: string): Promise<OpenSession[]> {
  const rows = await db.execute<{
    session: string;
    lead_id: string | null;
    mode: string | null;
    agent_id: string | null;
    started_at: string | Date;
    joined_at: string | Date | null;
  }>(sql`
    select s.detail->>'session' as session, s.actor_id as lead_id, s.to_state as mode,
           s.detail->>'agentId' as agent_id, s.at as started_at,
           (select min(j.at) from audit_log j
             where j.entity_type = 'contact' and j.entity_id = s.entity_id and j.action = 'call.monitor_joined'
               and j.detail->>'session' = s.detail->>'session') as joined_at
      from audit_log s
     where s.entity_type = 'contact' and s.entity_id = ${contactId} and s.action = 'call.monitor_start'
       and s.detail ? 'session'
       and not exists (select 1 from audit_log e
                        where e.entity_type = 'contact' and e.entity_id = s.entity_id
                          and e.action = 'call.monitor_end' and e.detail->>'session' = s.detail->>'session')
     order by s.id`);
  return [...rows].map((r) => ({
    session: r.session,
    leadId: r.lead_id,
    mode: r.mode,
    agentId: r.agent_id,
    startedAt: new Date(r.started_at),
    joinedAt: r.joined_at ? new Date(r.joined_at) : null,
  }));
}

/** The lead of an open or closed session, from its start row (null when the key is unknown for this contact). */
export async function sessionStart(db: DbOrTx, contactId: string, session: string) {
  const rows = await db.execute<{ lead_id: string | null; mode: string | null }>(sql`
    select actor_id as lead_id, to_state as mode from audit_log
     where entity_type = 'contact' and entity_id = ${contactId} and action = 'call.monitor_start'
       and detail->>'session' = ${session}
     limit 1`);
  const [row] = [...rows];
  return row ? { leadId: row.lead_id, mode: row.mode } : null;
}

/**
 * Writes the end row of the contact's open sessions that `which` selects (all by default): who ended it, the lead,
 * the agent, the mode and how long the lead was on the call (from joining; 0 when the lead never joined).
 * Returns how many it closed.
 */
export async function closeMonitorSessions(
  db: Db,
  now: Date,
  actor: AuditActor,
  contactId: string,
  endedBy: MonitorEndedBy,
  which: (s: OpenSession) => boolean = () => true,
  extra: Record<string, unknown> = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`monitor:${contactId}`}))`);
    const open = (await openSessions(tx, contactId)).filter(which);
    for (const s of open) {
      const durationSeconds = s.joinedAt ? Math.max(0, Math.round((now.getTime() - s.joinedAt.getTime()) / 1000)) : 0;
      await recordAudit(tx, actor, {
        action: 'call.monitor_end',
        entityType: 'contact',
        entityId: contactId,
        toState: s.mode ?? undefined,
        reason: endedBy,
        detail: {
          session: s.session,
          leadId: s.leadId,
          agentId: s.agentId,
          mode: s.mode,
          joined: Boolean(s.joinedAt),
          durationSeconds,
          ...extra,
        },
      });
    }
    return open.length;
  });
}

/** The session of a listen-in, by the rtpengine subscription's to-tag its join row names. */
export async function sessionOfListen(db: DbOrTx, contactId: string, toTag: string): Promise<string | null> {
  const rows = await db.execute<{ session: string }>(sql`
    select detail->>'session' as session from audit_log
     where entity_type = 'contact' and entity_id = ${contactId} and action = 'call.monitor_joined'
       and detail->>'toTag' = ${toTag} and detail ? 'session'
     order by id desc limit 1`);
  return [...rows][0]?.session ?? null;
}

/**
 * The session a new grant starts: the grant's hash, numbered after the contact's earlier starts with the same grant
 * (the same lead asking twice for the same mode within one second gets the same address).
 */
export async function newSessionOfGrant(
  db: DbOrTx,
  contactId: string,
  grant: string,
): Promise<{ grant: string; session: string }> {
  const hash = sessionOfGrant(grant);
  const rows = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from audit_log
     where entity_type = 'contact' and entity_id = ${contactId} and action = 'call.monitor_start'
       and detail->>'grant' = ${hash}`);
  const n = [...rows][0]?.n ?? 0;
  return { grant: hash, session: n ? `${hash}.${n}` : hash };
}

/** The session a grant in use belongs to: the latest start with that grant. */
export async function sessionOfToken(db: DbOrTx, contactId: string, grant: string): Promise<string> {
  const hash = sessionOfGrant(grant);
  const rows = await db.execute<{ session: string }>(sql`
    select detail->>'session' as session from audit_log
     where entity_type = 'contact' and entity_id = ${contactId} and action = 'call.monitor_start'
       and detail->>'grant' = ${hash}
     order by id desc limit 1`);
  return [...rows][0]?.session ?? hash;
}
