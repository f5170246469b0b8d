import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { METRIC_DIMENSIONS, type MetricDimension } from '@hotline/shared/domain/metrics';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { deriveContactFacts, deriveTicketFacts, type FactContext, type MetricFact } from './metric-facts.js';
import { pgArray } from './pg-array.js';
import { loadContactBundles, loadFactContext, loadTicketBundles } from './metric-sources.repository.js';

/**
 * The incremental refresh of the rollups (指标汇总): for each changed record, derive its facts from the raw rows,
 * compare them with the facts stored for it, and apply only the difference to the rollup cells — set-wise, a slice
 * of records per transaction (`refreshSourcesInTransaction`), serialised per record by an advisory lock. Running it
 * twice, late or out of order gives the same rows: the facts are a function of the raw rows, and an unchanged
 * fingerprint writes nothing.
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
  const [emptied] = await tx.execute<{ n: string }>(sql`
    WITH moved AS (
      INSERT INTO ${target} AS r (dim, key, counter, day, n, total)
      SELECT * FROM unnest(${pgArray(dims, 'text')}, ${pgArray(keys, 'text')}, ${pgArray(counters, 'text')},
                           ${pgArray(days, 'date')}, ${pgArray(ns, 'bigint')}, ${pgArray(totals, 'bigint')})
      ON CONFLICT (dim, key, counter, day)
      DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total
      RETURNING r.n, r.total)
    SELECT count(*) AS n FROM moved WHERE n = 0 AND total = 0`);
  // Cells that fell to nothing are removed (only then: a second pass over the cells costs as much as the first).
  if (Number(emptied?.n ?? 0) === 0) return;
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

/** `INSERT INTO metric_facts … SELECT unnest(…)` of the rows, one array parameter per column. */
function insertFactsSql(rows: { kind: SourceKind; id: string; fact: MetricFact }[]): SQL {
  const col = <K extends keyof MetricFact>(k: K) => rows.map((r) => r.fact[k]);
  return sql`
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
      ${pgArray(col('matterId'), 'uuid')}, ${pgArray(col('area'), 'text')})`;
}

async function insertFacts(tx: Tx, rows: { kind: SourceKind; id: string; fact: MetricFact }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(insertFactsSql(rows));
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

/**
 * A fact's rollup cells as SQL: one (dim, key) row per dimension of `f` (a metric_facts row or alike), key NULL when the
 * fact has no value on that dimension — the SQL twin of `factDimensionKey` over `METRIC_DIMENSIONS`.
 */
const FACT_DIMENSIONS = sql.raw(`(VALUES ('all', ''), ('department', f.department_id::text), ('unit', f.unit_id::text),
      ('agent', f.agent_id::text), ('channel', f.channel), ('type', f.type), ('matter', f.matter_id::text),
      ('area', f.area)) AS d(dim, key)`);

/** Every rollup cell summed from the stored facts in one statement: the end of the rebuild. */
async function sumRollupsFromFacts(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO metric_rollups (dim, key, counter, day, n, total)
    SELECT d.dim, d.key, f.counter, f.day, count(*), sum(f.value)
    FROM metric_facts f CROSS JOIN LATERAL ${FACT_DIMENSIONS}
    WHERE d.key IS NOT NULL
    GROUP BY 1, 2, 3, 4`);
  await db.execute(sql`
    INSERT INTO metric_rollups_monthly (dim, key, counter, day, n, total)
    SELECT dim, key, counter, date_trunc('month', day)::date, sum(n), sum(total) FROM metric_rollups
    GROUP BY 1, 2, 3, 4`);
}

/**
 * One advisory lock per source — `metric:<kind>:<id>`, the key every refresh of that source takes — for a whole slice
 * in one statement, in lock-key order: two refreshes of overlapping slices wait on each other, never in a cycle.
 * Held to the commit; the ORDER BY keeps the subquery from being flattened, so the locks are taken in that order.
 */
async function lockSources(tx: Tx, kind: SourceKind, ids: string[]): Promise<void> {
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(k) FROM (
      SELECT DISTINCT hashtext(s) AS k FROM unnest(${pgArray(
        ids.map((id) => `metric:${kind}:${id}`),
        'text',
      )}) AS s ORDER BY k) AS keys`);
}

/**
 * Replaces the stored facts of a slice of sources (their locks held) and moves the rollups by the difference, in a
 * fixed handful of statements whatever the slice's size:
 *  - the stored versions of the slice in one SELECT: a source whose fingerprint is unchanged writes nothing;
 *  - one statement that deletes the changed sources' old facts (`DELETE … WHERE source_id = ANY()` RETURNING them),
 *    inserts the new ones (`INSERT … SELECT unnest`), upserts their versions and returns the rollup deltas summed in
 *    SQL (new − old per cell): the deltas are exactly the facts this transaction removed and added;
 *  - the deltas applied once per rollup table, cells sorted (`applyDeltasTo`), daily then monthly: every refresh
 *    locks rollup cells in one global order, after all its source locks, so concurrent refreshes cannot deadlock.
 */
