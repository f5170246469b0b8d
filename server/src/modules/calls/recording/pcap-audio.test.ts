import { describe, expect, it } from 'vitest';
import { linearToUlaw } from '../../../../telephony/rtp-media.js';
import { decodeRecording, readRtpPackets, RecordingFormatError, ulawToLinear, wavFile } from './pcap-audio.js';

/** A pcap as rtpengine writes it (`--recording-format=raw`: link type 101, IPv4/UDP/RTP). */
function pcapOf(packets: { atUs: number; ssrc: number; ts: number; pt?: number; payload: Buffer }[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(101, 20);
  const records = packets.map((p) => {
    const rtp = Buffer.alloc(12);
    rtp[0] = 0x80;
    rtp[1] = p.pt ?? 0;
    rtp.writeUInt32BE(p.ts, 4);
    rtp.writeUInt32BE(p.ssrc, 8);
    const udp = Buffer.alloc(8);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip[9] = 17;
    const frame = Buffer.concat([ip, udp, rtp, p.payload]);
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(Math.floor(p.atUs / 1e6), 0);
    rec.writeUInt32LE(p.atUs % 1e6, 4);
    rec.writeUInt32LE(frame.length, 8);
    rec.writeUInt32LE(frame.length, 12);
    return Buffer.concat([rec, frame]);
  });
  return Buffer.concat([header, ...records]);
}

const frame = (value: number) => Buffer.alloc(160, linearToUlaw(value));

describe('issue 13: call recordings (rtpengine pcap) to WAV', () => {
  it('decodes G.711 μ-law close to the original sample', () => {
    for (const v of [0, 1000, -1000, 8000, -30000])
      expect(Math.abs(ulawToLinear(linearToUlaw(v)) - v)).toBeLessThan(Math.abs(v) / 16 + 16);
  });

  it('mixes both parties on one timeline, placed by capture time and RTP timestamps; skips DTMF events', () => {
    const t0 = 1_700_000_000_000_000;
    const pcap = pcapOf([
      { atUs: t0, ssrc: 1, ts: 5000, payload: frame(1000) },
      { atUs: t0 + 20_000, ssrc: 1, ts: 5160, payload: frame(1000) },
      { atUs: t0 + 1_000_000, ssrc: 2, ts: 99, payload: frame(-2000) },
      { atUs: t0 + 1_010_000, ssrc: 2, ts: 259, pt: 101, payload: Buffer.alloc(4) },
    ]);
    expect(readRtpPackets(pcap)).toHaveLength(4);
    const decoded = decodeRecording(pcap);
    expect(decoded.streams).toBe(2);
    // Party 2 starts one second in: 8000 + 160 samples long.
    expect(decoded.samples.length).toBe(8160);
    expect(decoded.durationMs).toBe(1020);
    expect(Math.abs(decoded.samples[10]! - 1000)).toBeLessThan(80);
    expect(decoded.samples[400]).toBe(0); // silence between the two
    expect(Math.abs(decoded.samples[8010]! + 2000)).toBeLessThan(150);
    const wav = wavFile(decoded.samples);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.length).toBe(44 + 8160 * 2);
  });

  it('refuses what is not a pcap', () => {
    expect(() => readRtpPackets(Buffer.from('definitely not a capture file'))).toThrow(RecordingFormatError);
  });
});
