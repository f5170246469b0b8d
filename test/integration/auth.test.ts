import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { users } from '../../server/src/modules/auth/users.table.js';
import { createDepartment, createUser } from '../support/factories.js';
import { asUser, cookieFrom, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_ORIGIN } from '../support/env.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: TEST_ORIGIN },
    payload: { username, password },
  });

describe('sign-in', () => {
  it('signs in with the right password, sets an httpOnly strict cookie, and /me answers', async () => {
    const user = await createUser(t.deps.database.db, 'agent');
    const response = await login(user.username, user.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'hotline_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookieFrom(response)) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: user.username, role: 'agent' });
    const audit = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain('auth.login');
  });

  it('refuses a wrong password with a Chinese message', async () => {
    const user = await createUser(t.deps.database.db, 'agent');
    const response = await login(user.username, 'Wrong@Password1');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: 'invalid_credentials', message: '用户名或密码错误' });
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const response = await login('nobody_here', 'Wrong@Password1');
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe('用户名或密码错误');
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    const user = await createUser(t.deps.database.db, 'handler');
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong@Password1')).statusCode).toBe(401);
    const fifth = await login(user.username, 'Wrong@Password1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().message).toContain('账号已锁定');
    expect((await login(user.username, user.password)).statusCode).toBe(423);
    t.clock.advance(14 * 60_000);
    expect((await login(user.username, user.password)).statusCode).toBe(423);
    t.clock.advance(2 * 60_000);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('starts the failure count afresh after a successful sign-in', async () => {
    const user = await createUser(t.deps.database.db, 'agent');
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong@Password1')).statusCode).toBe(401);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    const [row] = await t.deps.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    // Four more failures do not lock: the earlier four were forgotten.
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong@Password1')).statusCode).toBe(401);
    const failures = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.login_failed')));
    expect(failures).toHaveLength(8);
  });

  it('expires a session after 30 idle minutes but not while it is used', async () => {
    const user = await createUser(t.deps.database.db, 'agent');
    const cookie = cookieFrom(await login(user.username, user.password));
    t.clock.advance(20 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) })).statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ error: 'session_expired', message: '登录已超时，请重新登录' });
  });

  it('logs out: the cookie no longer works', async () => {
    const cookie = await signIn(t.app, 'agent02');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: asUser(cookie) });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) })).statusCode).toBe(401);
  });

  it('rejects a cookie-authenticated write from a foreign origin (CSRF) and one with no origin at all', async () => {
    const cookie = await signIn(t.app, 'agent03');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toBe('csrf_rejected');
    const none = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(none.statusCode).toBe(403);
    // The session survived both attempts.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) })).statusCode).toBe(200);
  });

  it('validates the login body with a Chinese message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { username: 'a' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('缺少必填字段「password」');
  });

  it('enforces password rules on change and ends the old sessions', async () => {
    const user = await createUser(t.deps.database.db, 'agent');
    const cookie = cookieFrom(await login(user.username, user.password));
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: asUser(cookie),
      payload: { currentPassword: user.password, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('密码至少 10 位');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: asUser(cookie),
      payload: { currentPassword: user.password, newPassword: 'Brand-New-Pass-2026' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: asUser(cookie) })).statusCode).toBe(401);
    expect((await login(user.username, 'Brand-New-Pass-2026')).statusCode).toBe(200);
  });
});

describe('role and department guards', () => {
  it('gives an agent 403 on an admin route and the admin 200', async () => {
    const agent = await signIn(t.app, 'agent01');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: asUser(agent) })).statusCode).toBe(403);
    const admin = await signIn(t.app, 'admin');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: asUser(admin) })).statusCode).toBe(200);
  });

  it("gives a handler 404 on another department's resources and 200 on their own", async () => {
    const db = t.deps.database.db;
    const mine = await createDepartment(db);
    const other = await createDepartment(db);
    const handler = await createUser(db, 'handler', { departmentId: mine.id });
    const cookie = cookieFrom(await login(handler.username, handler.password));
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/departments/${mine.id}/members`,
      headers: asUser(cookie),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((m: { id: string }) => m.id)).toContain(handler.id);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/departments/${other.id}/members`,
      headers: asUser(cookie),
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toBe('该单位不存在');
  });

  it('refuses every non-public route without a session', async () => {
    const routes = ['/api/auth/me', '/api/departments', '/api/audit'];
    for (const url of routes) expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
