import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/knowledge',
    name: 'knowledge',
    component: () => import('./views/KnowledgeHomeView.vue'),
    meta: { titleKey: 'nav.knowledge', nav: { labelKey: 'nav.knowledge', order: 30 } },
  },
  {
    path: '/knowledge/matters/new',
    name: 'knowledge-matter-new',
    component: () => import('./views/MatterEditView.vue'),
    meta: { roles: ['kb_editor', 'handler', 'dept_head'], titleKey: 'kb.matter.titleNew' },
  },
  {
    path: '/knowledge/matters/:id',
    name: 'knowledge-matter',
    component: () => import('./views/MatterEditView.vue'),
    props: true,
    meta: { titleKey: 'kb.matter.titleEdit' },
  },
];

/** 一次告知单: the page a citizen opens from the link in the SMS; the token identifies one notice. */
export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/notice/:token',
    name: 'public-notice',
    component: () => import('./views/PublicNoticeView.vue'),
    props: true,
    meta: { public: true, titleKey: 'knowledge.noticeTitle' },
  },
];
