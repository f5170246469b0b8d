import type { RouteRecordRaw } from 'vue-router';

/** Sign-in lives outside the shell layout. */
export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/LoginView.vue'),
    meta: { public: true, titleKey: 'auth.submit' },
  },
];