async function replaceLockedSourcesFacts(
  tx: Tx,
  kind: SourceKind,
  bySource: Map<string, MetricFact[]>,
  now: Date,
): Promise<number> {
  const stored = await tx.execute<{ id: string; version: string }>(sql`
    SELECT source_id::text AS id, version FROM metric_sources
    WHERE source_kind = ${kind} AND source_id = ANY(${pgArray([...bySource.keys()], 'uuid')})`);
  const storedVersion = new Map(stored.map((r) => [r.id, r.version]));
  const changed: { id: string; facts: MetricFact[]; version: string }[] = [];
  for (const [id, facts] of bySource) {
    const version = fingerprint(facts);
    if (storedVersion.get(id) !== version) changed.push({ id, facts, version });
  }
  if (changed.length === 0) return 0;

  const changedIds = pgArray(
    changed.map((e) => e.id),
    'uuid',
  );
  const rows = changed.flatMap((e) => e.facts.map((fact) => ({ kind, id: e.id, fact })));
  const moved = await tx.execute<{ dim: string; key: string; counter: string; day: string; n: string; total: string }>(
    sql`
    WITH old AS (
      DELETE FROM metric_facts WHERE source_kind = ${kind} AND source_id = ANY(${changedIds})
      RETURNING -1 AS sign, counter, day, value, department_id, unit_id, agent_id, channel, type, matter_id, area
    ), new AS (
      ${insertFactsSql(rows)}
      RETURNING 1 AS sign, counter, day, value, department_id, unit_id, agent_id, channel, type, matter_id, area
    ), versions AS (
      INSERT INTO metric_sources (source_kind, source_id, version, refreshed_at)
      SELECT ${kind}, id, version, ${now.toISOString()}::timestamptz
      FROM unnest(${changedIds}, ${pgArray(
        changed.map((e) => e.version),
        'text',
      )}) AS s(id, version)
      ON CONFLICT (source_kind, source_id) DO UPDATE SET version = excluded.version, refreshed_at = excluded.refreshed_at
    )
    SELECT d.dim, d.key, f.counter, to_char(f.day, 'YYYY-MM-DD') AS day, sum(f.sign) AS n,
           sum(f.sign * f.value) AS total
    FROM (SELECT * FROM old UNION ALL SELECT * FROM new) AS f CROSS JOIN LATERAL ${FACT_DIMENSIONS}
    WHERE d.key IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(f.sign) <> 0 OR sum(f.sign * f.value) <> 0`,
  );
  const deltas = new Map<string, [number, number]>();
  for (const r of moved)
    deltas.set(`${r.dim}\u0001${r.key}\u0001${r.counter}\u0001${r.day}`, [Number(r.n), Number(r.total)]);
  await applyDeltas(tx, deltas);
  return changed.length;
}

/** Derives the current facts of the given sources, reading their raw rows through `tx`. */
export type FactsOf = (tx: DbOrTx, ids: string[]) => Promise<Map<string, MetricFact[]>>;

export function ticketFacts(ctx: FactContext): FactsOf {
  return async (tx, ids) => {
    const bundles = await loadTicketBundles(tx, ids);
    const out = new Map<string, MetricFact[]>();
    for (const id of ids) {
      const b = bundles.get(id);
      out.set(id, b ? deriveTicketFacts(b.ticket, b.rounds, b.replies, b.callbacks, ctx) : []);
    }
    return out;
  };
}

export const contactFacts: FactsOf = async (tx, ids) => {
  const bundles = await loadContactBundles(tx, ids);
  const out = new Map<string, MetricFact[]>();
  for (const id of ids) {
    const b = bundles.get(id);
    out.set(id, b ? deriveContactFacts(b.contact, b.rating) : []);
  }
  return out;
};

/**
 * The set-wise refresh of a slice of sources in the caller's transaction: locks the slice (`lockSources`), THEN reads
 * the raw rows and derives the facts — so what it writes is at least as new as what any earlier refresh of those
 * sources wrote (one that read its rows before another's ruling committed cannot overwrite it) — and replaces the
 * stored facts set-wise (`replaceLockedSourcesFacts`). Holding the locks to the commit keeps two refreshes of one
 * source from both diffing against the same old facts (double counting). Returns how many sources changed.
 */
