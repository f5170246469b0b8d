/**
 * Intake throughput and latency (`npm run bench tickets`): real HTTP on loopback against the full app (auth, schema
 * validation, one transaction per intake with its Idempotency-Key row, ticket row and audit row).
 * Owns the database `hotline_bench` (dropped, migrated and seeded here). Bounded in count and in time.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { percentile } from './stats.js';

const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench';
// 64 intakes in flight ≈ a peak shift of 600–700 agents; Postgres group commit needs that concurrency to batch fsyncs.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const TOTAL = Number(process.env.BENCH_INTAKES ?? 20_000);
const WARMUP = 1_000;
const TIME_LIMIT_MS = 60_000;
const ORIGIN = 'http://localhost:3000';

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(port: number, method: string, url: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'tickets-bench-server.ts'), [], {
    // BENCH_PROFILE=1 writes a CPU profile of the server to test/output/ (open it in Chrome DevTools).
    execArgv: [
      '--import',
      'tsx',
      '--conditions=source',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(here, '..', 'output')}`] : []),
    ],
    env: { ...process.env, BENCH_DATABASE_URL },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

export async function run(): Promise<void> {
  await recreateDatabase(BENCH_DATABASE_URL);
  const database = connectDatabase(BENCH_DATABASE_URL, { max: 2 });
  await runMigrations(database.db);
  await seedDemoData(database.db);

  const server = await startServer();
  try {
    const login = await request(
      server.port,
      'POST',
      '/api/auth/login',
      { 'content-type': 'application/json', origin: ORIGIN },
      JSON.stringify({ username: 'agent01', password: DEMO_PASSWORD }),
    );
    if (login.status !== 200) throw new Error(`bench sign-in failed: ${login.status} ${login.body}`);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    const headers = { 'content-type': 'application/json', origin: ORIGIN, cookie };
    const body = (i: number) =>
      JSON.stringify({
        channel: 'phone',
        type: 'complaint',
        urgency: 'normal',
        caller: { name: '压测用户', phone: `139${String(i).padStart(8, '0')}` },
        address: '示范市西湖区文三路100号',
        content: `压测工单 ${i}：小区门口餐馆油烟扰民`,
      });

    let next = 0;
    let errors = 0;
    const latencies: number[] = [];
    const deadline = Date.now() + TIME_LIMIT_MS;
    async function client(limit: number, record: boolean) {
      while (next < limit && Date.now() < deadline) {
        const i = next++;
        const started = performance.now();
        const r = await request(
          server.port,
          'POST',
          '/api/tickets',
          { ...headers, 'idempotency-key': `bench-${i}` },
          body(i),
        );
        if (record) latencies.push(performance.now() - started);
        if (r.status !== 201) errors += 1;
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, () => client(WARMUP, false)));
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, () => client(WARMUP + TOTAL, true)));
    const seconds = (performance.now() - started) / 1000;

    const sorted = latencies.sort((a, b) => a - b);
    const [{ n }] = (await database.sql`select count(*)::int as n from tickets`) as unknown as [{ n: number }];
    const [{ a }] =
      (await database.sql`select count(*)::int as a from audit_log where action = 'ticket.create'`) as unknown as [
        { a: number },
      ];
    console.log(
      `intakes measured     ${sorted.length} (after ${WARMUP} warm-up), ${CONCURRENCY} concurrent HTTP clients`,
    );
    console.log(`throughput           ${(sorted.length / seconds).toFixed(0)} tickets/s   (target ≥ 2000)`);
    console.log(
      `latency ms           p50 ${percentile(sorted, 50).toFixed(1)}  p95 ${percentile(sorted, 95).toFixed(1)}  p99 ${percentile(sorted, 99).toFixed(1)}  max ${sorted[sorted.length - 1]!.toFixed(1)}   (target p99 < 100)`,
    );
    console.log(`non-201 responses    ${errors}`);
    console.log(`rows                 ${n} tickets, ${a} ticket.create audit rows`);
  } finally {
    server.stop();
    agent.destroy();
    await database.close();
  }
}
