import { describe, expect, it } from 'vitest';
import { parseDtmfLog } from './dtmf-listener.js';

describe('rtpengine DTMF log', () => {
  it('reads the call, the leg and the digit of a DTMF line', () => {
    const line =
      '{"callid":"abc@h","source_tag":"ftagA","tags":["t","ftagA"],"type":"DTMF","timestamp":1,"source_ip":"127.0.0.1","event":2,"duration":16,"volume":10}';
    expect(parseDtmfLog(line)).toEqual({ callId: 'abc@h', sourceTag: 'ftagA', digit: '2' });
    expect(parseDtmfLog(line.replace('"event":2', '"event":11'))?.digit).toBe('#');
  });

  it('ignores other lines', () => {
    expect(parseDtmfLog('not json')).toBeNull();
    expect(parseDtmfLog('{"callid":"a","type":"other","event":1}')).toBeNull();
    expect(parseDtmfLog('{"callid":"a","type":"DTMF","event":99}')).toBeNull();
    expect(parseDtmfLog('{"type":"DTMF","event":1}')).toBeNull();
  });
});
