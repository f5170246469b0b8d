/**
 * Intake and ticket state changes at the machine's pace (`npm run bench tickets`), measured against a yardstick in
 * the same run. Two servers run side by side, measured alternately (BENCH_ROUNDS times, BENCH_SECONDS each):
 *  - THE YARDSTICK (yardstick-server.ts): bare Fastify + postgres.js validating the same body, one INSERT;
 *  - the PRODUCTION START: built `server/dist/main.js` with NODE_ENV=production (HTTP process, Redis socket.io
 *    adapter, Redis sessions, access log at `info` into a file) plus `server/dist/worker.js` — what `npm start` runs.
 * Load: autocannon, 64 connections. Per round: yardstick, intake (POST /api/tickets with its Idempotency-Key),
 * dispatch (派单), sign (签收), reply (办理反馈) — each state change on tickets the previous step produced.
 * Printed: medians of throughput and p99 over the rounds, the ratio to the yardstick's median, and per intake the
 * writes (≈ round trips) to Redis and Postgres and the bytes written (HTTP, Redis, Postgres, log), from io-probe.mjs.
 * Owns the database `hotline_bench` (dropped, migrated and seeded here). Bounded in count and time.
 * BENCH_PROFILE=1 writes a CPU profile of the HTTP process to test/output/ (open it in Chrome DevTools).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';

const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = Number(process.env.BENCH_CONCURRENCY ?? 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = 3;
/** BENCH_STATE_CHANGES=0: intake only (e.g. for a CPU profile of intake alone). */
const STATE_CHANGES = process.env.BENCH_STATE_CHANGES !== '0';
const ORIGIN = 'http://localhost:3000';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const outputDir = path.join(root, 'test', 'output');

/** Per peer: socket writes and bytes; `cpu.bytes` carries the process's CPU time in µs (see io-probe.mjs). */
type IoStats = Record<'redis' | 'postgres' | 'http' | 'cpu', { writes: number; bytes: number }>;

interface Proc {
  child: ChildProcess;
  port: number;
  stats(): Promise<IoStats>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function wrap(child: ChildProcess, port: number): Proc {
  return {
    child,
    port,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (m: { ioStats?: IoStats }) => {
          if (!m.ioStats) return;
          child.off('message', onMessage);
          resolve(m.ioStats);
        };
        child.on('message', onMessage);
        child.send('io-stats');
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => (clearTimeout(force), resolve()));
        child.kill('SIGTERM');
      }),
  };
}

const probe = ['--import', path.join(here, 'io-probe.mjs')];
const tsxArgs = ['--import', 'tsx', '--conditions=source', ...probe];

async function startYardstick(): Promise<Proc> {
  const child = fork(path.join(here, 'yardstick-server.ts'), [], {
    execArgv: tsxArgs,
    env: { ...process.env, BENCH_DATABASE_URL },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { port?: number }) => m.port && resolve(m.port));
    child.once('exit', (code) => reject(new Error(`yardstick exited with ${code}`)));
  });
  return wrap(child, port);
}

