import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CurrentUser, LoginBody } from '@hotline/shared/contracts/auth';
import type { Role } from '@hotline/shared/domain/roles';
import { fetchCurrentSession, signIn as signInRequest, signOut as signOutRequest } from '../api';

/** Who is signed in. The session itself is the server's httpOnly cookie; this store only mirrors it. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null);
  const idleTimeoutSeconds = ref<number | null>(null);
  /** True once /api/auth/me has been asked at start-up, whatever the answer. */
  const restored = ref(false);
  let restoring: Promise<void> | null = null;

  const isSignedIn = computed(() => user.value !== null);
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function setSession(next: CurrentUser, timeoutSeconds: number): void {
    user.value = next;
    idleTimeoutSeconds.value = timeoutSeconds;
    restored.value = true;
  }

  function clear(): void {
    user.value = null;
    idleTimeoutSeconds.value = null;
  }

  /** Asks the server once whether the cookie still holds a session; concurrent callers share the request. */
  function restore(): Promise<void> {
    if (restored.value) return Promise.resolve();
    restoring ??= fetchCurrentSession()
      .then((session) => setSession(session.user, session.idleTimeoutSeconds))
      .catch(() => clear())
      .finally(() => {
        restored.value = true;
        restoring = null;
      });
    return restoring;
  }

  async function signIn(credentials: LoginBody): Promise<CurrentUser> {
    const session = await signInRequest(credentials);
    setSession(session.user, session.idleTimeoutSeconds);
    return session.user;
  }

  /** Ends the session on the server; the local state is cleared even if the server is unreachable. */
  async function signOut(): Promise<void> {
    try {
      await signOutRequest();
    } catch {
      // The cookie may already be gone (expired session); signing out locally is what matters.
    } finally {
      clear();
    }
  }

  return { user, idleTimeoutSeconds, restored, isSignedIn, role, setSession, clear, restore, signIn, signOut };
});
