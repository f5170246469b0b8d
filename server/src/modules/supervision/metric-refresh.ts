import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { METRIC_DIMENSIONS, type MetricDimension } from '@hotline/shared/domain/metrics';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { deriveContactFacts, deriveTicketFacts, type FactContext, type MetricFact } from './metric-facts.js';
import { pgArray } from './pg-array.js';
import { loadContactBundles, loadFactContext, loadTicketBundles } from './metric-sources.repository.js';

/**
 * The incremental refresh of the rollups (指标汇总): for each changed record, derive its facts from the raw rows,
 * compare them with the facts stored for it, and apply only the difference to the rollup cells — in one transaction
 * per record, serialised per record by an advisory lock. Running it twice, late or out of order gives the same rows:
 * the facts are a function of the raw rows, and an unchanged fingerprint writes nothing.
 */

export type SourceKind = 'ticket' | 'contact';

export function factDimensionKey(fact: MetricFact, dim: MetricDimension): string | null {
  switch (dim) {
    case 'all':
      return '';
    case 'department':
      return fact.departmentId;
    case 'unit':
      return fact.unitId;
    case 'agent':
      return fact.agentId;
    case 'channel':
      return fact.channel;
    case 'type':
      return fact.type;
    case 'matter':
      return fact.matterId;
    case 'area':
      return fact.area;
  }
}

const factKey = (f: MetricFact) =>
  [
    f.counter,
    f.day,
    f.value,
    f.ticketId,
    f.contactId,
    f.refId,
    f.departmentId,
    f.unitId,
    f.agentId,
    f.channel,
    f.type,
    f.matterId,
    f.area,
  ].join('|');

export function fingerprint(facts: MetricFact[]): string {
  return createHash('sha256').update(facts.map(factKey).sort().join('\n')).digest('base64url');
}

