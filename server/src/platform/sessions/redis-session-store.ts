import type { Redis } from 'ioredis';
import { newSessionToken, tokenDigest, type SessionData, type SessionStore } from './session-store.js';

export function createRedisSessionStore(redis: Redis, prefix: string): SessionStore {
  const key = (token: string) => `${prefix}:session:${tokenDigest(token)}`;
  const userKey = (userId: string) => `${prefix}:user-sessions:${userId}`;

  return {
    async create(data, ttlSeconds) {
      const token = newSessionToken();
      await redis
        .multi()
        .set(key(token), JSON.stringify(data), 'EX', ttlSeconds)
        .sadd(userKey(data.userId), tokenDigest(token))
        .expire(userKey(data.userId), 7 * 24 * 3600)
        .exec();
      return token;
    },
    async get(token) {
      const raw = await redis.get(key(token));
      return raw ? (JSON.parse(raw) as SessionData) : null;
    },
    async save(token, data, ttlSeconds) {
      // XX: a touch racing a logout must not bring the session back.
      await redis.set(key(token), JSON.stringify(data), 'EX', ttlSeconds, 'XX');
    },
    async destroy(token) {
      await redis.del(key(token));
    },
    async destroyAllForUser(userId) {
      const digests = await redis.smembers(userKey(userId));
      const pipeline = redis.multi();
      for (const digest of digests) pipeline.del(`${prefix}:session:${digest}`);
      pipeline.del(userKey(userId));
      await pipeline.exec();
    },
  };
}
