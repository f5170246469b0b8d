import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections. BullMQ needs maxRetriesPerRequest: null on its own connections; request-path
 * clients fail fast instead so an outage answers with an error, not a hang.
 */
export function connectRedis(url: string, options: RedisOptions = {}, onError?: (error: Error) => void): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
    ...options,
  });
  // ioredis reconnects by itself; report an outage once a minute instead of on every retry.
  let lastReport = 0;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastReport < 60_000) return;
    lastReport = now;
    (onError ?? ((e: Error) => console.warn(`Redis 连接异常 (Redis connection error): ${e.message}`)))(error);
  });
  return client;
}

export async function pingRedis(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis ping timeout')), timeoutMs);
      }),
    ]);
    return result === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
