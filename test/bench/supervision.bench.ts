/**
 * `npm run bench supervision`: the reports, league table and drill-downs over a generated volume, read from the
 * rollups. Prints p50/p95 per query; target p95 ≤ 300 ms. Sizes: BENCH_TICKETS (default 20,000) and BENCH_CALLS
 * (default 60,000) over two years — what finishes in minutes on the shared 2-core machine; the rollups' size grows
 * with days × units × counters, not with the ticket count, so the figure queries do not slow with more tickets.
 * Its own database (hotline_bench_supervision, dropped after; BENCH_SUPERVISION_KEEP=1 keeps it,
 * BENCH_SUPERVISION_REUSE=1 reuses a kept one: migrations only, no generation).
 *
 * BENCH_SUPERVISION_10M=1 sets the issue's full size (10,000,000 tickets, 30,000,000 calls; BENCH_TICKETS/BENCH_CALLS
 * still override). Opt-in: generation plus the rollup rebuild take hours on the shared 2-core machine (see README).
 *
 * BURST FRESHNESS (BENCH_BURST tickets, default 10,000; 0 skips it): after the queries, the feed's watermarks are set to
 * now, one transaction inserts the burst — tickets taken in now, about a third dispatched, replied, approved and called
 * back with a rating — and the bench runs the feed's sweep (`sweepMetricChanges`, what the 2 s job scheduler runs)
 * until today's city rollups show every burst ticket (`received`) and every rating (`rated`). Printed: sweeps, their
 * time, and the bound with the scheduler's period (a sweep starts ≤ 2 s after the commit; the next one, when a sweep
 * took longer than the period, at once). Target: fresh within 5 s. Also printed: the CPU time the sweeps used — the
 * bench process (process.cpuUsage) and the database's backends (/proc/<pid>/stat of this database's sessions, when the
 * server is local; "n/a" otherwise) — a figure the other processes of a shared machine do not inflate as they do the
 * wall time.
 *
 * THE YARDSTICK: the bare read of the same cells the daily trend needs — one postgres.js query of a year of the
 * city's daily rollup rows, no service, no formulas. It runs alternately with the queries (each round: yardstick, then
 * every query), so a load spike on the shared machine hits both; printed: medians and p95, and each query's median
 * as a multiple of the yardstick's.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { dropDatabase, recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { systemClock } from '../../server/src/lib/clock.js';
import { seedVolume } from '../../server/src/modules/supervision/volume-seed.js';
import { rebuildAllMetrics } from '../../server/src/modules/supervision/metric-refresh.js';
import { FEED_PERIOD_MS, sweepMetricChanges } from '../../server/src/modules/supervision/metric-feed.js';
import { createMetricsService } from '../../server/src/modules/supervision/metrics.service.js';
import { createAssessmentService } from '../../server/src/modules/supervision/assessment.service.js';
import { createSatisfactionService } from '../../server/src/modules/supervision/satisfaction.service.js';
import { toShanghaiDate, addCalendarDays } from '../../shared/src/domain/shanghai-time.js';
import { percentile } from './stats.js';

const URL =
  process.env.BENCH_SUPERVISION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_supervision';
const FULL = Boolean(process.env.BENCH_SUPERVISION_10M);
const TICKETS = Number(process.env.BENCH_TICKETS ?? (FULL ? 10_000_000 : 20_000));
const CALLS = Number(process.env.BENCH_CALLS ?? (FULL ? 30_000_000 : 60_000));
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const REUSE = Boolean(process.env.BENCH_SUPERVISION_REUSE);

async function generate(db: Parameters<typeof seedVolume>[0]): Promise<void> {
  await seedDemoData(db);
  let t0 = Date.now();
  await seedVolume(db, { tickets: TICKETS, calls: CALLS });
  console.log(
    `generated ${TICKETS} tickets, ${CALLS} calls over two years in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  t0 = Date.now();
  const rebuilt = await rebuildAllMetrics(db, new Date());
  console.log(
    `rollups rebuilt from raw (${rebuilt.tickets + rebuilt.contacts} records) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const [sizes] = await db.execute<{ facts: string; rollups: string }>(
    sql`SELECT (SELECT count(*) FROM metric_facts) AS facts, (SELECT count(*) FROM metric_rollups) AS rollups`,
  );
  console.log(`metric_facts ${sizes!.facts} rows, metric_rollups ${sizes!.rollups} rows`);
  // What autovacuum does on its own after a bulk write: statistics, and the visibility map the index-only scans use.
  await db.execute(sql`VACUUM ANALYZE`);
}

type Db = Parameters<typeof seedVolume>[0];

async function todayCounts(db: Db, today: string): Promise<{ received: number; rated: number }> {
  const rows = await db.execute<{ counter: string; total: string }>(sql`
    SELECT counter, total FROM metric_rollups
    WHERE dim = 'all' AND key = '' AND day = ${today}::date AND counter IN ('received', 'rated')`);
  const of = (c: string) => Number(rows.find((r) => r.counter === c)?.total ?? 0);
  return { received: of('received'), rated: of('rated') };
}

/**
 * CPU seconds (user + system) used so far by this database's server processes, read from /proc; null when the server
 * is not on this machine (or /proc is not there).
 */
