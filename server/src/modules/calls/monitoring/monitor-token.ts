import { createHmac, timingSafeEqual } from 'node:crypto';
import { MONITOR_MODES, type MonitorMode } from '@hotline/shared/contracts/call-monitoring';

/**
 * The one-time address a lead's softphone calls to join a live call: `monitor.<mode>.<contact>.<expiry>.<mac>`, the
 * MAC binding mode, contact, lead and expiry (HMAC-SHA256 with the server's secret). Stateless, so any server node
 * can check it when the proxy asks; the proxy itself checks that the caller is that lead (SIP credential).
 */
export interface MonitorGrant {
  mode: MonitorMode;
  contactId: string;
  leadId: string;
  expiresAtMs: number;
}

const mac = (secret: string, g: MonitorGrant) =>
  createHmac('sha256', secret)
    .update(`${g.mode}|${g.contactId}|${g.leadId}|${Math.floor(g.expiresAtMs / 1000)}`)
    .digest('base64url')
    .slice(0, 32);

export function monitorTarget(secret: string, grant: MonitorGrant): string {
  const hexContact = grant.contactId.replace(/-/g, '');
  return `monitor.${grant.mode}.${hexContact}.${Math.floor(grant.expiresAtMs / 1000)}.${mac(secret, grant)}`;
}

/** The grant behind a target, or null when it is malformed, forged, for another lead, or expired. */
export function readMonitorTarget(secret: string, target: string, leadId: string, nowMs: number): MonitorGrant | null {
  const m = /^monitor\.([a-z]+)\.([0-9a-f]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(target);
  if (!m || !(MONITOR_MODES as readonly string[]).includes(m[1]!)) return null;
  const h = m[2]!;
  const grant: MonitorGrant = {
    mode: m[1] as MonitorMode,
    contactId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
    leadId,
    expiresAtMs: Number(m[3]) * 1000,
  };
  const expected = Buffer.from(mac(secret, grant));
  const given = Buffer.from(m[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (grant.expiresAtMs < nowMs) return null;
  return grant;
}
