import { sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/queue/job-definitions.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';
import type { Queues } from '../../platform/queue/queues.js';
import { contactFacts, refreshContacts, refreshInSlices, refreshTickets, ticketFacts } from './metric-refresh.js';
import { loadFactContext } from './metric-sources.repository.js';

/**
 * The feed of the rollups: a BullMQ job scheduler runs `sweepMetricChanges` every 2 s; it reads what changed since
 * its watermark — tickets by `updated_at` (every ticket action writes it), tickets whose current clock fell due
 * (`due_at`: facts such as 按时办结 change when time passes, not only on events), calls that ended, per-call ratings
 * — and refreshes those records set-wise (`refreshInSlices`), every window read in pages by (instant, id) so no record
 * of a burst is skipped. The watermark is re-read with an overlap, so a transaction that committed late is still
 * seen; a record refreshed twice writes nothing the second time (its facts' fingerprint is unchanged).
 * `refreshMetrics` refreshes named records at once (for callers that know exactly what changed).
 */
export const sweepMetricChangesJob = defineJob({
  queue: 'reports',
  name: 'sweepMetricChanges',
  payload: Type.Object({}),
  priority: 3,
});

export const refreshMetricsJob = defineJob({
  queue: 'reports',
  name: 'refreshMetrics',
  payload: Type.Object({
    tickets: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10_000 }),
    contacts: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10_000 }),
  }),
  priority: 3,
});

/** How far back a sweep re-reads behind its watermark (late commits). */
export const FEED_OVERLAP_MS = 30_000;
export const FEED_PERIOD_MS = 2_000;
/** Rows per page of a feed's window. */
const BATCH = 5_000;

async function watermarkOf(db: Db, feed: string): Promise<Date> {
  const [row] = await db.execute<{ watermark: string | Date }>(
    sql`SELECT watermark FROM metric_feed_state WHERE feed = ${feed}`,
  );
  return row ? new Date(row.watermark) : new Date(0);
}

async function setWatermark(db: Db, feed: string, at: Date): Promise<void> {
  await db.execute(sql`
    INSERT INTO metric_feed_state (feed, watermark) VALUES (${feed}, ${at.toISOString()})
    ON CONFLICT (feed) DO UPDATE SET watermark = greatest(metric_feed_state.watermark, excluded.watermark)`);
}

/** A row of a feed's window: the record and its instant (microseconds, as text, so a page boundary is exact). */
type FeedRow = {
  id: string;
  at: string;
};

