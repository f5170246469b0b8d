import { describe, expect, it } from 'vitest';
import { monitorTarget, readMonitorTarget } from './monitor-token.js';

const SECRET = 'unit-secret';
const CONTACT = '0b6f3c2e-9a1d-4c7e-8f00-123456789abc';
const LEAD = '11111111-2222-4333-8444-555555555555';
const NOW = Date.UTC(2026, 0, 5, 9);

describe('issue 13: one-time listen-in addresses', () => {
  const target = monitorTarget(SECRET, { mode: 'listen', contactId: CONTACT, leadId: LEAD, expiresAtMs: NOW + 60_000 });

  it('is a SIP user part that gives back the grant to the lead it was issued to', () => {
    expect(target).toMatch(/^monitor\.listen\.[0-9a-f]{32}\.\d+\.[A-Za-z0-9_-]{32}$/);
    expect(readMonitorTarget(SECRET, target, LEAD, NOW)).toMatchObject({ mode: 'listen', contactId: CONTACT });
  });

  it('is refused for another lead, another secret, a changed mode or call, a bad MAC, or after expiry', () => {
    expect(readMonitorTarget(SECRET, target, 'someone-else', NOW)).toBeNull();
    expect(readMonitorTarget('other-secret', target, LEAD, NOW)).toBeNull();
    expect(readMonitorTarget(SECRET, target.replace('.listen.', '.barge.'), LEAD, NOW)).toBeNull();
    expect(readMonitorTarget(SECRET, target.replace('0b6f', '0b6e'), LEAD, NOW)).toBeNull();
    expect(readMonitorTarget(SECRET, target.slice(0, -1) + (target.endsWith('A') ? 'B' : 'A'), LEAD, NOW)).toBeNull();
    expect(readMonitorTarget(SECRET, target, LEAD, NOW + 61_000)).toBeNull();
    expect(readMonitorTarget(SECRET, 'monitor.listen.zz', LEAD, NOW)).toBeNull();
  });
});
