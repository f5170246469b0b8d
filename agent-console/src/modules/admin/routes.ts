import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./views/AdminHomeView.vue'),
    meta: { roles: ['admin'], titleKey: 'nav.admin', nav: { labelKey: 'nav.admin', order: 60 } },
  },
];
