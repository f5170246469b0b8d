import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} did not open`);
}

let redis: ChildProcess | undefined;
let t: TestApp | undefined;
afterAll(async () => {
  redis?.kill('SIGKILL');
  await t?.close().catch(() => {});
});

describe('health', () => {
  it('reports 200 with Postgres and Redis up, and 503 once Redis is unreachable', async () => {
    // A Redis of this test's own, so stopping it disturbs nothing else.
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitForPort(port);
    t = await startTestApp({ redisUrl: `redis://127.0.0.1:${port}` });
    const up = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });

    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const down = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', postgres: 'up', redis: 'down' });
    // It answers promptly instead of hanging on the dead connection.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