export async function refreshSourcesInTransaction(
  tx: Tx,
  kind: SourceKind,
  ids: string[],
  now: Date,
  factsOf: FactsOf,
): Promise<number> {
  // Postgres' canonical text (lower case), so the lock keys and the stored ids match whatever the caller passed.
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return 0;
  await lockSources(tx, kind, unique);
  return replaceLockedSourcesFacts(tx, kind, await factsOf(tx, unique), now);
}

/**
 * Sources refreshed per transaction (one slice of the set-wise path). Every slice moves the rollup cells it touches
 * (a burst of new tickets: ~1,000 cells whatever the slice's size), so bigger slices move the hot cells fewer times;
 * each holds one advisory lock per source until its commit (Postgres' shared lock table: max_locks_per_transaction ×
 * connections, 6,400 by default).
 */
export const SOURCES_PER_TRANSACTION = 1_000;
/** Slices in flight at once: one reads and derives while the other writes (they meet only on the rollup cells). */
export const SLICES_IN_FLIGHT = 2;

export interface RefreshOptions {
  /** Sources per transaction (tests use small slices to make transactions overlap). */
  perTransaction?: number;
  /** Slices refreshed concurrently, each in its own transaction. */
  inFlight?: number;
  /** Checked between slices: when aborted, no further slice starts (those running finish). */
  signal?: AbortSignal;
}

/**
 * Refreshes sources slice by slice, `inFlight` transactions at a time. Returns how many changed and how many of the
 * (deduplicated, in order) ids were done: every slice before the first one not started.
 */
export async function refreshInSlices(
  db: Db,
  kind: SourceKind,
  ids: string[],
  now: Date,
  factsOf: FactsOf,
  options: RefreshOptions = {},
): Promise<{ changed: number; done: number; unique: string[] }> {
  const per = options.perTransaction ?? SOURCES_PER_TRANSACTION;
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  const slices: string[][] = [];
  for (let i = 0; i < unique.length; i += per) slices.push(unique.slice(i, i + per));
  let next = 0;
  let changed = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && !options.signal?.aborted && next < slices.length) {
      const slice = slices[next++]!;
      try {
        changed += await db.transaction((tx) => refreshSourcesInTransaction(tx, kind, slice, now, factsOf));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.inFlight ?? SLICES_IN_FLIGHT, slices.length)) },
    worker,
  );
  const results = await Promise.allSettled(workers);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return { changed, done: Math.min(unique.length, next * per), unique };
}

/** Refreshes tickets' facts and rollups, set-wise, one transaction per slice. Returns how many changed. */
export async function refreshTickets(
  db: Db,
  ids: string[],
  now: Date,
  options: RefreshOptions & { ctx?: FactContext } = {},
): Promise<number> {
  const ctx = options.ctx ?? (await loadFactContext(db, now));
  return (await refreshInSlices(db, 'ticket', ids, now, ticketFacts(ctx), options)).changed;
}

/** Refreshes calls' facts and rollups, set-wise, one transaction per slice. Returns how many changed. */
export async function refreshContacts(db: Db, ids: string[], now: Date, options: RefreshOptions = {}): Promise<number> {
  return (await refreshInSlices(db, 'contact', ids, now, contactFacts, options)).changed;
}

/** One ticket's refresh inside a transaction the caller holds (e.g. a ruling commits with its figures). */
export async function refreshTicketInTransaction(tx: Tx, id: string, now: Date): Promise<void> {
  await refreshSourcesInTransaction(tx, 'ticket', [id], now, ticketFacts(await loadFactContext(tx, now)));
}

export async function refreshContactInTransaction(tx: Tx, id: string, now: Date): Promise<void> {
  await refreshSourcesInTransaction(tx, 'contact', [id], now, contactFacts);
}

/**
 * 重建: drops every fact and rollup and derives them again from the raw rows. Used after a change of definitions
 * and by the property test as the reference.
 */
export async function rebuildAllMetrics(db: Db, now: Date): Promise<{ tickets: number; contacts: number }> {
  await db.execute(sql`TRUNCATE metric_facts, metric_rollups, metric_rollups_monthly, metric_sources`);
  // The database's clock (what updated_at is written with) as the rebuild starts to read.
  const [start] = await db.execute<{ at: string }>(
    sql`SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
  );
  const started = start!.at;
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
  // Everything changed before the rebuild started is in it: the change feed starts there (with its overlap for late
  // commits), instead of paging through every record of a large database on its first sweep.
  await db.execute(sql`
    INSERT INTO metric_feed_state (feed, watermark) VALUES ('tickets', ${started}), ('contacts', ${started})
    ON CONFLICT (feed) DO UPDATE SET watermark = greatest(metric_feed_state.watermark, excluded.watermark)`);
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
