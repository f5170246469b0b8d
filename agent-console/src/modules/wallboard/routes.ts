import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/wallboard',
    name: 'wallboard',
    component: () => import('./views/WallboardView.vue'),
    meta: { roles: ['lead', 'admin'], titleKey: 'nav.wallboard', nav: { labelKey: 'nav.wallboard', order: 50 } },
  },
];
