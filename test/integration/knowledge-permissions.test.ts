import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { ROLES, type Role } from '@hotline/shared/domain/roles';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';

/** Every knowledge/notice route for every role: allowed roles get past the guard, the others get 403, anonymous 401. */
let t: TestApp;
const cookies = new Map<Role, string>();
const USERS: Record<Role, string> = {
  agent: 'agent01',
  lead: 'lead01',
  handler: 'handler_scjg',
  dept_head: 'head_scjg',
  kb_editor: 'kb01',
  admin: 'admin',
};

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) cookies.set(role, await signIn(t.app, USERS[role]));
});
afterAll(async () => {
  await t?.close();
});

const ID = '00000000-0000-4000-8000-000000000000';
type Payload = InjectOptions['payload'];
const ROUTES: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; roles: readonly Role[]; payload?: Payload }[] =
  [
    { method: 'GET', url: '/api/knowledge/search?q=社保', roles: ROLES },
    {
      method: 'GET',
      url: '/api/knowledge/matters',
      roles: ['kb_editor', 'handler', 'dept_head', 'admin', 'lead', 'agent'],
    },
    { method: 'GET', url: '/api/knowledge/stale', roles: ['kb_editor', 'handler', 'dept_head', 'admin'] },
    { method: 'POST', url: '/api/knowledge/matters', roles: ['kb_editor', 'handler', 'dept_head'], payload: {} },
    { method: 'GET', url: `/api/knowledge/matters/${ID}`, roles: ROLES },
    {
      method: 'GET',
      url: `/api/knowledge/matters/${ID}/versions`,
      roles: ['kb_editor', 'handler', 'dept_head', 'admin'],
    },
    {
      method: 'PUT',
      url: `/api/knowledge/matters/${ID}/draft`,
      roles: ['kb_editor', 'handler', 'dept_head'],
      payload: {},
    },
    { method: 'POST', url: `/api/knowledge/matters/${ID}/submit`, roles: ['kb_editor', 'handler', 'dept_head'] },
    {
      method: 'POST',
      url: `/api/knowledge/matters/${ID}/review`,
      roles: ['kb_editor', 'handler', 'dept_head'],
      payload: {},
    },
    { method: 'GET', url: '/api/knowledge/bundles', roles: ROLES },
    { method: 'POST', url: '/api/knowledge/bundles', roles: ['kb_editor'], payload: {} },
    { method: 'GET', url: '/api/knowledge/synonyms', roles: ['kb_editor', 'handler', 'dept_head', 'admin', 'lead'] },
    { method: 'POST', url: '/api/knowledge/synonyms', roles: ['kb_editor'], payload: {} },
    { method: 'DELETE', url: `/api/knowledge/synonyms/${ID}`, roles: ['kb_editor'] },
    { method: 'GET', url: '/api/knowledge/gaps', roles: ['kb_editor', 'lead', 'admin'] },
    { method: 'POST', url: '/api/knowledge/gaps/search-miss', roles: ['agent', 'lead'], payload: {} },
    { method: 'POST', url: `/api/knowledge/gaps/${ID}/resolve`, roles: ['kb_editor'], payload: {} },
    { method: 'POST', url: '/api/knowledge/notices/preview', roles: ['agent', 'lead', 'kb_editor'], payload: {} },
    { method: 'POST', url: `/api/tickets/${ID}/notice`, roles: ['agent', 'lead'], payload: {} },
    { method: 'POST', url: `/api/tickets/${ID}/no-matching-matter`, roles: ['agent', 'lead'], payload: {} },
    { method: 'GET', url: `/api/tickets/${ID}/notices`, roles: ['agent', 'lead', 'admin'] },
    { method: 'GET', url: `/api/knowledge/notices/${ID}`, roles: ['agent', 'lead', 'admin'] },
    { method: 'GET', url: '/api/notifications/outbox', roles: ['agent', 'lead', 'admin'] },
  ];

describe('knowledge route permissions', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.url}`, async () => {
      const request = (cookie?: string) =>
        t.app.inject({
          method: route.method,
          url: encodeURI(route.url),
          headers: cookie ? asUser(cookie) : {},
          ...(route.payload === undefined ? {} : { payload: route.payload }),
        });
      expect((await request()).statusCode).toBe(401);
      for (const role of ROLES) {
        const status = (await request(cookies.get(role))).statusCode;
        if (route.roles.includes(role)) expect(status, role).not.toBe(403);
        else expect(status, role).toBe(403);
        expect(status, role).toBeLessThan(500);
      }
    });
  }
});
