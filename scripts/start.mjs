#!/usr/bin/env node
// `npm start`: from a fresh checkout to the running hotline on http://localhost:3000 with demo data.
// Installs what is missing, builds, migrates, seeds, then runs the HTTP server and the worker.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hotline';
const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';

function run(command, args, label) {
  console.log(`▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✖ ${label} 失败 (failed)`);
    process.exit(result.status ?? 1);
  }
}

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || defaultPort) });
    const done = (ok) => (socket.destroy(), resolve(ok));
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const howTo = '启动方法: `docker compose up -d postgres redis`，或 `apt-get install postgresql redis-server`';
const truthy = (value) => ['1', 'true', 'yes', 'on'].includes((value ?? '').toLowerCase());
// Redis is not needed when queues live in Postgres, sessions/rate limits in memory and socket.io has no adapter.
const redisNeeded = !(
  env.QUEUE_BACKEND === 'postgres' &&
  env.STATE_STORE === 'memory' &&
  (env.REALTIME_ADAPTER ?? 'none') === 'none'
);
if (!redisNeeded) env.REALTIME_ADAPTER = 'none';

let embedded = truthy(env.HOTLINE_EMBEDDED);
if (!embedded) {
  const [pgUp, redisUp] = await Promise.all([
    reachable(databaseUrl, 5432),
    redisNeeded ? reachable(redisUrl, 6379) : Promise.resolve(true),
  ]);
  const configured = Boolean(env.DATABASE_URL || env.REDIS_URL);
  if (!configured && !pgUp && !redisUp) {
    // Nothing configured and nothing running: a trial machine. Run everything in this one process on PGlite.
    embedded = true;
  } else {
    if (!pgUp) console.error(`✖ 无法连接 PostgreSQL (${new URL(databaseUrl).host}; 设置 DATABASE_URL). ${howTo}`);
    if (!redisUp) console.error(`✖ 无法连接 Redis (${new URL(redisUrl).host}; 设置 REDIS_URL). ${howTo}`);
    if (!pgUp || !redisUp) {
      console.error(
        '  或以嵌入模式试用 (or try embedded mode, no Postgres/Redis needed): HOTLINE_EMBEDDED=1 npm start',
      );
      process.exit(2);
    }
  }
}

if (embedded) {
  const dataDir = path.resolve(env.HOTLINE_DATA_DIR || 'data');
  const shown = path.relative(process.cwd(), dataDir);
  const where = shown && !shown.startsWith('..') && !path.isAbsolute(shown) ? `./${shown}/` : dataDir;
  console.log(
    `ℹ 嵌入模式 (embedded mode): 未使用 PostgreSQL/Redis，内置数据库 PGlite，单进程运行；数据保存在 ${where} (HOTLINE_DATA_DIR)`,
  );
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json')))
  run('npm', ['ci', '--no-audit', '--no-fund'], '安装依赖 (npm ci)');
run('npm', ['run', 'build'], '构建 (build shared, server, console)');

env.NODE_ENV ??= 'production';
env.CONSOLE_DIST ??= path.join(root, 'agent-console', 'dist');
// The phone channel (Kamailio + rtpengine) when both are installed; the hotline runs without it otherwise.
const telephonyInstalled =
  ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio'].some(existsSync) &&
  ['/usr/bin/rtpengine', '/usr/sbin/rtpengine', '/usr/local/bin/rtpengine'].some(existsSync);
const withTelephony = telephonyInstalled && !truthy(env.HOTLINE_NO_TELEPHONY);
if (withTelephony) {
  env.KAMAILIO_HTTP_URL ??= `http://127.0.0.1:${env.SIP_HTTP_PORT || 8088}`;
  env.SIP_WS_URL ??= `ws://127.0.0.1:${env.SIP_HTTP_PORT || 8088}/ws`;
  env.HOTLINE_URL ??= `http://127.0.0.1:${env.PORT || 3000}`;
  // Supervisor listen-in talks to rtpengine's ng port; recordings: the server and rtpengine share RECORDING_DIR.
  env.RTPENGINE_NG_URL ??= `udp:127.0.0.1:${env.RTPENGINE_NG_PORT || 2223}`;
} else if (!telephonyInstalled) {
  console.log('ℹ 未安装 Kamailio/rtpengine，电话渠道未启动 (telephony not installed; see README: npm run telephony)');
}
let children;
if (embedded) {
  // One process: PGlite, HTTP, socket.io and the workers; it migrates and seeds (first start) by itself.
  env.HOTLINE_EMBEDDED = '1';
  env.HOTLINE_DATA_DIR = path.resolve(env.HOTLINE_DATA_DIR || 'data');
  children = [spawn('node', ['server/dist/platform/embedded/embedded-main.js'], { cwd: root, stdio: 'inherit', env })];
} else {
  run('node', ['server/dist/seed/seed.cli.js'], '迁移数据库并写入演示数据 (migrate + seed)');
  // Without Redis the worker cannot reach the HTTP process's sockets: run the workers inside it.
  env.RUN_WORKERS_IN_PROCESS = redisNeeded ? '0' : '1';
  children = [spawn('node', ['server/dist/main.js'], { cwd: root, stdio: 'inherit', env })];
  if (redisNeeded) children.push(spawn('node', ['server/dist/worker.js'], { cwd: root, stdio: 'inherit', env }));
}
// A telephony failure (a port taken, say) is reported but does not stop the hotline.
const telephony = withTelephony
  ? spawn('node', ['--import', 'tsx', '--conditions=source', 'server/telephony/run.ts'], {
      cwd: root,
      stdio: 'inherit',
      env,
    })
  : null;
telephony?.on('exit', (code) => {
  if (!stopping) console.error(`✖ 电话系统已退出 (telephony exited, code ${code}); 热线其余部分继续运行`);
});
// The embedded entry prints its own line once it listens (with the real port).
if (!embedded) console.log(`✔ 12345 热线系统启动中: http://localhost:${env.PORT || 3000} (Ctrl+C 停止)`);
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
  telephony?.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`✖ 进程退出 (a process exited with code ${code}); 停止全部`);
      stop('SIGTERM');
      process.exitCode = code ?? 1;
    }
  });
}
