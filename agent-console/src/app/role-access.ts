import type { RouteLocationNormalized, RouteMeta, RouteRecordNormalized, Router } from 'vue-router';
import type { NavEntry } from './route-meta';
import type { Role } from '@hotline/shared/domain/roles';

/** Where each role lands after signing in, and when it opens a page it may not use. */
const HOME_BY_ROLE: Record<Role, string> = {
  agent: '/desk',
  lead: '/wallboard',
  handler: '/department',
  dept_head: '/department',
  kb_editor: '/knowledge',
  admin: '/admin',
};

export function homePathFor(role: Role): string {
  return HOME_BY_ROLE[role];
}

function metaAllows(meta: RouteMeta, role: Role): boolean {
  return !meta.roles || meta.roles.includes(role);
}

/** A route is open to a role when every matched record (layout and page) allows it. */
export function mayOpenRoute(route: Pick<RouteLocationNormalized, 'matched'>, role: Role): boolean {
  return route.matched.every((record) => metaAllows(record.meta, role));
}

/**
 * Where to go after signing in: the `redirect` the guard remembered, if it is an in-app page this role may open;
 * otherwise the role's home (a previous user's page must not bounce the next user with 「无权访问该页面」).
 */
export function landingPathAfterSignIn(router: Router, redirect: unknown, role: Role): string {
  if (typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//')) {
    const target = router.resolve(redirect);
    const isPage = target.matched.length > 1 && !target.meta.public;
    if (isPage && mayOpenRoute(target, role)) return target.fullPath;
  }
  return homePathFor(role);
}

export interface NavItem extends NavEntry {
  path: string;
  name: string;
}

/** The side navigation of a role: routes that declare `meta.nav` and allow the role, in menu order. */
export function navItemsFor(records: readonly RouteRecordNormalized[], role: Role): NavItem[] {
  return records
    .flatMap((record) => {
      const nav = record.meta.nav;
      return nav && metaAllows(record.meta, role) ? [{ ...nav, path: record.path, name: String(record.name) }] : [];
    })
    .sort((a, b) => a.order - b.order);
}
