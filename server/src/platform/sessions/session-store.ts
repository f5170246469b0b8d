import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@hotline/shared/domain/roles';

/** What a signed-in session carries; enough to authorise a request without a database read. */
export interface SessionData {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
}

/**
 * Server-side session storage. Redis in production (shared by every node); an in-memory store for a
 * single-node embedded deployment. Tokens are never stored: only their SHA-256.
 */
export interface SessionStore {
  create(data: SessionData, ttlSeconds: number): Promise<string>;
  get(token: string): Promise<SessionData | null>;
  save(token: string, data: SessionData, ttlSeconds: number): Promise<void>;
  destroy(token: string): Promise<void>;
  destroyAllForUser(userId: string): Promise<void>;
  /** Releases what the store holds open (the cache's subscriber connection). */
  close?(): Promise<void>;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
