import { describe, expect, it } from 'vitest';
import { outboundOutcomeOf } from './outbound-call.js';

describe('外呼 outcome from the final SIP code (issue 13)', () => {
  it('maps no-answer, busy, declined and failures', () => {
    expect(outboundOutcomeOf(408)).toBe('no_answer');
    expect(outboundOutcomeOf(480)).toBe('no_answer');
    expect(outboundOutcomeOf(487)).toBe('no_answer');
    expect(outboundOutcomeOf(486)).toBe('busy');
    expect(outboundOutcomeOf(600)).toBe('busy');
    expect(outboundOutcomeOf(603)).toBe('declined');
    expect(outboundOutcomeOf(404)).toBe('failed');
    expect(outboundOutcomeOf(503)).toBe('failed');
  });
});