async function databaseCpuSeconds(db: Db): Promise<number | null> {
  const sessions = await db.execute<{ pid: number }>(
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  try {
    for (const { pid } of sessions) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime
    }
  } catch {
    return null;
  }
  return total;
}

/** Inserts BURST tickets (a third dispatched, replied, approved, rated) in one transaction; returns the ratings. */
async function insertBurst(db: Db): Promise<number> {
  const tag = `B${Date.now() % 1_000_000_000}-`;
  return db.transaction(async (tx) => {
    const [agent] = await tx.execute<{ id: string }>(sql`SELECT id FROM users WHERE role = 'agent' LIMIT 1`);
    await tx.execute(sql`
      WITH depts AS (SELECT array_agg(id ORDER BY code) AS ids FROM departments WHERE active),
      g AS (SELECT i, random() AS r1, random() AS r3 FROM generate_series(1, ${BURST}) AS i)
      INSERT INTO tickets (number, status, channel, type, urgency, title, content, address, caller_name, caller_phone,
                           answer, current_round, lead_department_id, created_by, created_at, updated_at)
      SELECT ${tag} || i, (CASE WHEN r1 < 0.66 THEN 'closed' ELSE 'in_progress' END)::ticket_state, 'phone',
             (CASE WHEN r3 < 0.55 THEN 'consultation' WHEN r3 < 0.85 THEN 'help' ELSE 'complaint' END)::ticket_type,
             'normal', '突发工单', '突发内容', '示范市西湖区文三路' || (i % 50) || '号', '压测', '13900000000',
             CASE WHEN r1 < 0.66 THEN '直接答复' END, CASE WHEN r1 >= 0.66 THEN 1 ELSE 0 END,
             CASE WHEN r1 >= 0.66 THEN (SELECT ids[1 + (i % array_length(ids, 1))] FROM depts) END,
             ${agent!.id}, now(), now()
      FROM g`);
    await tx.execute(sql`
      INSERT INTO dispatch_rounds (ticket_id, round, department_id, role, reopened, dispatched_at, sign_due_at,
                                   signed_at, handling_due_at, replied_at, active)
      SELECT t.id, 1, t.lead_department_id, 'lead', false, now(), now() + interval '1 day', now(),
             now() + interval '5 days', now(), true
      FROM tickets t WHERE t.number LIKE ${tag + '%'} AND t.current_round = 1`);
    await tx.execute(sql`
      INSERT INTO ticket_replies (ticket_id, round_id, department_id, content, created_at, review, reviewed_at)
      SELECT r.ticket_id, r.id, r.department_id, '已办理', now(), 'approved', now()
      FROM dispatch_rounds r JOIN tickets t ON t.id = r.ticket_id WHERE t.number LIKE ${tag + '%'}`);
    const rated = await tx.execute<{ id: string }>(sql`
      INSERT INTO ticket_callbacks (ticket_id, at, agent_id, reached, satisfaction, solved)
      SELECT r.ticket_id, now(), ${agent!.id}, true,
             (CASE WHEN random() < 0.85 THEN 'satisfied' ELSE 'dissatisfied' END)::satisfaction, true
      FROM dispatch_rounds r JOIN tickets t ON t.id = r.ticket_id WHERE t.number LIKE ${tag + '%'}
      RETURNING id`);
    return rated.length;
  });
}

