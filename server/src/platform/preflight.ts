import net from 'node:net';

/** Resolves whether something accepts TCP connections at the URL's host and port, within the timeout. */
export function canConnect(url: string, defaultPort: number, timeoutMs = 2_000): Promise<boolean> {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const HOW_TO =
  '启动方法 (how to get it): `docker compose up -d postgres redis`，或安装 Debian 软件包 (apt-get install postgresql redis-server)';

/** One line per missing service, then exit non-zero: the start command never hangs on a dead dependency. */
/** `redisUrl` null: nothing in this configuration uses Redis (QUEUE_BACKEND=postgres, STATE_STORE=memory, no adapter). */
export async function assertServicesReachable(databaseUrl: string, redisUrl: string | null): Promise<void> {
  const [pg, redis] = await Promise.all([
    canConnect(databaseUrl, 5432),
    redisUrl === null ? Promise.resolve(true) : canConnect(redisUrl, 6379),
  ]);
  const hostOf = (u: string) => {
    const p = new URL(u);
    return `${p.hostname}:${p.port || (u.startsWith('redis') ? 6379 : 5432)}`;
  };
  if (!pg)
    console.error(
      `无法连接 PostgreSQL (cannot reach PostgreSQL at ${hostOf(databaseUrl)}; set DATABASE_URL). ${HOW_TO}`,
    );
  if (!redis && redisUrl)
    console.error(`无法连接 Redis (cannot reach Redis at ${hostOf(redisUrl)}; set REDIS_URL). ${HOW_TO}`);
  if (!pg || !redis) process.exit(2);
}
