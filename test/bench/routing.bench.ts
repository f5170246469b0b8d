/**
 * Routing benchmark (`npm run bench routing`): enqueue→offer latency with 500 contacts waiting and 1,000 ready agents
 * (goal p99 ≤ 10 ms) — from the call to enqueueContact until the screen-pop (`call:delivered`) is handed to the
 * notifier, which is after the offer is recorded in Postgres; beside it, as the floor this machine sets, one bare
 * INSERT committed (one fsync) per sample, alternating with the samples — and wallboard fan-out to 1,000 connected consoles through the app (Redis adapter, session
 * auth, rooms) against a raw socket.io broadcast of the same payload to 1,000 sockets in the same run, alternating
 * (goal: the app's p99 ≤ 1.2× the raw p99). Own database (hotline_bench_calls) and Redis prefix; every loop is
 * bounded in count and time.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config/index.js';
import { recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { connectRedis } from '../../server/src/platform/redis/redis.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { agentSkills } from '../../server/src/modules/calls/calls.table.js';
import { createCallsModule } from '../../server/src/modules/calls/calls.module.js';
import { createRedisAcdStore } from '../../server/src/modules/calls/acd-store.redis.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/audit/audit.service.js';
import type { WallboardSnapshot } from '@hotline/shared/contracts/calls';
import { percentile } from './stats.js';
import { deleteKeys } from '../support/redis-keys.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_calls';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `hotline-bench-calls-${process.pid}`;
const ORIGIN = 'http://localhost:3000';
const READY_AGENTS = 1_000;
const WAITING = 500;
const SAMPLES = 300;
const SOCKETS = 1_000;
const FANOUTS = 20;
/** Fan-outs alternate between the raw broadcast and the app in rounds of FANOUTS / FANOUT_ROUNDS each. */
const FANOUT_ROUNDS = 4;
const TIME_LIMIT_MS = 120_000;

const summary = (values: number[]) =>
  `n=${values.length} p50=${percentile(values, 50).toFixed(1)} ms p95=${percentile(values, 95).toFixed(1)} ms ` +
  `p99=${percentile(values, 99).toFixed(1)} ms max=${Math.max(...values).toFixed(1)} ms`;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]);
}

const cleanRedis = (redis: ReturnType<typeof connectRedis>) => deleteKeys(redis, PREFIX);

