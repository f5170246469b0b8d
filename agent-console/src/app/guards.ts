import { ElMessage } from 'element-plus';
import type { Router } from 'vue-router';
import { useAuthStore } from '../modules/auth/stores/auth-store';
import { translate } from './i18n';
import { homePathFor, landingPathAfterSignIn, mayOpenRoute } from './role-access';

export function installRouteGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    // Restores the session from the cookie once, on the first navigation.
    await auth.restore();
    const role = auth.role;

    if (to.meta.public) {
      if (to.name === 'login' && role) return landingPathAfterSignIn(router, to.query.redirect, role);
      return true;
    }
    if (!role) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    if (to.name === 'shell') return homePathFor(role);
    if (!mayOpenRoute(to, role)) {
      ElMessage({ type: 'warning', message: translate('errors.forbiddenPage'), grouping: true });
      return homePathFor(role);
    }
    return true;
  });

  router.afterEach((to) => {
    const appName = translate('app.name');
    document.title = to.meta.titleKey ? `${translate(to.meta.titleKey)} - ${appName}` : appName;
  });
}
