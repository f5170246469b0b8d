/**
 * A client of rtpengine's ng control protocol (bencoded dictionaries over UDP, each request prefixed with a cookie
 * the reply repeats). Kamailio 5.6's rtpengine module covers offer/answer/delete/recording but not the subscription
 * commands (`subscribe request`, `subscribe answer`, `unsubscribe`) the supervisor's listen-in needs, so the server
 * sends those itself.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';

export type Bencodable = string | number | Buffer | Bencodable[] | { [key: string]: Bencodable | undefined };
export type Decoded = string | number | Decoded[] | { [key: string]: Decoded };

export function bencode(value: Bencodable): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(value[k]!)]), Buffer.from('e')]);
}

export function bdecode(input: Buffer): Decoded {
  let at = 0;
  const parse = (): Decoded => {
    const c = String.fromCharCode(input[at]!);
    if (c === 'i') {
      const end = input.indexOf(0x65, at);
      const n = Number(input.toString('ascii', at + 1, end));
      at = end + 1;
      return n;
    }
    if (c === 'l') {
      at++;
      const list: Decoded[] = [];
      while (input[at] !== 0x65) list.push(parse());
      at++;
      return list;
    }
    if (c === 'd') {
      at++;
      const dict: Record<string, Decoded> = {};
      while (input[at] !== 0x65) {
        const key = parse() as string;
        dict[key] = parse();
      }
      at++;
      return dict;
    }
    const colon = input.indexOf(0x3a, at);
    if (colon < 0) throw new Error('bad bencode');
    const length = Number(input.toString('ascii', at, colon));
    const text = input.toString('utf8', colon + 1, colon + 1 + length);
    at = colon + 1 + length;
    return text;
  };
  return parse();
}

export class NgError extends Error {}

/** `udp:127.0.0.1:2223` or `127.0.0.1:2223` → host and port. */
export function parseNgAddress(address: string): { host: string; port: number } {
  const m = /^(?:udp:)?([^:]+):(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`bad rtpengine ng address: ${address}`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** One ng command; resolves with the reply dictionary, rejects on `result: error` or no answer in `timeoutMs`. */
export async function ngCommand(
  address: string,
  command: Record<string, Bencodable | undefined>,
  timeoutMs = 2000,
): Promise<Record<string, Decoded>> {
  const { host, port } = parseNgAddress(address);
  const cookie = randomBytes(6).toString('hex');
  const socket = dgram.createSocket('udp4');
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new NgError(`rtpengine did not answer ${String(command.command)}`)),
        timeoutMs,
      );
      socket.on('message', (msg) => {
        const space = msg.indexOf(0x20);
        if (msg.toString('ascii', 0, space) !== cookie) return;
        clearTimeout(timer);
        const reply = bdecode(msg.subarray(space + 1)) as Record<string, Decoded>;
        if (reply.result === 'error')
          reject(new NgError(`rtpengine ${String(command.command)}: ${String(reply['error-reason'])}`));
        else resolve(reply);
      });
      socket.send(Buffer.concat([Buffer.from(`${cookie} `), bencode(command)]), port, host);
    });
  } finally {
    socket.close();
  }
}
