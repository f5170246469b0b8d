import type { Redis } from 'ioredis';
import { tokenDigest, type SessionData, type SessionStore } from './session-store.js';

/** At most this many sessions are kept per node (a peak shift is well under it); the oldest go first. */
const MAX_ENTRIES = 20_000;
/** A safety net only: invalidation messages, not this age, are what end a session on every node. */
const MAX_AGE_MS = 15_000;

export interface CachedSessionStore extends SessionStore {
  /** Whether the node listens for invalidations (the cache is bypassed until it does). */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * A per-node cache in front of the Redis session store, so an authenticated request costs no Redis round trip.
 * Ending a session stays immediate on every node:
 *  - this node evicts the entry before `destroy`/`destroyAllForUser`/`save` returns;
 *  - every node evicts it on the invalidation message published (Redis pub/sub, channel `<prefix>:session-events`)
 *    before the call returns — so the logout or deactivation response reaches the browser after the message
 *    reached the other nodes' subscriber connections;
 *  - while this node's subscription is not live (start-up, Redis reconnecting), the cache is bypassed and
 *    emptied: every lookup goes to Redis, as without the cache.
 * Entries older than MAX_AGE_MS are re-read from Redis.
 */
export function createCachedSessionStore(
  inner: SessionStore,
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): CachedSessionStore {
  const channel = `${prefix}:session-events`;
  const cache = new Map<string, { data: SessionData; at: number }>();
  const subscriber = redis.duplicate({ lazyConnect: true });
  let listening = false;
  let closed = false;
  // Bumped by every invalidation: a Redis read that raced with one is used once but not cached.
  let epoch = 0;

  const evictUser = (userId: string) => {
    for (const [digest, entry] of cache) if (entry.data.userId === userId) cache.delete(digest);
  };
  subscriber.on('message', (_channel: string, message: string) => {
    epoch += 1;
    if (message.startsWith('s:')) cache.delete(message.slice(2));
    else if (message.startsWith('u:')) evictUser(message.slice(2));
  });
  // Any gap in the subscription may have lost messages: forget everything and bypass until subscribed again.
  const stopListening = () => {
    epoch += 1;
    listening = false;
    cache.clear();
  };
  subscriber.on('close', stopListening);
  subscriber.on('end', stopListening);
  subscriber.on('error', stopListening);
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel)
      .then(() => {
        if (!closed) listening = true;
      })
      .catch(stopListening);
  });
  subscriber.connect().catch(stopListening);

  const remember = (digest: string, data: SessionData) => {
    if (!listening) return;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(digest, { data, at: now() });
  };
  const publish = (message: string) => redis.publish(channel, message).then(() => undefined);

  return {
    get listening() {
      return listening;
    },
    create: (data, ttlSeconds) => inner.create(data, ttlSeconds),
    async get(token) {
      const digest = tokenDigest(token);
      const hit = listening ? cache.get(digest) : undefined;
      if (hit && now() - hit.at <= MAX_AGE_MS) return hit.data;
      const before = epoch;
      const data = await inner.get(token);
      if (data && before === epoch) remember(digest, data);
      else cache.delete(digest);
      return data;
    },
    // `save` is the idle touch (lastSeenAt, at most once a second): it refreshes this node's entry and Redis but tells
    // no other node — their entries are at most MAX_AGE_MS old, so their idle check is off by that much at most,
    // while evicting them on every touch would make every node re-read every active session each second.
    async save(token, data, ttlSeconds) {
      const entry = cache.get(tokenDigest(token));
      if (entry) entry.data = data; // keeps its age: re-read from Redis within MAX_AGE_MS all the same
      await inner.save(token, data, ttlSeconds);
    },
    async destroy(token) {
      const digest = tokenDigest(token);
      cache.delete(digest);
      await inner.destroy(token);
      await publish(`s:${digest}`);
      cache.delete(digest);
    },
    async destroyAllForUser(userId) {
      evictUser(userId);
      await inner.destroyAllForUser(userId);
      await publish(`u:${userId}`);
      evictUser(userId);
    },
    async close() {
      closed = true;
      stopListening();
      subscriber.disconnect();
    },
  };
}
