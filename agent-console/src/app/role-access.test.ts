import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ROLES, type Role } from '@hotline/shared/domain/roles';
import { homePathFor, landingPathAfterSignIn, navItemsFor } from './role-access';
import { appRoutes } from './routes';

function buildRouter() {
  return createRouter({ history: createMemoryHistory(), routes: appRoutes });
}

describe('role access', () => {
  it('sends each role to its own home', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, homePathFor(role)]))).toEqual({
      agent: '/desk',
      lead: '/wallboard',
      handler: '/department',
      dept_head: '/department',
      kb_editor: '/knowledge',
      admin: '/admin',
    });
  });

  it('shows each role only the pages it may use', () => {
    const records = buildRouter().getRoutes();
    const menus = Object.fromEntries(ROLES.map((role) => [role, navItemsFor(records, role).map((item) => item.path)]));
    expect(menus).toEqual({
      agent: ['/desk', '/tickets', '/tickets/queues', '/knowledge'],
      lead: ['/desk', '/tickets', '/tickets/queues', '/knowledge', '/wallboard', '/wallboard/settings', '/supervision'],
      // 督办与考核: a unit sees its own figures, league position and explain list.
      handler: ['/knowledge', '/department', '/supervision'],
      dept_head: ['/knowledge', '/department', '/supervision'],
      kb_editor: ['/knowledge'],
      admin: [
        '/tickets',
        '/tickets/queues',
        '/knowledge',
        '/wallboard',
        '/wallboard/settings',
        '/supervision',
        '/admin',
      ],
    } satisfies Record<Role, string[]>);
  });

  it('follows a remembered redirect only to a page the new user may open', () => {
    const router = buildRouter();
    expect(landingPathAfterSignIn(router, '/tickets?page=2', 'agent')).toBe('/tickets?page=2');
    expect(landingPathAfterSignIn(router, '/admin', 'agent')).toBe('/desk');
    expect(landingPathAfterSignIn(router, '//evil.example/x', 'lead')).toBe('/wallboard');
    expect(landingPathAfterSignIn(router, '/enquiry', 'handler')).toBe('/department');
    expect(landingPathAfterSignIn(router, undefined, 'kb_editor')).toBe('/knowledge');
  });
});
