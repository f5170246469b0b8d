/**
 * Real RTP for scripted user agents: a UDP socket, G.711 μ-law (PCMU) frames of 20 ms from a WAV file (16-bit PCM,
 * mono, 8 kHz) or a 440 Hz tone, and counters of what arrives. The SDP this produces is plain RTP/AVP; rtpengine
 * bridges it to WebRTC for browser agents.
 */
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';

const FRAME_SAMPLES = 160; // 20 ms at 8 kHz

/** ITU-T G.711 μ-law encoding of one 16-bit sample. */
export function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** ITU-T G.711 μ-law decoding of one byte. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/** The share of the signal's energy at `hz` (Goertzel over 8 kHz samples), 0…1. */
export function goertzel(samples: Int16Array, hz: number, rate = 8000): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  let total = 0;
  for (const x of samples) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
    total += x * x;
  }
  if (total === 0) return 0;
  const power = s1 * s1 + s2 * s2 - k * s1 * s2;
  return Math.min(1, (2 * power) / (samples.length * total));
}

/** PCM samples of a 16-bit mono WAV (the data chunk); other formats are refused. */
export function readWavSamples(file: string): Int16Array {
  const buf = readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file} is not a WAV file`);
  }
  let offset = 12;
  let channels = 1;
  let bits = 16;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(offset + 10);
      bits = buf.readUInt16LE(offset + 22);
    } else if (id === 'data') {
      if (bits !== 16 || channels !== 1) throw new Error('WAV must be 16-bit mono PCM (8 kHz)');
      const data = buf.subarray(offset + 8, offset + 8 + size);
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

export function toneSamples(seconds = 1, hz = 440): Int16Array {
  const out = new Int16Array(8000 * seconds);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000));
  return out;
}

export interface RtpEndpoint {
  port: number;
  /** The local SDP (offer or answer) for this endpoint; `direction` answers a hold (sendonly → recvonly). */
  sdp(sessionId: number, direction?: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive'): string;
  /** Starts sending to the address in the remote SDP. */
  start(remoteSdp: string): void;
  /** RFC 4733 telephone-event (DTMF) digits, sent in-band as RTP events. */
  sendDtmf(digits: string): Promise<void>;
  readonly sent: number;
  readonly received: number;
  /**
   * How strongly `hz` is present in the last second of received μ-law audio, relative to the whole signal (0…1):
   * tells which party's tone this phone hears (three-way call tests give each party its own frequency).
   */
  toneLevel(hz: number): number;
  close(): void;
}

/** The remote media address and port from an SDP (session or first audio c= line). */
export function remoteAudio(sdp: string): { address: string; port: number } | null {
  const c = /^c=IN IP4 (\S+)/m.exec(sdp);
  const m = /^m=audio (\d+) /m.exec(sdp);
  if (!c || !m) return null;
  return { address: c[1]!, port: Number(m[1]) };
}

export async function openRtpEndpoint(samples: Int16Array = toneSamples()): Promise<RtpEndpoint> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  let sent = 0;
  let received = 0;
  let timer: NodeJS.Timeout | null = null;
  let remote: { address: string; port: number } | null = null;
  let seq = Math.floor(Math.random() * 0xffff);
  let timestamp = Math.floor(Math.random() * 0xffffffff);
  const ssrc = Math.floor(Math.random() * 0xffffffff);
  let position = 0;
  let version = 0;
  let closed = false;
  // The last second of received G.711 μ-law audio (payload type 0), for `toneLevel`.
  const heard = new Int16Array(8000);
  let heardAt = 0;
  socket.on('message', (message: Buffer) => {
    received++;
    if (message.length > 12 && (message[1]! & 0x7f) === 0) {
      const cc = message[0]! & 0x0f;
      for (let i = 12 + 4 * cc; i < message.length; i++) {
        heard[heardAt] = ulawToLinear(message[i]!);
        heardAt = (heardAt + 1) % heard.length;
      }
    }
  });

  function packet(payloadType: number, payload: Buffer, marker = false): Buffer {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = (marker ? 0x80 : 0) | payloadType;
    header.writeUInt16BE(seq & 0xffff, 2);
    header.writeUInt32BE(timestamp >>> 0, 4);
    header.writeUInt32BE(ssrc >>> 0, 8);
    seq++;
    return Buffer.concat([header, payload]);
  }

  function sendFrame() {
    if (!remote) return;
    const frame = Buffer.alloc(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      frame[i] = linearToUlaw(samples[position]!);
      position = (position + 1) % samples.length;
    }
    socket.send(packet(0, frame), remote.port, remote.address);
    timestamp += FRAME_SAMPLES;
    sent++;
  }

  return {
    port,
    sdp(sessionId: number, direction = 'sendrecv') {
      return [
        'v=0',
        `o=- ${sessionId} ${++version} IN IP4 127.0.0.1`,
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        `m=audio ${port} RTP/AVP 0 101`,
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-15',
        'a=ptime:20',
        `a=${direction}`,
        '',
      ].join('\r\n');
    },
    start(remoteSdp: string) {
      if (closed) return;
      remote = remoteAudio(remoteSdp);
      if (!remote || timer) return;
      timer = setInterval(sendFrame, 20);
      timer.unref();
    },
    async sendDtmf(digits: string) {
      if (!remote || closed) return;
      const codes: Record<string, number> = { '*': 10, '#': 11 };
      for (const digit of digits) {
        const event = codes[digit] ?? Number(digit);
        for (let i = 0; i < 4; i++) {
          const end = i === 3;
          const body = Buffer.from([event, (end ? 0x80 : 0) | 10, 0, 160 * (i + 1)]);
          if (closed) return;
          socket.send(packet(101, body, i === 0), remote.port, remote.address);
          await new Promise((r) => setTimeout(r, 20));
        }
        timestamp += 640;
      }
    },
    get sent() {
      return sent;
    },
    get received() {
      return received;
    },
    toneLevel(hz: number) {
      return goertzel(heard, hz);
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      socket.close();
    },
  };
}