/** What `npm start` runs (without the console build): server/dist/main.js + worker.js, NODE_ENV=production. */
async function startProduction(logFile: string, workerLogFile: string): Promise<{ http: Proc; worker: Proc }> {
  const build = spawnSync('npx', ['tsc', '-b', 'shared', 'server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build of shared and server failed');
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: BENCH_DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: `hotline-bench-${process.pid}`,
    ALLOWED_ORIGINS: ORIGIN,
    CONSOLE_DIST: '',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  };
  delete (env as Record<string, string | undefined>).LOG_LEVEL;
  const logFd = openSync(logFile, 'w');
  const workerFd = openSync(workerLogFile, 'w');
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${outputDir}`] : [];
  const http = fork(path.join(root, 'server', 'dist', 'main.js'), [], {
    execArgv: [...probe, ...profile],
    env,
    stdio: ['ignore', logFd, 'inherit', 'ipc'],
  });
  const worker = fork(path.join(root, 'server', 'dist', 'worker.js'), [], {
    execArgv: [...probe, ...profile],
    env,
    stdio: ['ignore', workerFd, 'inherit', 'ipc'],
  });
  closeSync(logFd);
  closeSync(workerFd);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (http.exitCode !== null) throw new Error(`production HTTP process exited with ${http.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('production HTTP process did not become healthy in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { http: wrap(http, port), worker: wrap(worker, 0) };
}

async function signIn(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

let intakeSerial = 0;
const intakeBody = (i: number) =>
  JSON.stringify({
    channel: 'phone',
    type: 'complaint',
    urgency: 'normal',
    caller: { name: '压测用户', phone: `139${String(i % 100_000_000).padStart(8, '0')}` },
    address: '示范市西湖区文三路100号',
    content: `压测工单 ${i}：小区门口餐馆油烟扰民`,
  });

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  seconds: number;
}

/** One autocannon run; `next` builds each request (null: nothing left, the run ends when `amount` is reached). */
function cannon(
  port: number,
  seconds: number,
  headers: Record<string, string>,
  next: (context: Record<string, unknown>) => { path: string; body: string; headers?: Record<string, string> },
  onOk?: (context: Record<string, unknown>) => void,
  amount?: number,
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        ...(amount !== undefined ? { amount } : { duration: seconds }),
        timeout: 10,
        requests: [
          {
            method: 'POST',
            setupRequest: (request, context) => {
              const built = next(context as Record<string, unknown>);
              return { ...request, path: built.path, body: built.body, headers: { ...headers, ...built.headers } };
            },
            onResponse: (status, _body, context) => {
              if (status >= 200 && status < 300) onOk?.(context as Record<string, unknown>);
            },
          },
        ],
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) return reject(error);
        const ok = result['2xx'];
        resolve({
          rps: ok / result.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          ok,
          errors: result.non2xx + result.errors + result.timeouts,
          seconds: result.duration,
        });
      },
    );
    // With `amount` the run ends when the work is done — or at the time bound, whichever comes first.
    const timer = setTimeout(() => instance.stop(), (seconds + 5) * 1000);
  });
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const diff = (a: IoStats, b: IoStats, n: number) =>
  Object.fromEntries(
    (Object.keys(a) as (keyof IoStats)[]).map((k) => [
      k,
      { writes: (b[k].writes - a[k].writes) / n, bytes: (b[k].bytes - a[k].bytes) / n },
    ]),
  ) as IoStats;
