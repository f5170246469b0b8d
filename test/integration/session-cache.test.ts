import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedSessionStore } from '../../server/src/platform/sessions/cached-session-store.js';
import { tokenDigest } from '../../server/src/platform/sessions/session-store.js';
import { createUser } from '../support/factories.js';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_PREFIX } from '../support/env.js';

/**
 * Issue 12: each node caches sessions (no Redis round trip per request); logout, deactivation and role changes
 * still end the session at once — on the node that handled them and on every other node (Redis pub/sub).
 * Two app instances in this process share one Postgres and one Redis prefix, as two HTTP nodes would.
 */
const prefix = `${TEST_REDIS_PREFIX}-session-cache`;
let a: TestApp;
let b: TestApp;

async function listening(t: TestApp) {
  const store = t.deps.sessions as CachedSessionStore;
  for (let i = 0; i < 100 && !store.listening; i++) await new Promise((r) => setTimeout(r, 20));
  expect(store.listening).toBe(true);
}

beforeAll(async () => {
  a = await startTestApp({ redisPrefix: prefix });
  b = await startTestApp({ redisPrefix: prefix });
  await Promise.all([listening(a), listening(b)]);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const me = (t: TestApp, cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) });

describe('session cache (issue 12)', () => {
  it('serves a known session without Redis: deleting the key behind its back does not end it on a node that cached it', async () => {
    const user = await createUser(a.deps.database.db, 'agent');
    const cookie = await signIn(a.app, user.username, user.password);
    expect((await me(b, cookie)).statusCode).toBe(200);
    const token = cookie.split('=')[1]!;
    await b.deps.redis!.del(`${prefix}:session:${tokenDigest(token)}`);
    // Served from B's cache: this is what saves the round trip — and why invalidation must be explicit.
    expect((await me(b, cookie)).statusCode).toBe(200);
  });

  it('logout on one node ends the session at once on that node and on the other (issue 12 item 3)', async () => {
    const user = await createUser(a.deps.database.db, 'agent');
    const cookie = await signIn(a.app, user.username, user.password);
    expect((await me(a, cookie)).statusCode).toBe(200);
    expect((await me(b, cookie)).statusCode).toBe(200);

    const logout = await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: asUser(cookie) });
    expect(logout.statusCode).toBeLessThan(300);
    expect((await me(b, cookie)).statusCode).toBe(401);
    expect((await me(a, cookie)).statusCode).toBe(401);
  });

  it('deactivating a user on one node ends their sessions at once on every node (issue 12 item 3)', async () => {
    const user = await createUser(a.deps.database.db, 'agent');
    const cookie = await signIn(b.app, user.username, user.password);
    expect((await me(a, cookie)).statusCode).toBe(200);
    expect((await me(b, cookie)).statusCode).toBe(200);

    const admin = await signIn(a.app, 'admin');
    const deactivate = await a.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${user.id}`,
      headers: asUser(admin),
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    expect((await me(b, cookie)).statusCode).toBe(401);
    expect((await me(a, cookie)).statusCode).toBe(401);
  });

  it('a role change ends the cached session on the other node too, so the old role grants nothing', async () => {
    const user = await createUser(a.deps.database.db, 'lead');
    const cookie = await signIn(a.app, user.username, user.password);
    expect((await me(b, cookie)).json().user.role).toBe('lead');
    const admin = await signIn(b.app, 'admin');
    const change = await b.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${user.id}`,
      headers: asUser(admin),
      payload: { role: 'agent' },
    });
    expect(change.statusCode).toBe(200);
    expect((await me(a, cookie)).statusCode).toBe(401);
  });
});