async function routingLatency(db: ReturnType<typeof connectDatabase>['db']) {
  const redis = connectRedis(REDIS_URL);
  // When each screen-pop left; a sample waits for its own (the fast path sends it before enqueueContact returns).
  const deliveredAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const deliveryOf = (contactId: string) =>
    deliveredAt.has(contactId)
      ? Promise.resolve(deliveredAt.get(contactId)!)
      : new Promise<number>((resolve) => waiters.set(contactId, resolve));
  const calls = createCallsModule({
    db,
    store: createRedisAcdStore(redis, `${PREFIX}-routing`),
    clock: { now: () => new Date() },
    realtime: null,
    notifier: {
      toAgent(_agentId, event, ...args) {
        if (event !== 'call:delivered') return;
        const pop = args[0] as { contactId: string };
        const at = performance.now();
        deliveredAt.set(pop.contactId, at);
        waiters.get(pop.contactId)?.(at);
      },
      wallboardChanged() {},
    },
  });
  try {
    const agents = await db
      .insert(users)
      .values(
        Array.from({ length: READY_AGENTS }, (_, i) => ({
          username: `bench_${randomUUID().slice(0, 8)}_${i}`,
          displayName: `压测坐席${i}`,
          role: 'agent' as const,
          passwordHash: 'not-a-login-account',
        })),
      )
      .returning({ id: users.id });
    await db.insert(agentSkills).values(agents.map((a) => ({ agentId: a.id, skill: 'general' as const, level: 5 })));
    // 500 letters wait for the letter desk, which nobody staffs: they stay in the queues the router scans.
    for (let i = 0; i < WAITING; i++) {
      await calls.router.enqueueContact({
        channel: 'letter',
        priority: 'normal',
        greenChannel: false,
        skillGroup: 'letters',
      });
    }
    for (const a of agents) await calls.presence.setAgentState(a.id, 'ready', undefined, SYSTEM_ACTOR);
    await calls.router.dispatch();

    await db.execute(sql`create table bench_commit_floor (id serial primary key, at timestamptz not null)`);
    const latencies: number[] = [];
    const enqueueTimes: number[] = [];
    const floor: number[] = [];
    let fastPath = 0;
    const started = Date.now();
    for (let i = 0; i < SAMPLES && Date.now() - started < TIME_LIMIT_MS; i++) {
      const f0 = performance.now();
      await db.execute(sql`insert into bench_commit_floor (at) values (now())`);
      floor.push(performance.now() - f0);
      const t0 = performance.now();
      const contact = await calls.router.enqueueContact({
        channel: 'call',
        callerNumber: `1380000${String(i).padStart(4, '0')}`,
        priority: i % 10 === 0 ? 'green_channel' : 'normal',
        greenChannel: i % 10 === 0,
        skillGroup: 'general',
      });
      enqueueTimes.push(performance.now() - t0);
      // Offered on the fast path (one statement: a free agent and nobody ahead), or queued and offered by a pass.
      if (contact.state === 'offered') fastPath++;
      await calls.router.dispatch();
      const at = await withTimeout(deliveryOf(contact.id), 5_000, 'offer');
      latencies.push(at - t0);
      // Answer it (outside the measurement) so no ring timeout re-queues work during the run.
      const agent = (await calls.store.offerOf(contact.id))?.agentId;
      if (agent) await calls.router.acceptOffer(agent, contact.id, SYSTEM_ACTOR);
    }
    const waiting = await calls.store.waitingCounts(['letters', 'general']);
    console.log(
      `routing enqueue→offer (${waiting.letters} waiting, ${READY_AGENTS} ready agents): ${summary(latencies)}`,
    );
    console.log(`  until enqueueContact returned: ${summary(enqueueTimes)}`);
    console.log(`  offered on the fast path (one statement): ${fastPath} of ${latencies.length}`);
    console.log(`  the floor — one bare INSERT commit, alternating with the samples: ${summary(floor)}`);
    console.log(`  goal p99 ≤ 10 ms: ${percentile(latencies, 99) <= 10 ? 'met' : 'NOT met'}`);
  } finally {
    await calls.stop();
    // Leave nothing for the fan-out part's boot-time rebuild to pick up.
    await db.execute(sql`update contacts set state = 'ended' where state <> 'ended'`);
    await db.execute(sql`insert into agent_state_log (agent_id, state, at) select id, 'offline', now() from users`);
    await cleanRedis(redis);
    await redis.quit();
  }
}

