import type { CurrentUser, LoginBody, MeResponse, SessionResponse } from '@hotline/shared/contracts/auth';
import type { OkResponse } from '@hotline/shared/contracts/common';
import { http } from '../../app/http';

/** Sign-in answers like /me: the user and the server's idle timeout. */
export type SignInResponse = MeResponse;

export function signIn(body: LoginBody): Promise<SignInResponse> {
  // A 401 here means wrong credentials, not an expired session; the login form shows the message itself.
  return http.post<SignInResponse>('/api/auth/login', body, { onUnauthorized: 'report', silent: true });
}

export function signOut(): Promise<OkResponse> {
  return http.post<OkResponse>('/api/auth/logout', undefined, { onUnauthorized: 'report', silent: true });
}

/**
 * Restores a session from the cookie. The public session route answers 200 with or without one, so signed-out pages
 * (the login and citizens' pages) log no 401; no session rejects, as a 401 from /api/auth/me used to.
 */
export async function fetchCurrentSession(): Promise<MeResponse> {
  const session = await http.get<SessionResponse>('/api/auth/session', { onUnauthorized: 'report', silent: true });
  if (!session.user || session.idleTimeoutSeconds === null) throw new Error('no session');
  return { user: session.user, idleTimeoutSeconds: session.idleTimeoutSeconds };
}

export type { CurrentUser };
