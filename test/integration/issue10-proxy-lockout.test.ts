import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { loadConfig, parseTrustProxy } from '../../server/src/config/index.js';
import { createUser } from '../support/factories.js';
import { TEST_ORIGIN } from '../support/env.js';
import { asUser, cookieFrom, startTestApp, type TestApp } from '../support/test-app.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function app(overrides: Parameters<typeof startTestApp>[0] = {}) {
  const t = await startTestApp(overrides);
  apps.push(t);
  return t;
}

const login = (t: TestApp, username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: TEST_ORIGIN, ...headers },
    payload: { username, password },
    remoteAddress: '203.0.113.7',
  });

describe('issue 10.4: X-Forwarded-For is believed only from configured proxies', () => {
  it('TRUST_PROXY takes addresses and CIDRs, defaults to none, and refuses a blanket "true"', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1,loopback')).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'loopback',
    ]);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
  });

  it('a forged X-Forwarded-For per request still meets the sign-in rate limit, and the audit log keeps the real peer', async () => {
    // As in production (where the old code trusted every X-Forwarded-For).
    const t = await app({ env: 'production', loginRateLimitPerMinute: 3 });
    const user = await createUser(t.deps.database.db, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await login(t, user.username, 'Wrong@Password1', { 'x-forwarded-for': `198.51.100.${i + 1}` });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    const rows = await t.deps.database.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.login_failed')));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['203.0.113.7']));
  });

  it('the public enquiry lookup is limited per real peer too', async () => {
    const t = await app({ env: 'production' });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/public/enquiries/20260101000001?code=123456',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        remoteAddress: '203.0.113.8',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toContain(429);
  });

  it('behind a configured proxy the client address comes from X-Forwarded-For', async () => {
    const t = await app({ trustProxy: ['203.0.113.0/24'] });
    const user = await createUser(t.deps.database.db, 'agent');
    const response = await login(t, user.username, user.password, { 'x-forwarded-for': '198.51.100.77' });
    expect(response.statusCode).toBe(200);
    const [row] = await t.deps.database.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.login')));
    expect(row?.ip).toBe('198.51.100.77');
  });
});

describe('issue 10.8: lockout, idle timeout, security headers', () => {
  it('a parallel burst cannot check more passwords than the lockout limit', async () => {
    const t = await app();
    const user = await createUser(t.deps.database.db, 'agent');
    const attempts = [...Array.from({ length: 9 }, () => 'Wrong@Password1'), user.password];
    const responses = await Promise.all(attempts.map((password) => login(t, user.username, password)));
    const statuses = responses.map((r) => r.statusCode);
    // Every check made leaves one audit row: failed, locked or signed in.
    const checked = await t.deps.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityId, user.id),
          inArray(auditLog.action, ['auth.login_failed', 'auth.locked', 'auth.login']),
        ),
      );
    expect(checked.length, JSON.stringify(statuses)).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(5);
    expect(statuses.every((s) => [200, 401, 423].includes(s))).toBe(true);
  });

  it('the idle timeout runs from the last request, not from the last once-a-minute touch', async () => {
    const t = await app();
    const user = await createUser(t.deps.database.db, 'agent');
    const cookie = cookieFrom(await login(t, user.username, user.password));
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) });
    t.clock.advance(59_000);
    expect((await me()).statusCode).toBe(200);
    // 30 idle minutes less ten seconds since the last request: still signed in.
    t.clock.advance(30 * 60_000 - 10_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(30 * 60_000 + 1_000);
    expect((await me()).statusCode).toBe(401);
  });

  it('every response carries a Content-Security-Policy with frame-ancestors, and no other site may frame the console', async () => {
    const t = await app();
    for (const url of ['/', '/desk', '/api/health', '/api/nope']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = response.headers['content-security-policy'];
      expect(csp, url).toContain("frame-ancestors 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});
