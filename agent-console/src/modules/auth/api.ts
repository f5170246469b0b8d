import type { CurrentUser, LoginBody, MeResponse } from '@hotline/shared/contracts/auth';
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

/** Restores a session from the cookie; a 401 just means nobody is signed in. */
export function fetchCurrentSession(): Promise<MeResponse> {
  return http.get<MeResponse>('/api/auth/me', { onUnauthorized: 'report', silent: true });
}

export type { CurrentUser };
