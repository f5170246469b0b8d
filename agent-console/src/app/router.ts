import { createRouter, createWebHistory } from 'vue-router';
import { installRouteGuards } from './guards';
import { appRoutes } from './routes';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: appRoutes,
});

installRouteGuards(router);
