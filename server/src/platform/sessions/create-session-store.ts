import type { Redis } from 'ioredis';
import type { Config } from '../../config/index.js';
import { createCachedSessionStore } from './cached-session-store.js';
import { createMemorySessionStore } from './memory-session-store.js';
import { createRedisSessionStore } from './redis-session-store.js';
import type { SessionStore } from './session-store.js';

/**
 * The session store the configuration asks for: Redis (shared by every node, with a per-node cache that Redis
 * pub/sub invalidates — see cached-session-store.ts) or memory (one node).
 */
export function createSessionStore(
  config: Pick<Config, 'stateStore' | 'redisPrefix'>,
  redis: Redis | null,
): SessionStore {
  if (config.stateStore === 'redis') {
    if (!redis) throw new Error('STATE_STORE=redis needs a Redis connection');
    return createCachedSessionStore(createRedisSessionStore(redis, config.redisPrefix), redis, config.redisPrefix);
  }
  return createMemorySessionStore();
}
