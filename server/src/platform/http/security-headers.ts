import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response (issue 10.8). The console is a Vue SPA from this server: scripts, styles, fonts
 * and the socket.io connection all come from 'self'; Element Plus sets inline `style` attributes, hence
 * 'unsafe-inline' for styles only. No other site may frame the console (frame-ancestors, and X-Frame-Options for old
 * browsers). `extraConnectSrc` (CSP_CONNECT_SRC) adds e.g. the SIP WebSocket of the phone system (wss://sip.example).
 */
export function contentSecurityPolicy(extraConnectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...extraConnectSrc].join(' ')}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The API docs page (Swagger UI) runs its own inline set-up script: it gets only the framing rules. */
const DOCS_POLICY = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

export function installSecurityHeaders(app: FastifyInstance, extraConnectSrc: readonly string[] = []): void {
  const policy = contentSecurityPolicy(extraConnectSrc);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', request.url.startsWith('/api/docs') ? DOCS_POLICY : policy);
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('x-content-type-options', 'nosniff');
    // Referrers would carry URLs (and whatever is in them) to other sites.
    reply.header('referrer-policy', 'same-origin');
  });
}