const sum = (a: IoStats, b: IoStats): IoStats =>
  Object.fromEntries(
    (Object.keys(a) as (keyof IoStats)[]).map((k) => [
      k,
      { writes: a[k].writes + b[k].writes, bytes: a[k].bytes + b[k].bytes },
    ]),
  ) as IoStats;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export async function run(): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  await recreateDatabase(BENCH_DATABASE_URL);
  const database = connectDatabase(BENCH_DATABASE_URL, { max: 2 });
  await runMigrations(database.db);
  await seedDemoData(database.db);
  const [handler] = (await database.sql`
    select id, department_id from users where username = 'handler_scjg'`) as unknown as [
    { id: string; department_id: string },
  ];

  const logFile = path.join(outputDir, 'bench-http.log');
  const yardstick = await startYardstick();
  const production = await startProduction(logFile, path.join(outputDir, 'bench-worker.log'));
  const stopAll = () => Promise.all([yardstick.stop(), production.http.stop(), production.worker.stop()]);
  try {
    const port = production.http.port;
    const agentCookie = await signIn(port, 'agent01');
    const handlerCookie = await signIn(port, 'handler_scjg');
    const json = { 'content-type': 'application/json', origin: ORIGIN };
    const yardIntake = () => ({ path: '/api/tickets', body: intakeBody(intakeSerial++) });
    const prodIntake = () => {
      const i = intakeSerial++;
      return { path: '/api/tickets', body: intakeBody(i), headers: { 'idempotency-key': `bench-${i}` } };
    };
    const created: string[] = [];
    const onCreated = (context: Record<string, unknown>) => void context; // ids are read back from Postgres below

    console.log(`machine: ${os.cpus().length} cores, load average (1/5/15 min) ${load()} before warm-up`);
    await cannon(yardstick.port, WARMUP_SECONDS, json, yardIntake);
    await cannon(port, WARMUP_SECONDS, { ...json, cookie: agentCookie }, prodIntake);

    const results: Record<'yardstick' | 'intake' | 'dispatch' | 'sign' | 'reply', Measured[]> = {
      yardstick: [],
      intake: [],
      dispatch: [],
      sign: [],
      reply: [],
    };
    const perIntake: IoStats[] = [];
    const perStep: Record<string, IoStats[]> = {};
    const perStepHttp: Record<string, IoStats[]> = {};
    const yardCpu: number[] = [];
    const httpCpu: number[] = [];
    const workerCpu: number[] = [];
    const logBytes: number[] = [];
    const loads: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      loads.push(load());
      const yardBefore = await yardstick.stats();
      const yard = await cannon(yardstick.port, SECONDS, json, yardIntake);
      results.yardstick.push(yard);
      yardCpu.push(((await yardstick.stats()).cpu.bytes - yardBefore.cpu.bytes) / yard.ok);
      const httpBefore = await production.http.stats();

      const before = sum(await production.http.stats(), await production.worker.stats());
      const logBefore = statSync(logFile).size;
      const since = new Date();
      const intake = await cannon(port, SECONDS, { ...json, cookie: agentCookie }, prodIntake, onCreated);
      const httpAfter = await production.http.stats();
      const after = sum(httpAfter, await production.worker.stats());
      httpCpu.push((httpAfter.cpu.bytes - httpBefore.cpu.bytes) / intake.ok);
      workerCpu.push((after.cpu.bytes - before.cpu.bytes - (httpAfter.cpu.bytes - httpBefore.cpu.bytes)) / intake.ok);
      results.intake.push(intake);
      perIntake.push(diff(before, after, intake.ok));
      logBytes.push((statSync(logFile).size - logBefore) / intake.ok);

      // State changes on this round's tickets: 派单 → 签收 → 办理反馈, each on what the step before produced.
      if (!STATE_CHANGES) continue;
      created.length = 0;
      const rows = (await database.sql`
        select id from tickets where status = 'pending_dispatch' and created_at >= ${since.toISOString()}::timestamptz`) as unknown as {
        id: string;
      }[];
      created.push(...rows.map((r) => r.id));
      const step = async (
        ids: string[],
        action: string,
        cookie: string,
        body: string,
      ): Promise<{ measured: Measured; done: string[] }> => {
        const done: string[] = [];
        let i = 0;
        const httpStepBefore = await production.http.stats();
        const stepBefore = sum(httpStepBefore, await production.worker.stats());
        const measured = await cannon(
          port,
          SECONDS,
          { ...json, cookie },
          (context) => {
            const id = ids[i++ % ids.length]!;
            context.id = id;
            return { path: `/api/tickets/${id}/${action}`, body };
          },
          (context) => void done.push(context.id as string),
          ids.length,
        );
        const httpStepAfter = await production.http.stats();
        const stepAfter = sum(httpStepAfter, await production.worker.stats());
        (perStep[action] ??= []).push(diff(stepBefore, stepAfter, Math.max(1, measured.ok)));
        (perStepHttp[action] ??= []).push(diff(httpStepBefore, httpStepAfter, Math.max(1, measured.ok)));
        return { measured, done };
      };
      const dispatched = await step(
        created,
        'dispatch',
        agentCookie,
        JSON.stringify({ leadDepartmentId: handler.department_id }),
      );
      results.dispatch.push(dispatched.measured);
      const signed = await step(dispatched.done, 'sign', handlerCookie, '{}');
      results.sign.push(signed.measured);
      const replied = await step(
        signed.done,
        'reply',
        handlerCookie,
        JSON.stringify({ content: '已约谈商户，加装油烟净化设备' }),
      );
      results.reply.push(replied.measured);
    }

    const yard = median(results.yardstick.map((r) => r.rps));
    console.log(
      `${ROUNDS} alternating rounds × ${SECONDS} s, ${CONNECTIONS} connections (autocannon); load average at the ` +
        `start of each round: ${loads.join(' | ')}; after: ${load()}`,
    );
    const goals: Record<string, { ratio: number; p99: number }> = {
      intake: { ratio: 0.6, p99: 60 },
      dispatch: { ratio: 0.5, p99: 60 },
      sign: { ratio: 0.5, p99: 60 },
      reply: { ratio: 0.5, p99: 60 },
    };
    for (const [name, runs] of Object.entries(results)) {
      if (runs.length === 0) continue;
      const rps = median(runs.map((r) => r.rps));
      const p99 = median(runs.map((r) => r.p99));
      const p50 = median(runs.map((r) => r.p50));
      const goal = goals[name];
      const verdict = goal
        ? `  ratio ${(rps / yard).toFixed(2)}× (goal ≥ ${goal.ratio}: ${rps / yard >= goal.ratio ? 'met' : 'NOT met'}), ` +
          `p99 goal ≤ ${goal.p99} ms: ${p99 <= goal.p99 ? 'met' : 'NOT met'}`
        : '  (the yardstick: bare Fastify + postgres.js, one INSERT)';
      console.log(
        `${name.padEnd(10)} median ${rps.toFixed(0).padStart(5)}/s  p50 ${p50.toFixed(0)} ms  p99 ${p99.toFixed(0)} ms` +
          `  [runs: ${runs.map((r) => `${r.rps.toFixed(0)}/s p99 ${r.p99} ms${r.errors ? ` ${r.errors} errors` : ''}`).join(', ')}]`,
      );
      console.log(verdict);
    }
    const io = perIntake[perIntake.length - 1]!;
    const avg = (k: keyof IoStats, f: 'writes' | 'bytes') => median(perIntake.map((p) => p[k][f]));
    console.log(
      `per intake (median of rounds; HTTP process + worker): Redis ${avg('redis', 'writes').toFixed(2)} requests ` +
        `(${avg('redis', 'bytes').toFixed(0)} B), Postgres ${avg('postgres', 'writes').toFixed(2)} queries ` +
        `(${avg('postgres', 'bytes').toFixed(0)} B), HTTP ${avg('http', 'bytes').toFixed(0)} B in ` +
        `${avg('http', 'writes').toFixed(2)} socket writes, log ${median(logBytes).toFixed(0)} B`,
    );
    void io;
    console.log(
      `CPU per request (median): yardstick process ${median(yardCpu).toFixed(0)} µs, production HTTP process ` +
        `${median(httpCpu).toFixed(0)} µs per intake (${(median(yardCpu) / median(httpCpu)).toFixed(2)}× — the ` +
        `ratio the intake would reach if CPU of the server process were the only limit); worker process ` +
        `${median(workerCpu).toFixed(0)} µs per intake`,
    );
    for (const [action, list] of Object.entries(perStep)) {
      const m = (k: keyof IoStats, f: 'writes' | 'bytes') => median(list.map((p) => p[k][f]));
      const h = (k: keyof IoStats, f: 'writes' | 'bytes') => median(perStepHttp[action]!.map((p) => p[k][f]));
      console.log(
        `per ${action} (median): Redis ${m('redis', 'writes').toFixed(2)} requests, Postgres ` +
          `${m('postgres', 'writes').toFixed(2)} queries, CPU ${m('cpu', 'bytes').toFixed(0)} µs (HTTP process alone: ` +
          `${h('redis', 'writes').toFixed(2)} Redis, ${h('postgres', 'writes').toFixed(2)} Postgres, ` +
          `${h('cpu', 'bytes').toFixed(0)} µs CPU)`,
      );
    }
    const [{ n }] = (await database.sql`select count(*)::int as n from tickets`) as unknown as [{ n: number }];
    const [{ a }] = (await database.sql`
      select count(*)::int as a from audit_log where action = 'ticket.create'`) as unknown as [{ a: number }];
    console.log(`rows: ${n} tickets, ${a} ticket.create audit rows (every intake has its audit row)`);
  } finally {
    await stopAll();
    await database.close();
  }
}
