import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { insertSelectFrom, rowOf } from '../../platform/db/insert-select.js';
import { auditLog } from '../audit/audit.table.js';
import { auditRow, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service.js';
import { agentStateEntry, contactMoveEntry, type AgentStateChange } from './calls-context.js';
import { agentStateLog, contacts } from './calls.table.js';
import type { ContactRow, NewContact } from './calls.repository.js';

/**
 * The router's hot path as single statements (issue 12: enqueue → offer within a few round trips). A statement is
 * one transaction in Postgres — all its rows or none — so each keeps the guarantee of the transaction it replaces,
 * in one round trip instead of four to six.
 */

/**
 * A new queued contact with its audit row (`contact.queued`); the id is chosen before (the router's fast path tries
 * the store with it first), so the audit row can name it.
 */
export async function insertQueuedContact(
  db: DbOrTx,
  id: string,
  values: Omit<NewContact, 'id' | 'state'>,
  actor: AuditActor,
): Promise<ContactRow> {
  const insert = db
    .insert(contacts)
    .values({ ...values, id, state: 'queued' })
    .returning();
  const audit = db
    .insert(auditLog)
    .values(auditRow(actor, contactMoveEntry(id, { from: 'new', to: 'queued', reason: values.channel })));
  const rows = await db.execute<Record<string, unknown>>(
    sql`with w0 as (${insert.getSQL()}), w1 as (${audit.getSQL()}) select * from w0`,
  );
  return rowOf(contacts, rows[0]!);
}

/**
 * The offer the store granted, recorded: the contact `offered` to the agent (from queued — or offered, when the store
 * re-offered before Postgres recorded a withdrawal), its audit row, the agent's `ringing` in agent_state_log and its
 * audit row. Written only if the contact still waits: null (and nothing written) when it was abandoned meanwhile.
 */
export async function recordOfferStatement(
  db: DbOrTx,
  offer: { contactId: string; agentId: string; at: Date },
): Promise<{ contact: ContactRow; ringing: AgentStateChange } | null> {
  const { contactId, agentId, at } = offer;
  const ringing: AgentStateChange = { agentId, from: 'ready', state: 'ringing', reason: null, contactId, at };
  const moved = db
    .update(contacts)
    .set({ state: 'offered', agentId, offeredAt: at, offerCount: sql`${contacts.offerCount} + 1` })
    .where(and(eq(contacts.id, contactId), inArray(contacts.state, ['queued', 'offered'])))
    .returning();
  const writes = [
    insertSelectFrom(
      auditLog,
      auditRow(SYSTEM_ACTOR, contactMoveEntry(contactId, { from: 'queued', to: 'offered', reason: null })),
      'w0',
    ),
    insertSelectFrom(agentStateLog, { agentId, state: 'ringing', reason: null, contactId, at }, 'w0'),
    insertSelectFrom(auditLog, auditRow(SYSTEM_ACTOR, agentStateEntry(ringing)), 'w0'),
  ];
  const ctes = sql.join(
    writes.map((write, i) => sql`${sql.raw(`w${i + 1}`)} as (${write})`),
    sql`, `,
  );
  const rows = await db.execute<Record<string, unknown>>(sql`with w0 as (${moved.getSQL()}), ${ctes} select * from w0`);
  return rows[0] ? { contact: rowOf(contacts, rows[0]), ringing } : null;
}

/**
 * The router's fast path recorded: a new contact that the store offered straight away (`offerNew`, nobody waiting
 * ahead of it) — the contact, already `offered` to the agent, its `contact.queued` and `contact.offered` audit rows,
 * the agent's `ringing` in agent_state_log and its audit row: the rows the enqueue and the offer statements write
 * between them, in one statement (one commit instead of two on the way to the screen-pop).
 */
export async function insertOfferedContact(
  db: DbOrTx,
  id: string,
  values: Omit<NewContact, 'id' | 'state'> & { enqueuedAt: Date },
  actor: AuditActor,
  agentId: string,
): Promise<{ contact: ContactRow; ringing: AgentStateChange }> {
  const at = values.enqueuedAt;
  const ringing: AgentStateChange = { agentId, from: 'ready', state: 'ringing', reason: null, contactId: id, at };
  const insert = db
    .insert(contacts)
    .values({ ...values, id, state: 'offered', agentId, offeredAt: at, offerCount: 1 })
    .returning();
  const audit = db
    .insert(auditLog)
    .values([
      auditRow(actor, contactMoveEntry(id, { from: 'new', to: 'queued', reason: values.channel })),
      auditRow(SYSTEM_ACTOR, contactMoveEntry(id, { from: 'queued', to: 'offered', reason: null })),
      auditRow(SYSTEM_ACTOR, agentStateEntry(ringing)),
    ]);
  const log = db.insert(agentStateLog).values({ agentId, state: 'ringing', reason: null, contactId: id, at });
  const rows = await db.execute<Record<string, unknown>>(
    sql`with w0 as (${insert.getSQL()}), w1 as (${audit.getSQL()}), w2 as (${log.getSQL()}) select * from w0`,
  );
  return { contact: rowOf(contacts, rows[0]!), ringing };
}
