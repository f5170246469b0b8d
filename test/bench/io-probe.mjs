/**
 * Bench-only preload (`node --import ./io-probe.mjs`; plain JS so the production start runs without a TS loader):
 * counts what a server process writes to its sockets, per peer — Redis (port 6379), Postgres (5432), HTTP clients
 * (everything else) — so the tickets bench can print requests and bytes per intake. A write to Redis or Postgres is
 * one command batch on the wire (postgres.js and ioredis write each query / pipeline as one buffer). On IPC message
 * 'io-stats' it replies with the totals so far, plus this process's CPU time (`cpu.bytes`, µs). Never loaded by the
 * product.
 */
import net from 'node:net';

const totals = {
  redis: { writes: 0, bytes: 0 },
  postgres: { writes: 0, bytes: 0 },
  http: { writes: 0, bytes: 0 },
};

function peerOf(socket) {
  const port = socket.remotePort;
  if (port === 6379) return totals.redis;
  if (port === 5432) return totals.postgres;
  return totals.http;
}

const sizeOf = (chunk) =>
  typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0;

const originalWrite = net.Socket.prototype.write;
net.Socket.prototype.write = function (chunk, ...rest) {
  const counter = peerOf(this);
  counter.writes += 1;
  counter.bytes += sizeOf(chunk);
  return originalWrite.call(this, chunk, ...rest);
};

process.on('message', (message) => {
  if (message !== 'io-stats') return;
  const cpu = process.cpuUsage();
  process.send?.({
    ioStats: { ...JSON.parse(JSON.stringify(totals)), cpu: { writes: 0, bytes: cpu.user + cpu.system } },
  });
});
