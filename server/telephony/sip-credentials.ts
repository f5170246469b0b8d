import { createHmac } from 'node:crypto';

/**
 * Time-limited SIP credentials (no static SIP passwords): username `<expiry unix seconds>:<user id>`, password
 * base64url(HMAC-SHA256(secret, username)) without padding. kamailio.cfg checks the same HMAC with the crypto module, refuses an
 * expired one, and one issued before the user's last sign-out (htable `revoked`).
 */
export function sipCredential(secret: string, userId: string, expiresAtMs: number) {
  const username = `${Math.floor(expiresAtMs / 1000)}:${userId}`;
  const password = createHmac('sha256', secret).update(username).digest('base64url');
  return { username, password };
}
