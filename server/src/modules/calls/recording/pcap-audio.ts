/**
 * A call recording as rtpengine writes it (pcap, `--recording-format=raw` or `eth`: one file per call, every RTP
 * packet of both parties) turned into something a browser plays: 8 kHz 16-bit mono WAV, both parties mixed, each
 * RTP stream (SSRC) placed on the timeline by its RTP timestamps from the moment its first packet was captured.
 * G.711 μ-law (PT 0) and A-law (PT 8) are decoded; other payloads (telephone-event, comfort noise) are left out.
 */

const SAMPLE_RATE = 8000;
const LINKTYPE_ETHERNET = 1;
const LINKTYPE_RAW = 101;
const LINKTYPE_IPV4 = 228;

export interface RtpPacket {
  /** Capture time in microseconds since the epoch. */
  atUs: number;
  ssrc: number;
  payloadType: number;
  timestamp: number;
  payload: Buffer;
}

export class RecordingFormatError extends Error {}

/** G.711 μ-law → 16-bit linear. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/** G.711 A-law → 16-bit linear. */
export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = exponent === 0 ? t + 8 : (t + 0x108) << (exponent - 1);
  return a & 0x80 ? t : -t;
}

/** The RTP packets of a pcap file (IPv4/IPv6 over UDP; raw IP or Ethernet link layer). */
export function readRtpPackets(pcap: Buffer): RtpPacket[] {
  if (pcap.length < 24) throw new RecordingFormatError('not a pcap file');
  const magic = pcap.readUInt32LE(0);
  let le: boolean;
  let nano: boolean;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    le = true;
    nano = magic === 0xa1b23c4d;
  } else if (pcap.readUInt32BE(0) === 0xa1b2c3d4 || pcap.readUInt32BE(0) === 0xa1b23c4d) {
    le = false;
    nano = pcap.readUInt32BE(0) === 0xa1b23c4d;
  } else {
    throw new RecordingFormatError('not a pcap file');
  }
  const u32 = (at: number) => (le ? pcap.readUInt32LE(at) : pcap.readUInt32BE(at));
  const linkType = u32(20) & 0xffff;
  if (linkType !== LINKTYPE_RAW && linkType !== LINKTYPE_IPV4 && linkType !== LINKTYPE_ETHERNET) {
    throw new RecordingFormatError(`unsupported link type ${linkType}`);
  }
  const packets: RtpPacket[] = [];
  let offset = 24;
  while (offset + 16 <= pcap.length) {
    const sec = u32(offset);
    const frac = u32(offset + 4);
    const length = u32(offset + 8);
    const start = offset + 16;
    offset = start + length;
    if (offset > pcap.length) break; // a truncated last record (file still being written)
    const frame = pcap.subarray(start, start + length);
    const packet = rtpOf(linkType === LINKTYPE_ETHERNET ? frame.subarray(14) : frame);
    if (packet) packets.push({ ...packet, atUs: sec * 1_000_000 + (nano ? Math.floor(frac / 1000) : frac) });
  }
  return packets;
}

function rtpOf(ip: Buffer): Omit<RtpPacket, 'atUs'> | null {
  if (ip.length < 20) return null;
  const version = ip[0]! >> 4;
  let udp: Buffer;
  if (version === 4) {
    if (ip[9] !== 17) return null;
    udp = ip.subarray((ip[0]! & 0x0f) * 4);
  } else if (version === 6) {
    if (ip.length < 48 || ip[6] !== 17) return null;
    udp = ip.subarray(40);
  } else {
    return null;
  }
  const rtp = udp.subarray(8);
  if (rtp.length < 12 || rtp[0]! >> 6 !== 2) return null;
  const payloadType = rtp[1]! & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) return null; // RTCP on a muxed port
  let headerLength = 12 + (rtp[0]! & 0x0f) * 4;
  if (rtp[0]! & 0x10) {
    if (rtp.length < headerLength + 4) return null;
    headerLength += 4 + rtp.readUInt16BE(headerLength + 2) * 4;
  }
  let end = rtp.length;
  if (rtp[0]! & 0x20) end -= rtp[rtp.length - 1]!;
  if (end <= headerLength) return null;
  return {
    ssrc: rtp.readUInt32BE(8),
    payloadType,
    timestamp: rtp.readUInt32BE(4),
    payload: rtp.subarray(headerLength, end),
  };
}

export interface DecodedRecording {
  samples: Int16Array;
  durationMs: number;
  /** RTP streams (one per party and direction) that carried G.711 audio. */
  streams: number;
}

/** Mixes the G.711 streams of a recording into one 8 kHz track. */
export function decodeRecording(pcap: Buffer): DecodedRecording {
  const packets = readRtpPackets(pcap).filter((p) => p.payloadType === 0 || p.payloadType === 8);
  if (!packets.length) return { samples: new Int16Array(0), durationMs: 0, streams: 0 };
  const t0 = packets.reduce((min, p) => Math.min(min, p.atUs), Infinity);
  const streams = new Map<number, { startSample: number; firstTs: number }>();
  const placed: { at: number; packet: RtpPacket }[] = [];
  let total = 0;
  for (const packet of packets) {
    let stream = streams.get(packet.ssrc);
    if (!stream) {
      stream = { startSample: Math.round(((packet.atUs - t0) * SAMPLE_RATE) / 1e6), firstTs: packet.timestamp };
      streams.set(packet.ssrc, stream);
    }
    const at = stream.startSample + ((packet.timestamp - stream.firstTs) >>> 0);
    // A timestamp far off (wrap, a new talk spurt after a restart) is placed by capture time instead.
    const byClock = Math.round(((packet.atUs - t0) * SAMPLE_RATE) / 1e6);
    const position = Math.abs(at - byClock) > SAMPLE_RATE * 2 ? byClock : at;
    placed.push({ at: position, packet });
    total = Math.max(total, position + packet.payload.length);
  }
  const mix = new Int32Array(total);
  for (const { at, packet } of placed) {
    const decode = packet.payloadType === 0 ? ulawToLinear : alawToLinear;
    for (let i = 0; i < packet.payload.length; i++) mix[at + i]! += decode(packet.payload[i]!);
  }
  const samples = new Int16Array(total);
  for (let i = 0; i < total; i++) samples[i] = Math.max(-32768, Math.min(32767, mix[i]!));
  return { samples, durationMs: Math.round((total * 1000) / SAMPLE_RATE), streams: streams.size };
}

/** 16-bit mono PCM WAV. */
export function wavFile(samples: Int16Array, sampleRate = SAMPLE_RATE): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
