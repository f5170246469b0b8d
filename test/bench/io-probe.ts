/**
 * Bench-only preload (`node --import ./io-probe.ts`): counts what a server process writes to its sockets, per peer —
 * Redis (port 6379), Postgres (5432), HTTP clients (everything else) — so the tickets bench can print requests and
 * bytes per intake. A write to Redis or Postgres is one command batch on the wire (one round trip: postgres.js and
 * ioredis write each query / pipeline as one buffer). On IPC message 'io-stats' it replies with the totals so far.
 * Never loaded by the product.
 */
import net from 'node:net';

interface Counter {
  writes: number;
  bytes: number;
}
const totals: Record<'redis' | 'postgres' | 'http', Counter> = {
  redis: { writes: 0, bytes: 0 },
  postgres: { writes: 0, bytes: 0 },
  http: { writes: 0, bytes: 0 },
};

function peerOf(socket: net.Socket): Counter {
  const port = socket.remotePort;
  if (port === 6379) return totals.redis;
  if (port === 5432) return totals.postgres;
  return totals.http;
}

const sizeOf = (chunk: unknown) =>
  typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0;

const originalWrite = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
  const counter = peerOf(this);
  counter.writes += 1;
  counter.bytes += sizeOf(chunk);
  return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
} as typeof net.Socket.prototype.write;

process.on('message', (message: unknown) => {
  if (message !== 'io-stats') return;
  const cpu = process.cpuUsage();
  // CPU time of this process (user + system, µs) as a fourth "peer": what one request costs, whatever the load.
  process.send?.({ ioStats: { ...structuredClone(totals), cpu: { writes: 0, bytes: cpu.user + cpu.system } } });
});