async function wallboardFanOut() {
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      redisPrefix: `${PREFIX}-app`,
      allowedOrigins: [ORIGIN],
      consoleDist: null,
      realtimeAdapter: 'redis',
    },
  );
  const { app, deps } = await buildApp({ config });
  await app.ready();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];
  try {
    const [lead] = await deps.database.db
      .insert(users)
      .values({
        username: `bench_lead_${randomUUID().slice(0, 8)}`,
        displayName: '压测班长',
        role: 'lead',
        passwordHash: 'x',
      })
      .returning();
    const now = Date.now();
    const received: number[] = [];
    let arrivals = 0;
    for (let i = 0; i < SOCKETS; i++) {
      const token = await deps.sessions.create(
        {
          userId: lead!.id,
          username: lead!.username,
          displayName: lead!.displayName,
          role: 'lead',
          departmentId: null,
          departmentName: null,
          createdAt: now,
          lastSeenAt: now,
          ip: null,
        },
        3600,
      );
      const socket = connect(url, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: { origin: ORIGIN, cookie: `hotline_sid=${token}` },
        reconnection: false,
        autoConnect: false,
      });
      socket.on('wallboard:snapshot', (snapshot: WallboardSnapshot) => {
        // Only the bench's own fan-outs: the app also pushes its periodic wallboard refresh.
        if ((snapshot as { benchSeq?: number }).benchSeq === undefined) return;
        received.push(Date.now() - Date.parse(snapshot.at));
        arrivals++;
      });
      sockets.push(socket);
    }
    const connectStarted = Date.now();
    // Connect in batches of 100 so the handshakes do not all queue behind each other at once.
    for (let i = 0; i < sockets.length; i += 100) {
      const batch = sockets.slice(i, i + 100);
      const ready = batch.map((s) => new Promise<void>((resolve) => s.once('session:ready', () => resolve())));
      batch.forEach((s) => s.connect());
      await withTimeout(Promise.all(ready), 60_000, `socket batch ${i / 100 + 1}`);
    }
    console.log(`${SOCKETS} sockets connected in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s`);
    const t0 = performance.now();
    const snapshot = await deps.calls.wallboard.snapshot();
    const buildMs = performance.now() - t0;

    // THE YARDSTICK for fan-out: a raw socket.io server (no adapter, no auth, no rooms) and 1,000 plain sockets.
    const rawHttp = createServer();
    const rawIo = new Server(rawHttp, { serveClient: false });
    await new Promise<void>((resolve) => rawHttp.listen(0, '127.0.0.1', resolve));
    const rawUrl = `http://127.0.0.1:${(rawHttp.address() as AddressInfo).port}`;
    const rawReceived: number[] = [];
    let rawArrivals = 0;
    for (let i = 0; i < SOCKETS; i += 100) {
      const batch = Array.from({ length: Math.min(100, SOCKETS - i) }, () => {
        const socket = connect(rawUrl, { transports: ['websocket'], reconnection: false });
        socket.on('wallboard:snapshot', (s: WallboardSnapshot) => {
          rawReceived.push(Date.now() - Date.parse(s.at));
          rawArrivals++;
        });
        sockets.push(socket);
        return new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      });
      await withTimeout(Promise.all(batch), 60_000, 'raw socket batch');
    }

    const wait = async (count: () => number, expected: number) => {
      const deadline = Date.now() + 5_000;
      while (count() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };
    const perRound = FANOUTS / FANOUT_ROUNDS;
    const rawP99: number[] = [];
    const appP99: number[] = [];
    for (let round = 0; round < FANOUT_ROUNDS; round++) {
      const rawFrom = rawReceived.length;
      for (let k = 0; k < perRound; k++) {
        const expected = rawArrivals + SOCKETS;
        rawIo.emit('wallboard:snapshot', { ...snapshot, at: new Date().toISOString() });
        await wait(() => rawArrivals, expected);
      }
      rawP99.push(percentile(rawReceived.slice(rawFrom), 99));
      const appFrom = received.length;
      for (let k = 0; k < perRound; k++) {
        const expected = arrivals + SOCKETS;
        // Marked, so the app's own periodic refresh is never taken for one of these.
        const marked = { ...snapshot, at: new Date().toISOString(), benchSeq: round * perRound + k };
        deps.realtime.emitTo('wallboard', 'wallboard:snapshot', marked as WallboardSnapshot);
        await wait(() => arrivals, expected);
      }
      appP99.push(percentile(received.slice(appFrom), 99));
    }
    rawIo.close();
    console.log(`wallboard snapshot build: ${buildMs.toFixed(1)} ms`);
    console.log(
      `raw socket.io broadcast to ${SOCKETS} sockets × ${FANOUTS} (the yardstick): ${summary(rawReceived)} ` +
        `(delivered ${rawArrivals}/${SOCKETS * FANOUTS})`,
    );
    console.log(
      `app wallboard fan-out to ${SOCKETS} consoles × ${FANOUTS} (Redis adapter): ${summary(received)} ` +
        `(delivered ${arrivals}/${SOCKETS * FANOUTS})`,
    );
    const med = (v: number[]) => percentile(v, 50);
    const ratio = med(appP99) / Math.max(1, med(rawP99));
    console.log(
      `  p99 per alternating round — raw: ${rawP99.join(', ')} ms; app: ${appP99.join(', ')} ms; medians ` +
        `${med(rawP99)} / ${med(appP99)} ms`,
    );
    console.log(
      `  p99 ratio app / raw (medians) ${ratio.toFixed(2)} (goal ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'})`,
    );
  } finally {
    sockets.forEach((s) => s.disconnect());
    await app.close();
    const redis = connectRedis(REDIS_URL);
    await cleanRedis(redis);
    await redis.quit();
  }
}

export async function run(): Promise<void> {
  const part = process.env.ROUTING_BENCH_PART;
  await recreateDatabase(DATABASE_URL);
  const database = connectDatabase(DATABASE_URL, { max: 10 });
  try {
    await runMigrations(database.db);
    if (part !== 'fanout') await routingLatency(database.db);
  } finally {
    await database.close();
  }
  if (part !== 'routing') await wallboardFanOut();
}
