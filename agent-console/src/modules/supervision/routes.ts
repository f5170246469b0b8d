import type { RouteRecordRaw } from 'vue-router';

/** 督办与考核: the supervisor home; a unit's handler and head see their own unit only (the API scopes it). */
export const routes: RouteRecordRaw[] = [
  {
    path: '/supervision',
    name: 'supervision',
    component: () => import('./views/SupervisionHomeView.vue'),
    meta: {
      roles: ['lead', 'admin', 'handler', 'dept_head'],
      titleKey: 'supervision.title',
      nav: { labelKey: 'supervision.nav', order: 55 },
    },
  },
];
