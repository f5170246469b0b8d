import type { RouteRecordRaw } from 'vue-router';

/** Department users see their tickets through 部门待办, and open the detail page from there. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/tickets',
    name: 'tickets',
    component: () => import('./views/TicketListView.vue'),
    meta: { roles: ['agent', 'lead', 'admin'], titleKey: 'nav.tickets', nav: { labelKey: 'nav.tickets', order: 20 } },
  },
  {
    // 工作队列: the lead's reviews and supervision, the agent's callback worklist (待回访).
    path: '/tickets/queues',
    name: 'ticket-queues',
    component: () => import('./views/TicketQueuesView.vue'),
    meta: {
      roles: ['agent', 'lead', 'admin'],
      titleKey: 'ticket.queues.title',
      nav: { labelKey: 'ticket.queues.title', order: 21 },
    },
  },
  {
    path: '/tickets/:id',
    name: 'ticket-detail',
    component: () => import('./views/TicketDetailView.vue'),
    props: true,
    meta: { roles: ['agent', 'lead', 'admin', 'handler', 'dept_head'], titleKey: 'nav.tickets' },
  },
];

/** 群众网上诉求: the web channel of intake, open to citizens without signing in. */
export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/enquiry',
    name: 'public-enquiry',
    component: () => import('./views/PublicEnquiryView.vue'),
    meta: { public: true, titleKey: 'ticket.enquiry.title' },
  },
];