/** Rollup cell deltas of replacing `before` by `after`: key dim|key|counter|day → [Δn, Δtotal]. */
export function rollupDeltas(before: MetricFact[], after: MetricFact[]): Map<string, [number, number]> {
  const deltas = new Map<string, [number, number]>();
  const add = (facts: MetricFact[], sign: 1 | -1) => {
    for (const fact of facts) {
      for (const dim of METRIC_DIMENSIONS) {
        const key = factDimensionKey(fact, dim);
        if (key === null) continue;
        const cell = `${dim}\u0001${key}\u0001${fact.counter}\u0001${fact.day}`;
        const current = deltas.get(cell) ?? [0, 0];
        current[0] += sign;
        current[1] += sign * fact.value;
        deltas.set(cell, current);
      }
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [cell, [dn, dt]] of deltas) if (dn === 0 && dt === 0) deltas.delete(cell);
  return deltas;
}

async function applyDeltasTo(
  tx: Tx,
  table: 'metric_rollups' | 'metric_rollups_monthly',
  deltas: Map<string, [number, number]>,
) {
  if (deltas.size === 0) return;
  // Sorted, so two refreshes touching the same cells lock them in the same order and cannot deadlock.
  const cells = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const dims: string[] = [];
  const keys: string[] = [];
  const counters: string[] = [];
  const days: string[] = [];
  const ns: number[] = [];
  const totals: number[] = [];
  for (const [cell, [dn, dt]] of cells) {
    const [dim, key, counter, day] = cell.split('\u0001');
    dims.push(dim!);
    keys.push(key!);
    counters.push(counter!);
    days.push(day!);
    ns.push(dn);
    totals.push(dt);
  }
  const target = sql.raw(table);
  await tx.execute(sql`
    INSERT INTO ${target} AS r (dim, key, counter, day, n, total)
    SELECT * FROM unnest(${pgArray(dims, 'text')}, ${pgArray(keys, 'text')}, ${pgArray(counters, 'text')},
                         ${pgArray(days, 'date')}, ${pgArray(ns, 'bigint')}, ${pgArray(totals, 'bigint')})
    ON CONFLICT (dim, key, counter, day)
    DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total`);
  await tx.execute(sql`
    DELETE FROM ${target} r USING unnest(${pgArray(dims, 'text')}, ${pgArray(keys, 'text')},
      ${pgArray(counters, 'text')}, ${pgArray(days, 'date')}) AS c(dim, key, counter, day)
    WHERE r.dim = c.dim AND r.key = c.key AND r.counter = c.counter AND r.day = c.day AND r.n = 0 AND r.total = 0`);
}

/** Day cells → month cells (day = the month's first day). */
export function monthlyDeltas(daily: Map<string, [number, number]>): Map<string, [number, number]> {
  const monthly = new Map<string, [number, number]>();
  for (const [cell, [dn, dt]] of daily) {
    const monthCell = `${cell.slice(0, -2)}01`;
    const current = monthly.get(monthCell) ?? [0, 0];
    current[0] += dn;
    current[1] += dt;
    monthly.set(monthCell, current);
  }
  for (const [cell, [dn, dt]] of monthly) if (dn === 0 && dt === 0) monthly.delete(cell);
  return monthly;
}

async function applyDeltas(tx: Tx, deltas: Map<string, [number, number]>): Promise<void> {
  await applyDeltasTo(tx, 'metric_rollups', deltas);
  await applyDeltasTo(tx, 'metric_rollups_monthly', monthlyDeltas(deltas));
}

function rowToFact(r: Record<string, unknown>): MetricFact {
  const day = r.day instanceof Date ? r.day.toISOString().slice(0, 10) : String(r.day);
  return {
    counter: r.counter as MetricFact['counter'],
    day,
    value: Number(r.value),
    ticketId: (r.ticket_id as string | null) ?? null,
    contactId: (r.contact_id as string | null) ?? null,
    refId: (r.ref_id as string | null) ?? null,
    departmentId: (r.department_id as string | null) ?? null,
    unitId: (r.unit_id as string | null) ?? null,
    agentId: (r.agent_id as string | null) ?? null,
    channel: (r.channel as string | null) ?? null,
    type: (r.type as string | null) ?? null,
    matterId: (r.matter_id as string | null) ?? null,
    area: (r.area as string | null) ?? null,
  };
}

async function insertFacts(tx: Tx, rows: { kind: SourceKind; id: string; fact: MetricFact }[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof MetricFact>(k: K) => rows.map((r) => r.fact[k]);
  await tx.execute(sql`
    INSERT INTO metric_facts (source_kind, source_id, counter, day, value, ticket_id, contact_id, ref_id,
                              department_id, unit_id, agent_id, channel, type, matter_id, area)
    SELECT * FROM unnest(${pgArray(
      rows.map((r) => r.kind),
      'text',
    )}, ${pgArray(
      rows.map((r) => r.id),
      'uuid',
    )},
      ${pgArray(col('counter'), 'text')}, ${pgArray(col('day'), 'date')},
      ${pgArray(col('value'), 'bigint')}, ${pgArray(col('ticketId'), 'uuid')}, ${pgArray(col('contactId'), 'uuid')},
      ${pgArray(col('refId'), 'uuid')}, ${pgArray(col('departmentId'), 'uuid')}, ${pgArray(col('unitId'), 'uuid')},
      ${pgArray(col('agentId'), 'uuid')}, ${pgArray(col('channel'), 'text')}, ${pgArray(col('type'), 'text')},
      ${pgArray(col('matterId'), 'uuid')}, ${pgArray(col('area'), 'text')})`);
}

/**
 * The rebuild's fast path: after the TRUNCATE there are no stored facts, so a whole batch of sources is written in
 * one transaction (facts and fingerprints); the rollups are summed from all facts at the end, set-wise.
 */
async function writeFreshBatch(
  db: Db,
  kind: SourceKind,
  entries: { id: string; facts: MetricFact[] }[],
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await insertFacts(
      tx,
      entries.flatMap((e) => e.facts.map((fact) => ({ kind, id: e.id, fact }))),
    );
    await tx.execute(sql`
      INSERT INTO metric_sources (source_kind, source_id, version, refreshed_at)
      SELECT ${kind}, * FROM unnest(${pgArray(
        entries.map((e) => e.id),
        'uuid',
      )},
        ${pgArray(
          entries.map((e) => fingerprint(e.facts)),
          'text',
        )}, ${pgArray(
          entries.map(() => now.toISOString()),
          'timestamptz',
        )})`);
  });
}

