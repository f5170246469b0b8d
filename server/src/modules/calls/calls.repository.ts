import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { AgentState, BreakReason } from '@hotline/shared/domain/agent-states';
import type { AgentSkill, ContactState, RoutingPolicy } from '@hotline/shared/domain/routing-policy';
import type { DbOrTx } from '../../platform/db/client.js';
import { users } from '../auth/users.table.js';
import { acdSettings, agentSkills, agentStateLog, contacts, telephonyEvents } from './calls.table.js';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

export async function insertContact(db: DbOrTx, values: NewContact): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  return row!;
}

export async function findContact(db: DbOrTx, id: string): Promise<ContactRow | null> {
  const rows = await db.select().from(contacts).where(eq(contacts.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findContactByCallId(db: DbOrTx, callId: string): Promise<ContactRow | null> {
  const rows = await db.select().from(contacts).where(eq(contacts.callId, callId)).limit(1);
  return rows[0] ?? null;
}

/** Moves a contact between states only from the state the caller expects; null when someone else moved it first. */
async function moveContact(
  db: DbOrTx,
  id: string,
  from: ContactState[],
  set: PgUpdateSetSource<typeof contacts>,
): Promise<ContactRow | null> {
  const [row] = await db
    .update(contacts)
    .set(set)
    .where(and(eq(contacts.id, id), inArray(contacts.state, from)))
    .returning();
  return row ?? null;
}

/** Back to queued only if the offer being withdrawn is still the one recorded (a newer offer may have won). */
export async function markContactRequeued(db: DbOrTx, id: string, fromAgentId: string): Promise<ContactRow | null> {
  const [row] = await db
    .update(contacts)
    .set({ state: 'queued', agentId: null })
    .where(and(eq(contacts.id, id), eq(contacts.state, 'offered'), eq(contacts.agentId, fromAgentId)))
    .returning();
  return row ?? null;
}

export const markContactConnected = (db: DbOrTx, id: string, agentId: string, at: Date) =>
  moveContact(db, id, ['offered', 'queued'], {
    state: 'connected',
    agentId,
    answeredAt: at,
    waitSeconds: sql`greatest(0, round(extract(epoch from (${at.toISOString()}::timestamptz - ${contacts.enqueuedAt}))))::int`,
  });

export const markContactEnded = (db: DbOrTx, id: string, at: Date) =>
  moveContact(db, id, ['connected'], {
    state: 'ended',
    endedAt: at,
    talkSeconds: sql`greatest(0, round(extract(epoch from (${at.toISOString()}::timestamptz - ${contacts.answeredAt}))))::int`,
  });

export const markContactAbandoned = (db: DbOrTx, id: string, at: Date) =>
  moveContact(db, id, ['queued', 'offered'], {
    state: 'abandoned',
    endedAt: at,
    agentId: null,
    waitSeconds: sql`greatest(0, round(extract(epoch from (${at.toISOString()}::timestamptz - ${contacts.enqueuedAt}))))::int`,
  });

/** 转回: a waiting contact moves to the transfer-back priority class. */
export async function markContactTransferBack(db: DbOrTx, id: string): Promise<void> {
  await db.update(contacts).set({ priority: 'transfer_back' }).where(eq(contacts.id, id));
}

/** Contacts that belong in a waiting list or an offer: what a rebuild puts back into the store. */
export async function contactsAwaitingAgent(db: DbOrTx): Promise<ContactRow[]> {
  return db
    .select()
    .from(contacts)
    .where(inArray(contacts.state, ['queued', 'offered']))
    .orderBy(asc(contacts.enqueuedAt));
}

export async function insertAgentStateLog(
  db: DbOrTx,
  row: { agentId: string; state: AgentState; reason: BreakReason | null; contactId: string | null; at: Date },
): Promise<void> {
  await db.insert(agentStateLog).values(row);
}

/** The last logged state of every agent that has one. */
export async function latestAgentStates(db: DbOrTx) {
  return db
    .selectDistinctOn([agentStateLog.agentId], {
      agentId: agentStateLog.agentId,
      state: agentStateLog.state,
      reason: agentStateLog.reason,
      contactId: agentStateLog.contactId,
      at: agentStateLog.at,
    })
    .from(agentStateLog)
    .orderBy(agentStateLog.agentId, desc(agentStateLog.at), desc(agentStateLog.id));
}

export async function agentSkillsOf(db: DbOrTx, agentId: string): Promise<AgentSkill[]> {
  return db
    .select({ skill: agentSkills.skill, level: agentSkills.level })
    .from(agentSkills)
    .where(eq(agentSkills.agentId, agentId));
}

export async function replaceAgentSkills(db: DbOrTx, agentId: string, skills: AgentSkill[]): Promise<void> {
  await db.delete(agentSkills).where(eq(agentSkills.agentId, agentId));
  if (skills.length) await db.insert(agentSkills).values(skills.map((s) => ({ agentId, ...s })));
}

export async function findHotlineUser(db: DbOrTx, id: string) {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Every active agent and lead (who may take contacts), by username, with their skills (坐席技能). */
export async function listHotlineAgents(db: DbOrTx) {
  const people = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(inArray(users.role, ['agent', 'lead']), eq(users.active, true)))
    .orderBy(asc(users.username));
  if (people.length === 0) return [];
  const skills = await db
    .select({ agentId: agentSkills.agentId, skill: agentSkills.skill, level: agentSkills.level })
    .from(agentSkills)
    .where(
      inArray(
        agentSkills.agentId,
        people.map((p) => p.id),
      ),
    )
    .orderBy(desc(agentSkills.level), asc(agentSkills.skill));
  const byAgent = new Map<string, AgentSkill[]>();
  for (const s of skills)
    byAgent.set(s.agentId, [...(byAgent.get(s.agentId) ?? []), { skill: s.skill, level: s.level }]);
  return people.map((p) => ({ ...p, skills: byAgent.get(p.id) ?? [] }));
}

export async function displayNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** Records a telephony event id; false when it was recorded before (a retry). */
export async function claimTelephonyEvent(
  db: DbOrTx,
  row: { eventId: string; type: string; callId: string; receivedAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(telephonyEvents)
    .values({ ...row, outcome: 'pending' })
    .onConflictDoNothing()
    .returning({ eventId: telephonyEvents.eventId });
  return inserted.length === 1;
}

export async function finishTelephonyEvent(db: DbOrTx, eventId: string, outcome: string, contactId: string | null) {
  await db.update(telephonyEvents).set({ outcome, contactId }).where(eq(telephonyEvents.eventId, eventId));
}

export async function forgetTelephonyEvent(db: DbOrTx, eventId: string) {
  await db.delete(telephonyEvents).where(eq(telephonyEvents.eventId, eventId));
}

export async function findTelephonyEvent(db: DbOrTx, eventId: string) {
  const rows = await db.select().from(telephonyEvents).where(eq(telephonyEvents.eventId, eventId)).limit(1);
  return rows[0] ?? null;
}

export async function loadPolicy(db: DbOrTx): Promise<RoutingPolicy | null> {
  const rows = await db.select({ policy: acdSettings.policy }).from(acdSettings).where(eq(acdSettings.id, 1));
  return rows[0]?.policy ?? null;
}

export async function savePolicy(db: DbOrTx, policy: RoutingPolicy, userId: string | null, at: Date): Promise<void> {
  await db
    .insert(acdSettings)
    .values({ id: 1, policy, updatedBy: userId, updatedAt: at })
    .onConflictDoUpdate({ target: acdSettings.id, set: { policy, updatedBy: userId, updatedAt: at } });
}

/** Calls waiting longer than `before` that have not yet been offered a callback; marks them offered. */
export async function markCallbackOffers(db: DbOrTx, before: Date, at: Date) {
  return db
    .update(contacts)
    .set({ callbackOfferedAt: at })
    .where(
      and(
        eq(contacts.channel, 'call'),
        eq(contacts.state, 'queued'),
        sql`${contacts.callbackOfferedAt} is null`,
        sql`${contacts.enqueuedAt} <= ${before.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: contacts.id, callId: contacts.callId, enqueuedAt: contacts.enqueuedAt });
}

export async function pendingCallbackOffers(db: DbOrTx) {
  return db
    .select({ id: contacts.id, callId: contacts.callId, enqueuedAt: contacts.enqueuedAt })
    .from(contacts)
    .where(and(eq(contacts.state, 'queued'), sql`${contacts.callbackOfferedAt} is not null`))
    .orderBy(asc(contacts.enqueuedAt))
    .limit(200);
}
