import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../server/src/platform/db/client.js';
import { TEST_DATABASE_URL, TEST_ORIGIN, TEST_REDIS_URL } from '../support/env.js';
import { startTcpProxy, type ProxyMode, type TcpProxy } from '../support/tcp-proxy.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { hotlineUser, intakeBody, rowCounts } from '../support/ticket-factories.js';

/**
 * Issue 10.5 — fast failure. The app talks to Postgres and Redis through proxies this test cuts (the shared servers are
 * never stopped): while one is down every route answers 503 within a second with an error id that is in the log line,
 * readiness says which one is down, public rate limits do not open, nothing is half-written, and service is back
 * within seconds of the dependency returning.
 */
const lines: string[] = [];
let pg: TcpProxy;
let redis: TcpProxy;
let t: TestApp;
let direct: Database;
let cookie: string;
const routes: { method: string; url: string }[] = [];

const portOf = (url: string, fallback: number) => Number(new URL(url).port || fallback);
const withPort = (url: string, port: number) => {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
};

beforeAll(async () => {
  pg = await startTcpProxy(portOf(TEST_DATABASE_URL, 5432));
  redis = await startTcpProxy(portOf(TEST_REDIS_URL, 6379));
  direct = connectDatabase(TEST_DATABASE_URL, { max: 2 });
  t = await startTestApp(
    {
      databaseUrl: withPort(TEST_DATABASE_URL, pg.port),
      redisUrl: withPort(TEST_REDIS_URL, redis.port),
      logLevel: 'info',
    },
    { logStream: { write: (line) => void lines.push(line) } },
  );
  cookie = (await hotlineUser(t.app, t.deps.database.db, 'agent')).cookie;
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (path.startsWith('/api/health')) continue;
    for (const method of Object.keys(methods)) {
      routes.push({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, crypto.randomUUID()) });
    }
  }
}, 60_000);

afterAll(async () => {
  pg?.set('open');
  redis?.set('open');
  await t?.close().catch(() => {});
  await direct?.close();
  await pg?.close();
  await redis?.close();
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function expectUnavailable(response: { statusCode: number; body: string }, what: string) {
  expect(response.statusCode, `${what}: ${response.body}`).toBe(503);
  const body = JSON.parse(response.body) as { error: string; message: string; errorId: string };
  expect(body.error).toBe('service_unavailable');
  expect(body.message).toContain(body.errorId);
  expect(
    lines.some((line) => line.includes(body.errorId) && line.includes('"level":50')),
    `${what}: log line with ${body.errorId}`,
  ).toBe(true);
}

async function waitForService(deadlineMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) });
    if (me.statusCode === 200) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service did not come back');
}

const scenarios: [string, () => TcpProxy, ProxyMode, 'postgres' | 'redis'][] = [
  ['Postgres stopped', () => pg, 'refuse', 'postgres'],
  ['Postgres unreachable (stalled network)', () => pg, 'stall', 'postgres'],
  ['Redis stopped', () => redis, 'refuse', 'redis'],
  ['Redis unreachable (stalled network)', () => redis, 'stall', 'redis'],
];

describe('issue 10.5: 503 within a second during outages, nothing half-written, back within seconds', () => {
  for (const [name, proxy, mode, which] of scenarios) {
    it(`${name}: every route answers 503 with an error id within 1 s`, async () => {
      await waitForService(10_000);
      const before = await rowCounts(direct.db);
      proxy().set(mode);
      try {
        // The first request after the cut, before anything noticed: an intake (the write that must not be half-done).
        const intake = await timed(() =>
          t.app.inject({
            method: 'POST',
            url: '/api/tickets',
            headers: { ...asUser(cookie), 'idempotency-key': crypto.randomUUID() },
            payload: intakeBody(),
          }),
        );
        expectUnavailable(intake.value, 'intake');
        expect(intake.ms, 'intake answered within 1 s').toBeLessThan(1_000);

        // Public endpoints do not fall open: no enquiry is accepted while the limiter cannot count.
        const enquiry = await timed(() =>
          t.app.inject({
            method: 'POST',
            url: '/api/public/enquiries',
            headers: { origin: TEST_ORIGIN },
            payload: { name: '李四', phone: '13900001111', content: '路灯坏了很久没人修' },
          }),
        );
        expectUnavailable(enquiry.value, 'public enquiry');
        expect(enquiry.ms).toBeLessThan(1_000);

        // Every documented route, in parallel batches (a console reconnecting all at once).
        for (let i = 0; i < routes.length; i += 20) {
          const batch = routes.slice(i, i + 20);
          const results = await Promise.all(
            batch.map((route) =>
              timed(() =>
                t.app.inject({
                  method: route.method as 'GET',
                  url: route.url,
                  headers: asUser(cookie),
                  ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
                }),
              ),
            ),
          );
          results.forEach((result, index) => {
            const route = batch[index]!;
            if (route.url.startsWith('/api/docs')) return;
            expectUnavailable(result.value, `${route.method} ${route.url}`);
            expect(result.ms, `${route.method} ${route.url}`).toBeLessThan(1_000);
          });
        }

        // Readiness reflects it, promptly.
        const health = await timed(() => t.app.inject({ method: 'GET', url: '/api/health' }));
        expect(health.value.statusCode).toBe(503);
        expect(health.value.json()[which]).toBe('down');
        expect(health.ms).toBeLessThan(1_000);
      } finally {
        // A failed check must not leave the dependency cut for the scenarios after it.
        proxy().set('open');
      }
      const backAfter = await waitForService(10_000);
      expect(backAfter, 'service back after the dependency returned (ms)').toBeLessThan(5_000);
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      // Nothing half-written: the refused intake left no ticket, key or round behind.
      await new Promise((r) => setTimeout(r, 500));
      expect(await rowCounts(direct.db)).toEqual(before);
    }, 60_000);
  }
});