async function burstFreshness(db: Db): Promise<void> {
  const today = toShanghaiDate(new Date());
  await db.execute(sql`INSERT INTO metric_feed_state (feed, watermark) VALUES ('tickets', now()), ('contacts', now())
    ON CONFLICT (feed) DO UPDATE SET watermark = excluded.watermark`);
  const before = await todayCounts(db, today);
  const ratings = await insertBurst(db);
  const databaseCpu = await databaseCpuSeconds(db);
  const benchCpu = process.cpuUsage();
  const committed = performance.now();
  const sweeps: number[] = [];
  let now = before;
  while (now.received - before.received < BURST || now.rated - before.rated < ratings) {
    if (sweeps.length >= 20) break;
    const start = performance.now();
    await sweepMetricChanges(db, systemClock);
    sweeps.push((performance.now() - start) / 1000);
    now = await todayCounts(db, today);
  }
  const took = (performance.now() - committed) / 1000;
  const benchCpuUsed = process.cpuUsage(benchCpu);
  const databaseCpuAfter = await databaseCpuSeconds(db);
  const fresh = now.received - before.received >= BURST && now.rated - before.rated >= ratings;
  console.log(
    `burst of ${BURST.toLocaleString()} tickets (${ratings.toLocaleString()} rated): ` +
      (fresh ? 'rollups fresh' : 'NOT fresh after 20 sweeps') +
      ` after ${sweeps.length} sweeps, ${took.toFixed(1)} s of sweeping (${sweeps.map((x) => x.toFixed(1)).join(' + ')} s);` +
      ` with the ${FEED_PERIOD_MS / 1000} s scheduler ≤ ${(took + FEED_PERIOD_MS / 1000).toFixed(1)} s after the commit` +
      ` (target 5 s); load ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
  );
  console.log(
    `  CPU of the sweeps: bench process ${((benchCpuUsed.user + benchCpuUsed.system) / 1e6).toFixed(1)} s, ` +
      `database ${databaseCpu === null || databaseCpuAfter === null ? 'n/a' : `${(databaseCpuAfter - databaseCpu).toFixed(1)} s`} (on ${os.cpus().length} cores)`,
  );
}

export async function run(): Promise<void> {
  if (!REUSE) await recreateDatabase(URL);
  const database = connectDatabase(URL, { max: 4 });
  try {
    const { db } = database;
    await runMigrations(db);
    if (!REUSE) await generate(db);
    else await db.execute(sql`VACUUM ANALYZE metric_rollups`);

    const [lead] = await db.execute<{ id: string }>(sql`SELECT id FROM users WHERE role = 'lead' LIMIT 1`);
    const [dept] = await db.execute<{ id: string }>(sql`SELECT id FROM departments WHERE code = 'SCJG'`);
    const actor = { userId: lead!.id, role: 'lead' as const, departmentId: null, ip: null };
    const metrics = createMetricsService({ db });
    const assessment = createAssessmentService({ db, clock: systemClock });
    const satisfaction = createSatisfactionService({ db, clock: systemClock });
    const today = toShanghaiDate(new Date());
    const month = addCalendarDays(today, -40).slice(0, 7);
    const yearAgo = addCalendarDays(today, -364);
    const last30 = addCalendarDays(today, -29);
    const queries: [string, () => Promise<unknown>][] = [
      ['city figures, last 30 days', () => metrics.figures(actor, { from: last30, to: today })],
      [
        'figures per department, one year',
        () => metrics.figures(actor, { from: yearAgo, to: today, dim: 'department' }),
      ],
      ['daily trend, one year', () => metrics.trend(actor, { from: yearAgo, to: today, period: 'day' })],
      [
        'monthly trend, two years',
        () => metrics.trend(actor, { from: addCalendarDays(today, -729), to: today, period: 'month' }),
      ],
      ['league table of a month (all tiers)', () => assessment.league(actor, month)],
      ['explain of one unit, one month', () => assessment.explain(actor, month, dept!.id)],
      [
        'drill-down: 满意率 denominator, one unit, one year, first 100',
        () =>
          metrics.drill(actor, {
            from: yearAgo,
            to: today,
            metric: 'satisfaction_rate',
            part: 'denominator',
            dim: 'department',
            key: dept!.id,
            limit: 100,
          }),
      ],
      [
        '不满意 queue, last 30 days',
        () => satisfaction.dissatisfiedQueue(actor, { from: last30, to: today, limit: 50 }),
      ],
    ];
    const yardstick = () =>
      database.sql`SELECT day, counter, total FROM metric_rollups
        WHERE dim = 'all' AND key = '' AND day BETWEEN ${yearAgo}::date AND ${today}::date`;
    const all: [string, () => Promise<unknown>][] = [
      ['YARDSTICK: bare read of a year of daily cells', yardstick],
      ...queries,
    ];
    const times = all.map(() => [] as number[]);
    for (const [, query] of all) await query(); // warm
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const [k, [, query]] of all.entries()) {
        const start = performance.now();
        await query();
        times[k]!.push(performance.now() - start);
      }
    }
    const yard = percentile(times[0]!, 50);
    for (const [k, [name]] of all.entries()) {
      const median = percentile(times[k]!, 50);
      console.log(
        `${name.padEnd(62)} p50 ${median.toFixed(1)} ms  p95 ${percentile(times[k]!, 95).toFixed(1)} ms` +
          (k === 0 ? '' : `  (${(median / yard).toFixed(1)}× yardstick)`),
      );
    }
    if (BURST > 0) await burstFreshness(db);
  } finally {
    await database.close();
    if (!process.env.BENCH_SUPERVISION_KEEP) await dropDatabase(URL);
  }
}