const AT_TEXT = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** After this row in (instant, id) order: the keyset condition of the next page. */
const afterRow = (at: SQL, id: SQL, after: FeedRow | null) =>
  after ? sql`AND (${at}, ${id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;

/** One page of the tickets whose `column` (an instant) lies in (since, to], after a row, in (instant, id) order. */
const ticketsBy = (column: SQL, since: string, to: string, batch: number) => (after: FeedRow | null) => sql`
  SELECT id::text AS id, ${AT_TEXT(column)} AS at FROM tickets
  WHERE ${column} > ${since} AND ${column} <= ${to} ${afterRow(column, sql`id`, after)}
  ORDER BY ${column}, id LIMIT ${batch}`;

/**
 * The pages of one feed's window by (instant, id): more than a page of records with one instant (one bulk commit) or
 * in the overlap used to be re-read from the same start by every sweep, or cut off, and never became fresh.
 */
async function* pages(db: Db, batch: number, page: (after: FeedRow | null) => SQL): AsyncGenerator<FeedRow[]> {
  let after: FeedRow | null = null;
  for (;;) {
    const rows: FeedRow[] = await db.execute<FeedRow>(page(after));
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!;
  }
}

/**
 * Refreshes every page of a window, set-wise (`refreshInSlices`). Returns how many records it looked at and, when the
 * stop signal came first, the instant to resume from (the first row not done; the overlap re-reads around it).
 */
async function drain(
  rowsOf: AsyncGenerator<FeedRow[]>,
  refresh: (ids: string[]) => Promise<{ done: number; unique: string[] }>,
  signal: AbortSignal | undefined,
): Promise<{ seen: number; stoppedAt?: Date }> {
  let seen = 0;
  for await (const rows of rowsOf) {
    const { done, unique } = await refresh(rows.map((r) => r.id));
    if (done < unique.length) {
      // Rows are in instant order and ids in order of first appearance: every row before the first not-done id's
      // first row is done.
      const first = unique[done]!;
      const index = rows.findIndex((r) => r.id.toLowerCase() === first);
      return { seen: seen + index, stoppedAt: new Date(rows[index]!.at) };
    }
    seen += rows.length;
    if (signal?.aborted) {
      await rowsOf.return(undefined);
      return { seen, stoppedAt: new Date(rows[rows.length - 1]!.at) };
    }
  }
  return { seen };
}

/**
 * One sweep: refreshes what changed since the watermarks, every page of each window (tickets changed, tickets fallen
 * due, calls ended, calls rated), then moves the watermark to now. A stopped sweep moves it only to where it stopped:
 * the next one redoes the rest. Returns how many records it looked at.
 */
export async function sweepMetricChanges(
  db: Db,
  clock: Clock,
  signal?: AbortSignal,
  batch = BATCH,
): Promise<{ tickets: number; contacts: number }> {
  const now = clock.now();
  const to = now.toISOString();
  const tickets = ticketFacts(await loadFactContext(db, now));
  const refreshT = (ids: string[]) => refreshInSlices(db, 'ticket', ids, now, tickets, { signal });

  const since = new Date((await watermarkOf(db, 'tickets')).getTime() - FEED_OVERLAP_MS).toISOString();
  const changed = await drain(pages(db, batch, ticketsBy(sql`updated_at`, since, to, batch)), refreshT, signal);
  if (changed.stoppedAt) {
    await setWatermark(db, 'tickets', changed.stoppedAt);
    return { tickets: changed.seen, contacts: 0 };
  }
  // Facts such as 按时办结 change when time passes, not only on events: tickets whose clock fell due in the window.
  const fellDue = await drain(pages(db, batch, ticketsBy(sql`due_at`, since, to, batch)), refreshT, signal);
  const ticketsSeen = changed.seen + fellDue.seen;
  if (fellDue.stoppedAt) {
    await setWatermark(db, 'tickets', fellDue.stoppedAt);
    return { tickets: ticketsSeen, contacts: 0 };
  }
  await setWatermark(db, 'tickets', now);

  const cSince = new Date((await watermarkOf(db, 'contacts')).getTime() - FEED_OVERLAP_MS);
  // Calls are short: one that ended after the watermark entered the queue at most a day before it.
  const enqueuedAfter = new Date(cSince.getTime() - 24 * 3600 * 1000).toISOString();
  const calls = await drain(
    pages(db, batch, (after) => {
      const at = sql`c.changed_at`;
      return sql`
        SELECT c.id::text AS id, ${AT_TEXT(at)} AS at FROM (
          SELECT id, coalesce(ended_at, enqueued_at) AS changed_at FROM contacts
          WHERE enqueued_at > ${enqueuedAfter} AND coalesce(ended_at, enqueued_at) > ${cSince.toISOString()}
            AND coalesce(ended_at, enqueued_at) <= ${to}
          UNION ALL
          SELECT contact_id, rated_at FROM call_ratings WHERE rated_at > ${cSince.toISOString()} AND rated_at <= ${to}
        ) AS c
        WHERE true ${afterRow(at, sql`c.id`, after)}
        ORDER BY c.changed_at, c.id LIMIT ${batch}`;
    }),
    (ids) => refreshInSlices(db, 'contact', ids, now, contactFacts, { signal }),
    signal,
  );
  await setWatermark(db, 'contacts', calls.stoppedAt ?? now);
  return { tickets: ticketsSeen, contacts: calls.seen };
}

/** `stopping`: aborted when the worker stops; a running sweep ends at its next slice. */
export function registerSupervisionJobs(
  registry: JobRegistry,
  deps: { db: Db; clock: Clock; stopping?: AbortSignal },
): void {
  registry.define(sweepMetricChangesJob, refreshMetricsJob);
  // The scheduler adds the next run every 2 s whether or not the last one finished; with the worker's concurrency
  // a long sweep (a backlog) would otherwise run several times side by side over the same records. One at a time
  // per process: a run that finds one going returns — the running one (or the next) covers its window.
  let sweeping = false;
  registry.handle(sweepMetricChangesJob, async () => {
    if (sweeping || deps.stopping?.aborted) return;
    sweeping = true;
    try {
      await sweepMetricChanges(deps.db, deps.clock, deps.stopping);
    } finally {
      sweeping = false;
    }
  });
  registry.handle(refreshMetricsJob, async ({ tickets, contacts }) => {
    const now = deps.clock.now();
    await refreshTickets(deps.db, tickets, now);
    await refreshContacts(deps.db, contacts, now);
  });
}

export async function startSupervisionSchedules(queues: Queues, periodMs = FEED_PERIOD_MS): Promise<void> {
  await queues.queue(sweepMetricChangesJob.queue).upsertJobScheduler(
    'supervision-metric-sweep',
    { every: periodMs },
    {
      name: sweepMetricChangesJob.name,
      data: {},
      opts: { priority: sweepMetricChangesJob.priority, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
    },
  );
}
