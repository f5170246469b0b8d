import { newSessionToken, tokenDigest, type SessionData, type SessionStore } from './session-store.js';

/** Single-process store for embedded mode: sessions end with the process, which a trial site accepts. */
export function createMemorySessionStore(now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, { data: SessionData; expiresAt: number }>();
  const live = (digest: string) => {
    const entry = sessions.get(digest);
    if (!entry) return null;
    if (entry.expiresAt <= now()) {
      sessions.delete(digest);
      return null;
    }
    return entry;
  };
  return {
    async create(data, ttlSeconds) {
      const token = newSessionToken();
      sessions.set(tokenDigest(token), { data, expiresAt: now() + ttlSeconds * 1000 });
      return token;
    },
    async get(token) {
      return live(tokenDigest(token))?.data ?? null;
    },
    async save(token, data, ttlSeconds) {
      // Like Redis SET XX: a touch racing a logout must not bring the session back.
      if (!live(tokenDigest(token))) return;
      sessions.set(tokenDigest(token), { data, expiresAt: now() + ttlSeconds * 1000 });
    },
    async destroy(token) {
      sessions.delete(tokenDigest(token));
    },
    async destroyAllForUser(userId) {
      for (const [digest, entry] of sessions) if (entry.data.userId === userId) sessions.delete(digest);
    },
  };
}
