import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/queue/job-definitions.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';
import type { Queues } from '../../platform/queue/queues.js';
import { refreshContacts, refreshTickets } from './metric-refresh.js';

/**
 * The feed of the rollups: a BullMQ job scheduler runs `sweepMetricChanges` every 2 s; it reads what changed since
 * its watermark — tickets by `updated_at` (every ticket action writes it), tickets whose current clock fell due
 * (`due_at`: facts such as 按时办结 change when time passes, not only on events), calls that ended, per-call ratings
 * — and refreshes those records. The watermark is re-read with an overlap, so a transaction that committed late is
 * still seen; a record refreshed twice writes nothing the second time (its facts' fingerprint is unchanged).
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
const BATCH = 5_000;
/** Records refreshed between two looks at the stop signal. */
const SLICE = 50;

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

/** One sweep: refreshes what changed since the watermarks. Returns how many records it looked at. */
export async function sweepMetricChanges(
  db: Db,
  clock: Clock,
  signal?: AbortSignal,
  batch = BATCH,
): Promise<{ tickets: number; contacts: number }> {
  const now = clock.now();
  const ticketMark = await watermarkOf(db, 'tickets');
  const since = new Date(ticketMark.getTime() - FEED_OVERLAP_MS);
  const fellDue = await db.execute<{ id: string }>(sql`
    SELECT id FROM tickets WHERE due_at > ${since.toISOString()} AND due_at <= ${now.toISOString()} LIMIT ${batch}`);
  // Pages of the window by (updated_at, id): more than a page of tickets with the same updated_at (one bulk
  // transaction) or in the overlap used to be re-read from the same start by every sweep, which never got past them.
  let seen = 0;
  let after: { at: string; id: string } | null = null;
  let dueDone = false;
  for (;;) {
    const changed: { id: string; at: string }[] = await db.execute<{ id: string; at: string }>(sql`
      SELECT id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM tickets
      WHERE updated_at > ${since.toISOString()} AND updated_at <= ${now.toISOString()}
        ${after ? sql`AND (updated_at, id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
      ORDER BY updated_at, id LIMIT ${batch}`);
    const ids = [...new Set([...changed.map((r) => r.id), ...(dueDone ? [] : fellDue.map((r) => r.id))])];
    dueDone = true;
    // In slices, so a stopping worker is not held for a whole backlog (a fresh demo's 4,000 history tickets take
    // minutes on the single embedded session). A stopped sweep leaves its watermark: the next one redoes the rest.
    for (let i = 0; i < ids.length; i += SLICE) {
      if (signal?.aborted) {
        if (after) await setWatermark(db, 'tickets', new Date(after.at));
        return { tickets: seen + i, contacts: 0 };
      }
      await refreshTickets(db, ids.slice(i, i + SLICE), now);
    }
    seen += ids.length;
    if (changed.length < batch) break;
    after = changed[changed.length - 1]!;
  }
  await setWatermark(db, 'tickets', now);

  const contactMark = await watermarkOf(db, 'contacts');
  const cSince = new Date(contactMark.getTime() - FEED_OVERLAP_MS);
  // Calls are short: one that ended after the watermark entered the queue at most a day before it.
  const calls = await db.execute<{ id: string }>(sql`
    SELECT id FROM contacts WHERE enqueued_at > ${new Date(cSince.getTime() - 24 * 3600 * 1000).toISOString()}
      AND coalesce(ended_at, enqueued_at) > ${cSince.toISOString()} AND coalesce(ended_at, enqueued_at) <= ${now.toISOString()}
    UNION SELECT contact_id FROM call_ratings WHERE rated_at > ${cSince.toISOString()} AND rated_at <= ${now.toISOString()}
    LIMIT ${BATCH * 4}`);
  const callIds = calls.map((r) => r.id);
  for (let i = 0; i < callIds.length; i += SLICE) {
    if (signal?.aborted) return { tickets: seen, contacts: i };
    await refreshContacts(db, callIds.slice(i, i + SLICE), now);
  }
  await setWatermark(db, 'contacts', now);
  return { tickets: seen, contacts: calls.length };
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