/** Every rollup cell summed from the stored facts in one statement: the end of the rebuild. */
async function sumRollupsFromFacts(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO metric_rollups (dim, key, counter, day, n, total)
    SELECT d.dim, d.key, f.counter, f.day, count(*), sum(f.value)
    FROM metric_facts f
    CROSS JOIN LATERAL (VALUES ('all', ''), ('department', f.department_id::text), ('unit', f.unit_id::text),
      ('agent', f.agent_id::text), ('channel', f.channel), ('type', f.type), ('matter', f.matter_id::text),
      ('area', f.area)) AS d(dim, key)
    WHERE d.key IS NOT NULL
    GROUP BY 1, 2, 3, 4`);
  await db.execute(sql`
    INSERT INTO metric_rollups_monthly (dim, key, counter, day, n, total)
    SELECT dim, key, counter, date_trunc('month', day)::date, sum(n), sum(total) FROM metric_rollups
    GROUP BY 1, 2, 3, 4`);
}

/** Replaces one source's facts by `facts` and moves the rollups by the difference. Returns whether anything changed. */
export async function replaceSourceFacts(
  tx: Tx,
  kind: SourceKind,
  id: string,
  facts: MetricFact[],
  now: Date,
  /** When given, the rollup deltas are added here for the caller to apply once (sorted) instead of at once. */
  collect?: Map<string, [number, number]>,
): Promise<boolean> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`metric:${kind}:${id}`}))`);
  const version = fingerprint(facts);
  const stored = await tx.execute<{ version: string }>(
    sql`SELECT version FROM metric_sources WHERE source_kind = ${kind} AND source_id = ${id}`,
  );
  if (stored[0]?.version === version) return false;
  const oldRows = await tx.execute<Record<string, unknown>>(
    sql`SELECT * FROM metric_facts WHERE source_kind = ${kind} AND source_id = ${id}`,
  );
  const before = oldRows.map(rowToFact);
  const deltas = rollupDeltas(before, facts);
  if (collect) {
    for (const [cell, [dn, dt]] of deltas) {
      const sum = collect.get(cell);
      collect.set(cell, sum ? [sum[0] + dn, sum[1] + dt] : [dn, dt]);
    }
  } else await applyDeltas(tx, deltas);
  await tx.execute(sql`DELETE FROM metric_facts WHERE source_kind = ${kind} AND source_id = ${id}`);
  await insertFacts(
    tx,
    facts.map((fact) => ({ kind, id, fact })),
  );
  await tx.execute(sql`
    INSERT INTO metric_sources (source_kind, source_id, version, refreshed_at) VALUES (${kind}, ${id}, ${version}, ${now.toISOString()})
    ON CONFLICT (source_kind, source_id) DO UPDATE SET version = excluded.version, refreshed_at = excluded.refreshed_at`);
  return true;
}

/** Tickets refreshed per transaction: one commit (and WAL flush) per ticket was most of a burst's time. */
const TICKETS_PER_TRANSACTION = 50;

/**
 * Refreshes tickets' facts and rollups, up to 50 tickets per transaction (their advisory locks taken in id order,
 * so two refreshes never wait on each other in a cycle). Returns how many changed.
 */
export async function refreshTickets(db: Db, ids: string[], now: Date, ctx?: FactContext): Promise<number> {
  const context = ctx ?? (await loadFactContext(db, now));
  let changed = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    const bundles = await loadTicketBundles(db, batch);
    const sorted = [...new Set(batch)].sort();
    for (let j = 0; j < sorted.length; j += TICKETS_PER_TRANSACTION) {
      const slice = sorted.slice(j, j + TICKETS_PER_TRANSACTION);
      changed += await db.transaction(async (tx) => {
        let n = 0;
        // The slice's rollup deltas summed and applied once, cells sorted: every transaction locks rollup cells in
        // one sorted pass (daily, then monthly), so concurrent refreshes cannot deadlock on them.
        const deltas = new Map<string, [number, number]>();
        for (const id of slice) {
          const b = bundles.get(id);
          const facts = b ? deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, context) : [];
          if (await replaceSourceFacts(tx, 'ticket', id, facts, now, deltas)) n += 1;
        }
        for (const [cell, [dn, dt]] of deltas) if (dn === 0 && dt === 0) deltas.delete(cell);
        await applyDeltas(tx, deltas);
        return n;
      });
    }
  }
  return changed;
}

