import type { Redis } from 'ioredis';

/**
 * Where @fastify/rate-limit keeps its counters. With Redis every node counts against the same limit; without it the
 * plugin's own in-memory store counts per process, which is exact on the single node of an embedded/small site.
 */
export function rateLimitStoreOptions(redis: Redis | null, prefix: string): { redis?: Redis; nameSpace?: string } {
  return redis ? { redis, nameSpace: `${prefix}:ratelimit:` } : {};
}
