import type { RouteRecordRaw } from 'vue-router';

/** Department users see their tickets through 部门待办, not this list. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/tickets',
    name: 'tickets',
    component: () => import('./views/TicketListView.vue'),
    meta: { roles: ['agent', 'lead', 'admin'], titleKey: 'nav.tickets', nav: { labelKey: 'nav.tickets', order: 20 } },
  },
];

/** 群众网上诉求: the web channel of intake, open to citizens without signing in. */
export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/enquiry',
    name: 'public-enquiry',
    component: () => import('./views/PublicEnquiryView.vue'),
    meta: { public: true, titleKey: 'tickets.enquiryTitle' },
  },
];