/** One ticket's refresh inside a transaction the caller holds (e.g. a ruling commits with its figures). */
export async function refreshTicketInTransaction(tx: Tx, id: string, now: Date): Promise<void> {
  const context = await loadFactContext(tx, now);
  const b = (await loadTicketBundles(tx, [id])).get(id);
  const facts = b ? deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, context) : [];
  await replaceSourceFacts(tx, 'ticket', id, facts, now);
}

export async function refreshContactInTransaction(tx: Tx, id: string, now: Date): Promise<void> {
  const b = (await loadContactBundles(tx, [id])).get(id);
  await replaceSourceFacts(tx, 'contact', id, b ? deriveContactFacts(b.contact, b.rating) : [], now);
}

export async function refreshContacts(db: Db, ids: string[], now: Date): Promise<number> {
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const bundles = await loadContactBundles(db, batch);
    for (const id of batch) {
      const b = bundles.get(id);
      const facts = b ? deriveContactFacts(b.contact, b.rating) : [];
      if (await db.transaction((tx) => replaceSourceFacts(tx, 'contact', id, facts, now))) changed += 1;
    }
  }
  return changed;
}

/**
 * 重建: drops every fact and rollup and derives them again from the raw rows. Used after a change of definitions
 * and by the property test as the reference.
 */
export async function rebuildAllMetrics(db: Db, now: Date): Promise<{ tickets: number; contacts: number }> {
  await db.execute(sql`TRUNCATE metric_facts, metric_rollups, metric_rollups_monthly, metric_sources`);
  const ctx = await loadFactContext(db, now);
  let tickets = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.execute<{ id: string }>(
      sql`SELECT id FROM tickets WHERE id > ${after}::uuid ORDER BY id LIMIT 2000`,
    );
    if (rows.length === 0) break;
    const bundles = await loadTicketBundles(
      db,
      rows.map((r) => r.id),
    );
    const entries = [...bundles.values()].map((b) => ({
      id: b.ticket.id,
      facts: deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, ctx),
    }));
    await writeFreshBatch(db, 'ticket', entries, now);
    tickets += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  let contacts = 0;
  after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.execute<{ id: string }>(
      sql`SELECT id FROM contacts WHERE id > ${after}::uuid ORDER BY id LIMIT 5000`,
    );
    if (rows.length === 0) break;
    const bundles = await loadContactBundles(
      db,
      rows.map((r) => r.id),
    );
    const entries = [...bundles.values()].map((b) => ({
      id: b.contact.id,
      facts: deriveContactFacts(b.contact, b.rating),
    }));
    await writeFreshBatch(db, 'contact', entries, now);
    contacts += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  await sumRollupsFromFacts(db);
  return { tickets, contacts };
}

/** The reference the rollups must equal: every rollup cell recomputed in memory from freshly derived facts. */
export async function recomputeRollupsFromRaw(db: DbOrTx, now: Date): Promise<Map<string, [number, number]>> {
  const ctx = await loadFactContext(db, now);
  const ticketIds = (await db.execute<{ id: string }>(sql`SELECT id FROM tickets`)).map((r) => r.id);
  const contactIds = (await db.execute<{ id: string }>(sql`SELECT id FROM contacts`)).map((r) => r.id);
  const facts: MetricFact[] = [];
  for (const b of (await loadTicketBundles(db, ticketIds)).values())
    facts.push(...deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, ctx));
  for (const b of (await loadContactBundles(db, contactIds)).values())
    facts.push(...deriveContactFacts(b.contact, b.rating));
  return rollupDeltas([], facts);
}
