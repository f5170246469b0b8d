import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@hotline/shared/domain/roles';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { resetRouting } from './calls-support.js';

let t: TestApp;
const cookies = new Map<Role, string>();
const USERS: [Role, string][] = [
  ['agent', 'agent03'],
  ['lead', 'lead01'],
  ['handler', 'handler_zj'],
  ['dept_head', 'head_scjg'],
  ['kb_editor', 'kb01'],
  ['admin', 'admin'],
];

beforeAll(async () => {
  await resetRouting();
  t = await startTestApp();
  for (const [role, username] of USERS) cookies.set(role, await signIn(t.app, username));
});
afterAll(async () => {
  await t.close();
  await resetRouting();
});

const id = randomUUID();
/** Every calls route with the roles allowed to call it. Bodies are empty: allowed callers get a 4xx, never a 5xx. */
const ROUTES: { method: 'GET' | 'POST' | 'PUT'; url: string; roles: Role[] }[] = [
  { method: 'GET', url: '/api/calls/desk', roles: ['agent', 'lead'] },
  { method: 'PUT', url: '/api/calls/desk/state', roles: ['agent', 'lead'] },
  { method: 'POST', url: `/api/calls/desk/offers/${id}/accept`, roles: ['agent', 'lead'] },
  { method: 'POST', url: `/api/calls/desk/offers/${id}/reject`, roles: ['agent', 'lead'] },
  { method: 'POST', url: `/api/calls/desk/contacts/${id}/end`, roles: ['agent', 'lead'] },
  { method: 'GET', url: `/api/calls/desk/contacts/${id}/caller`, roles: ['agent', 'lead'] },
  { method: 'POST', url: '/api/calls/desk/wrap-up/done', roles: ['agent', 'lead'] },
  { method: 'POST', url: '/api/calls/contacts', roles: ['agent', 'lead', 'admin'] },
  { method: 'GET', url: '/api/calls/wallboard', roles: ['lead', 'admin'] },
  { method: 'POST', url: `/api/calls/contacts/${id}/assign`, roles: ['lead', 'admin'] },
  { method: 'GET', url: '/api/calls/agents', roles: ['lead', 'admin'] },
  { method: 'GET', url: `/api/calls/agents/${id}/skills`, roles: ['lead', 'admin'] },
  { method: 'PUT', url: `/api/calls/agents/${id}/skills`, roles: ['lead', 'admin'] },
  { method: 'GET', url: '/api/calls/policy', roles: ['lead', 'admin'] },
  { method: 'PUT', url: '/api/calls/policy', roles: ['admin'] },
  { method: 'POST', url: '/api/calls/rebuild', roles: ['admin'] },
];

describe('calls routes by role', () => {
  it.each(ROUTES)('$method $url', async ({ method, url, roles }) => {
    const anonymous = await t.app.inject({
      method,
      url,
      headers: { origin: 'http://localhost:3000' },
      payload: method === 'GET' ? undefined : {},
    });
    expect(anonymous.statusCode).toBe(401);
    for (const [role] of USERS) {
      const response = await t.app.inject({
        method,
        url,
        headers: asUser(cookies.get(role)!),
        payload: method === 'GET' ? undefined : {},
      });
      if (roles.includes(role)) {
        expect([401, 403], `${role} ${method} ${url}`).not.toContain(response.statusCode);
        expect(response.statusCode, `${role} ${method} ${url}: ${response.body}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json().message).toMatch(/[\u4e00-\u9fff]/);
      } else {
        expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
    }
  });

  it('tells a lead in Chinese why a routing policy is refused', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/calls/policy',
      headers: asUser(cookies.get('admin')!),
      payload: {
        tierMinLevels: [4, 2, 1],
        tierOverflowSeconds: [0, 50, 20],
        ringSeconds: 15,
        wrapUpSeconds: 30,
        callbackOfferSeconds: 120,
        disconnectGraceSeconds: 30,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('溢出等待时长应逐级递增');
  });
});
