import type { CurrentUser } from '@hotline/shared/contracts/auth';
import { checkPasswordPolicy } from '@hotline/shared/domain/password-policy';
import type { Role } from '@hotline/shared/domain/roles';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../config/index.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest, locked, unauthorized } from '../../platform/http/errors.js';
import type { SessionData, SessionStore } from '../../platform/sessions/session-store.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/auth/password.js';
import { sessionTtlSeconds } from '../../platform/auth/auth.plugin.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  findUserById,
  findUserForLogin,
  lockAccount,
  reserveLoginAttempt,
  updatePasswordHash,
} from './auth.repository.js';
import { clearLockout } from './users.repository.js';

export interface AuthServiceDeps {
  db: Db;
  sessions: SessionStore;
  clock: Clock;
  config: Config;
}

const WRONG_CREDENTIALS = '用户名或密码错误';

export function toCurrentUser(session: SessionData): CurrentUser {
  return {
    id: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    departmentId: session.departmentId,
    departmentName: session.departmentName,
  };
}

export function createAuthService({ db, sessions, clock, config }: AuthServiceDeps) {
  const ttlSeconds = sessionTtlSeconds(config);

  function lockedMessage(until: Date): string {
    const minutes = Math.max(1, Math.ceil((until.getTime() - clock.now().getTime()) / 60_000));
    return `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`;
  }

  return {
    /** Checks the password, applies lockout, opens a session. Returns the session token and the user. */
    async signIn(username: string, password: string, ip: string | null) {
      const found = await findUserForLogin(db, username.trim());
      const actor: AuditActor = { userId: found?.user.id ?? null, role: found?.user.role ?? null, ip };
      if (!found || !found.user.active) {
        await verifyAgainstDummy(password);
        await recordAudit(db, actor, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: null,
          detail: { username: username.slice(0, 64) },
        });
        throw unauthorized(WRONG_CREDENTIALS, 'invalid_credentials');
      }
      const { user } = found;
      const now = clock.now();
      if (user.lockedUntil && user.lockedUntil > now) throw locked(lockedMessage(user.lockedUntil), 'account_locked');
      const lockUntil = new Date(now.getTime() + config.loginLockMinutes * 60_000);

      // The check is reserved atomically before the (slow) hash comparison: a parallel burst gets at most
      // loginMaxFailures checks, the rest are refused as locked (issue 10.8).
      const attempt = await reserveLoginAttempt(db, user.id, config.loginMaxFailures, now);
      if (attempt === null) {
        const until =
          (await lockAccount(db, user.id, lockUntil, {
            onlyWhenExhausted: { maxFailures: config.loginMaxFailures, now },
          })) ??
          (await findUserForLogin(db, user.username))?.user.lockedUntil ??
          lockUntil;
        throw locked(lockedMessage(until > now ? until : lockUntil), 'account_locked');
      }

      if (!(await verifyPassword(user.passwordHash, password))) {
        const lockedAt = await db.transaction(async (tx) => {
          const until = attempt >= config.loginMaxFailures ? await lockAccount(tx, user.id, lockUntil) : null;
          await recordAudit(tx, actor, {
            action: until ? 'auth.locked' : 'auth.login_failed',
            entityType: 'user',
            entityId: user.id,
          });
          return until;
        });
        if (lockedAt) throw locked(lockedMessage(lockedAt), 'account_locked');
        throw unauthorized(WRONG_CREDENTIALS, 'invalid_credentials');
      }

      // The reserved attempt succeeded: the count starts afresh.
      await clearLockout(db, user.id);
      const session: SessionData = {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role as Role,
        departmentId: user.departmentId,
        departmentName: found.departmentName,
        createdAt: now.getTime(),
        lastSeenAt: now.getTime(),
        ip,
      };
      const token = await sessions.create(session, ttlSeconds);
      await recordAudit(db, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      return { token, user: toCurrentUser(session) };
    },

    async signOut(token: string, session: SessionData, ip: string | null) {
      await sessions.destroy(token);
      await recordAudit(
        db,
        { userId: session.userId, role: session.role, ip },
        { action: 'auth.logout', entityType: 'user', entityId: session.userId },
      );
    },

    async changePassword(session: SessionData, currentPassword: string, newPassword: string, ip: string | null) {
      const found = await findUserById(db, session.userId);
      if (!found || !(await verifyPassword(found.user.passwordHash, currentPassword)))
        throw badRequest('当前密码不正确', 'invalid_current_password');
      const refusal = checkPasswordPolicy(newPassword, found.user.username);
      if (refusal) throw badRequest(refusal, 'weak_password');
      // Hashing is slow (argon2): done before the transaction.
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await updatePasswordHash(tx, session.userId, passwordHash, clock.now());
        await recordAudit(
          tx,
          { userId: session.userId, role: session.role, ip },
          { action: 'auth.password_changed', entityType: 'user', entityId: session.userId },
        );
      });
      // Every other session of this user ends: a changed password must lock out whoever knew the old one.
      await sessions.destroyAllForUser(session.userId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
