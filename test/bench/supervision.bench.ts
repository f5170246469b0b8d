/**
 * `npm run bench supervision`: the reports, league table and drill-downs over a generated volume, read from the
 * rollups. Prints p50/p95 per query; target p95 ≤ 300 ms. Sizes: BENCH_TICKETS (default 20,000) and BENCH_CALLS
 * (default 60,000) over two years — what finishes in minutes on the shared 2-core machine; the rollups' size grows
 * with days × units × counters, not with the ticket count, so the figure queries do not slow with more tickets.
 * Its own database (hotline_bench_supervision, dropped after; BENCH_SUPERVISION_KEEP=1 keeps it,
 * BENCH_SUPERVISION_REUSE=1 reuses a kept one: migrations only, no generation).
 *
 * THE YARDSTICK: the bare read of the same cells the daily trend needs — one postgres.js query of a year of the
 * city's daily rollup rows, no service, no formulas. It runs alternately with the queries (each round: yardstick, then
 * every query), so a load spike on the shared machine hits both; printed: medians and p95, and each query's median
 * as a multiple of the yardstick's.
 */
import { sql } from 'drizzle-orm';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { dropDatabase, recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { systemClock } from '../../server/src/lib/clock.js';
import { seedVolume } from '../../server/src/modules/supervision/volume-seed.js';
import { rebuildAllMetrics } from '../../server/src/modules/supervision/metric-refresh.js';
import { createMetricsService } from '../../server/src/modules/supervision/metrics.service.js';
import { createAssessmentService } from '../../server/src/modules/supervision/assessment.service.js';
import { createSatisfactionService } from '../../server/src/modules/supervision/satisfaction.service.js';
import { toShanghaiDate, addCalendarDays } from '../../shared/src/domain/shanghai-time.js';
import { percentile } from './stats.js';

const URL =
  process.env.BENCH_SUPERVISION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_supervision';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 60_000);
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
  } finally {
    await database.close();
    if (!process.env.BENCH_SUPERVISION_KEEP) await dropDatabase(URL);
  }
}
