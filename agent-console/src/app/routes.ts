import type { RouteRecordRaw } from 'vue-router';
import { publicRoutes as authPublicRoutes } from '../modules/auth/routes';
import { routes as deskRoutes } from '../modules/desk/routes';
import { routes as ticketRoutes, publicRoutes as ticketPublicRoutes } from '../modules/tickets/routes';
import { routes as knowledgeRoutes, publicRoutes as knowledgePublicRoutes } from '../modules/knowledge/routes';
import { routes as departmentRoutes } from '../modules/department/routes';
import { routes as wallboardRoutes } from '../modules/wallboard/routes';
import { routes as adminRoutes } from '../modules/admin/routes';
import { routes as supervisionRoutes } from '../modules/supervision/routes';

/** Signed-in pages share the shell (side navigation + header); the guard sends `/` itself to the role's home. */
const shellRoute: RouteRecordRaw = {
  path: '/',
  name: 'shell',
  component: () => import('./layout/AppShell.vue'),
  children: [
    ...deskRoutes,
    ...ticketRoutes,
    ...knowledgeRoutes,
    ...departmentRoutes,
    ...wallboardRoutes,
    ...supervisionRoutes,
    ...adminRoutes,
  ],
};

/** The whole route table, module by module; public pages (sign-in, citizen pages) have no shell. */
export const appRoutes: RouteRecordRaw[] = [
  ...authPublicRoutes,
  ...ticketPublicRoutes,
  ...knowledgePublicRoutes,
  shellRoute,
  { path: '/:pathMatch(.*)*', name: 'not-found', redirect: '/' },
];
