import { ElMessage } from 'element-plus';
import { watch } from 'vue';
import type { Router } from 'vue-router';
import { useAuthStore } from '../modules/auth/stores/auth-store';
import { setUnauthorizedHandler } from './http';
import { translate } from './i18n';
import { connectSocket, disconnectSocket } from './socket';
import { useNotificationsStore } from './stores/notifications-store';

/**
 * Ties the realtime connection and session expiry to the auth store: the socket is open exactly while someone is
 * signed in, and an ended session (401 from the API, or `session:expired` from the socket) returns to /login.
 * Called once from main.ts, which is the only module that knows both the router and the stores.
 */
export function bindSessionLifecycle(router: Router): void {
  const auth = useAuthStore();
  const notifications = useNotificationsStore();

  function returnToLogin(): void {
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  }

  // The http client has already shown the server's message for the 401.
  setUnauthorizedHandler(() => {
    auth.clear();
    returnToLogin();
  });

  function onSessionExpired(): void {
    if (!auth.isSignedIn) return;
    ElMessage({ type: 'warning', message: translate('auth.sessionExpired'), grouping: true });
    auth.clear();
    returnToLogin();
  }

  watch(
    () => auth.user?.id ?? null,
    (userId) => {
      disconnectSocket();
      notifications.clear();
      if (userId) connectSocket({ onSessionExpired });
    },
    { immediate: true },
  );
}
