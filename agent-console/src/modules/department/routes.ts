import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/department',
    name: 'department',
    component: () => import('./views/DepartmentInboxView.vue'),
    meta: {
      roles: ['handler', 'dept_head'],
      titleKey: 'nav.department',
      nav: { labelKey: 'nav.department', order: 40 },
    },
  },
];
