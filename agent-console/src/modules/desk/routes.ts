import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/desk',
    name: 'desk',
    component: () => import('./views/AgentDeskView.vue'),
    meta: { roles: ['agent', 'lead'], titleKey: 'nav.desk', nav: { labelKey: 'nav.desk', order: 10 } },
  },
];
