import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/wallboard',
    name: 'wallboard',
    component: () => import('./views/WallboardView.vue'),
    meta: { roles: ['lead', 'admin'], titleKey: 'nav.wallboard', nav: { labelKey: 'nav.wallboard', order: 50 } },
  },
  {
    // 技能与策略: next to the wallboard, the same audience; the page lives in the calls module.
    path: '/wallboard/settings',
    name: 'calls-settings',
    component: () => import('../calls/views/CallsSettingsView.vue'),
    meta: {
      roles: ['lead', 'admin'],
      titleKey: 'calls.settings.title',
      nav: { labelKey: 'calls.settings.nav', order: 51 },
    },
  },
];
