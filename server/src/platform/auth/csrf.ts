import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: the browser's Origin (or, failing that, Referer) must be one
 * of the console's origins. SameSite=Strict already stops most cross-site requests; this also covers
 * same-site subdomains and old browsers. Requests without a session cookie are not at risk and are not checked.
 */
export function isCrossSiteWrite(request: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.origin ?? originOf(request.headers.referer);
  if (!origin) return true;
  return !isConsoleOrigin(origin, request.headers.host, allowedOrigins);
}

/** One of the configured console origins, or the console served by this very server under any host name. */
export function isConsoleOrigin(origin: string, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (allowedOrigins.includes(origin)) return true;
  return Boolean(host && (origin === `http://${host}` || origin === `https://${host}`));
}

function originOf(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}
