import type { RouteRecordRaw } from 'vue-router';

/**
 * 系统管理: one page with a tab per area; each tab is a child route so it can be linked to and reloaded.
 * The working calendar is the landing tab because a missing year silently shortens every deadline.
 * Admin only: leads may read calendar and policy through the API, but the console gives them no page for it.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/admin',
    component: () => import('./views/AdminLayoutView.vue'),
    meta: { roles: ['admin'], titleKey: 'nav.admin' },
    children: [
      {
        path: '',
        name: 'admin',
        component: () => import('./views/AdminCalendarView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.calendar', nav: { labelKey: 'nav.admin', order: 60 } },
      },
      {
        path: 'clock-policy',
        name: 'admin-clock-policy',
        component: () => import('./views/AdminClockPolicyView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.clockPolicy' },
      },
      {
        path: 'workflow-policy',
        name: 'admin-workflow-policy',
        component: () => import('./views/AdminWorkflowPolicyView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.workflowPolicy' },
      },
      {
        path: 'dispatch-catalogue',
        name: 'admin-catalogue',
        component: () => import('./views/AdminCatalogueView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.catalogue' },
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => import('./views/AdminAuditView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.audit' },
      },
      {
        path: 'departments',
        name: 'admin-departments',
        component: () => import('./views/AdminDepartmentsView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.departments' },
      },
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('./views/AdminUsersView.vue'),
        meta: { roles: ['admin'], titleKey: 'adminUi.tabs.users' },
      },
      // 智能辅助 (issue 15): history import and the dispatch model, pages of the intelligence module.
      {
        path: 'history-import',
        name: 'admin-history-import',
        component: () => import('../intelligence/views/HistoryImportView.vue'),
        meta: { roles: ['admin'], titleKey: 'intel.tabs.historyImport' },
      },
      {
        path: 'dispatch-model',
        name: 'admin-dispatch-model',
        component: () => import('../intelligence/views/DispatchModelView.vue'),
        meta: { roles: ['admin'], titleKey: 'intel.tabs.dispatchModel' },
      },
    ],
  },
];
