import type { Role } from '@hotline/shared/domain/roles';
import type { SessionData } from '../sessions/session-store.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No sign-in needed (login, health, public web form). Every /api route must say public or roles. */
    public?: boolean;
    /** Roles allowed to call the route. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    session: SessionData | null;
    sessionToken: string | null;
  }
}

export const SESSION_COOKIE = 'hotline_sid';
