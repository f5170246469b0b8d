/**
 * The few pieces of the PostgreSQL frontend/backend protocol (v3) the PGlite gateway needs: splitting a byte stream
 * into messages and building the handful of backend messages it answers itself (authentication, errors).
 */

export const PROTOCOL_V3 = 196_608;
export const SSL_REQUEST_CODE = 80_877_103;
export const GSS_REQUEST_CODE = 80_877_104;
export const CANCEL_REQUEST_CODE = 80_877_102;

export interface TypedMessage {
  type: string;
  /** The whole message, type byte and length included. */
  bytes: Buffer;
}

/** Takes complete typed messages off the front of `buffer`; returns them and what is left (a partial message). */
export function splitMessages(buffer: Buffer): { messages: TypedMessage[]; rest: Buffer } {
  const messages: TypedMessage[] = [];
  let offset = 0;
  while (buffer.length - offset >= 5) {
    const length = buffer.readInt32BE(offset + 1);
    if (buffer.length - offset < 1 + length) break;
    messages.push({ type: String.fromCharCode(buffer[offset]!), bytes: buffer.subarray(offset, offset + 1 + length) });
    offset += 1 + length;
  }
  return { messages, rest: buffer.subarray(offset) };
}

/** The startup packet has no type byte: int32 length, int32 code, then (for a StartupMessage) name/value pairs. */
export function readStartupPacket(buffer: Buffer): { length: number; code: number } | null {
  if (buffer.length < 8) return null;
  const length = buffer.readInt32BE(0);
  if (buffer.length < length) return null;
  return { length, code: buffer.readInt32BE(4) };
}

export function startupParameters(packet: Buffer): Record<string, string> {
  const parts = packet.subarray(8).toString('utf8').split('\0');
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) params[parts[i]!] = parts[i + 1]!;
  return params;
}

/** Settings a driver asks for in the startup `options` parameter, e.g. `-c search_path="bullmq"` (BullMQ does this). */
export function settingsFromOptions(options: string | undefined): Map<string, string> {
  const settings = new Map<string, string>();
  if (!options) return settings;
  const pattern = /(?:-c\s*|--)([A-Za-z_][\w.]*)=("(?:[^"]|"")*"|\S+)/g;
  for (const match of options.matchAll(pattern)) settings.set(match[1]!.toLowerCase(), match[2]!);
  return settings;
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

const cstring = (value: string) => Buffer.from(`${value}\0`, 'utf8');

export const authenticationCleartextPassword = () => message('R', int32(3));
export const authenticationOk = () => message('R', int32(0));
export const parameterStatus = (name: string, value: string) =>
  message('S', Buffer.concat([cstring(name), cstring(value)]));
export const backendKeyData = (processId: number, secret: number) =>
  message('K', Buffer.concat([int32(processId), int32(secret)]));
export const readyForQuery = (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status, 'latin1'));

export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Buffer {
  return message(
    'E',
    Buffer.concat([
      Buffer.from('S'),
      cstring(severity),
      Buffer.from('V'),
      cstring(severity),
      Buffer.from('C'),
      cstring(code),
      Buffer.from('M'),
      cstring(text),
      Buffer.from([0]),
    ]),
  );
}

/** The password of a PasswordMessage ('p'): a C string after the header. */
export function passwordOf(msg: TypedMessage): string {
  return msg.bytes.subarray(5, msg.bytes.length - 1).toString('utf8');
}

/** The channel of a NotificationResponse ('A'): int32 pid, then channel and payload as C strings. */
export function notificationChannel(msg: TypedMessage): string {
  const body = msg.bytes.subarray(9);
  return body.subarray(0, body.indexOf(0)).toString('utf8');
}

/** SQL text of a simple Query ('Q') or of a Parse ('P': statement name, then the text). */
export function queryText(msg: TypedMessage): string | null {
  const body = msg.bytes.subarray(5);
  if (msg.type === 'Q') return body.subarray(0, body.indexOf(0)).toString('utf8');
  if (msg.type === 'P') {
    const afterName = body.indexOf(0) + 1;
    return body.subarray(afterName, body.indexOf(0, afterName)).toString('utf8');
  }
  return null;
}

/** LISTEN / UNLISTEN statements in a piece of SQL (comments removed), in order. */
export function listenStatements(sql: string): { listen: boolean; channel: string }[] {
  const withoutComments = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const found: { listen: boolean; channel: string }[] = [];
  for (const match of withoutComments.matchAll(/(?:^|;)\s*(UNLISTEN|LISTEN)\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*|\*)/gi)) {
    const raw = match[2]!;
    const channel = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw.toLowerCase();
    found.push({ listen: match[1]!.toUpperCase() === 'LISTEN', channel });
  }
  return found;
}

/** A named prepared statement created by Parse ('P') or dropped by Close ('C' + 'S'); null for anything else. */
export function namedStatement(msg: TypedMessage): { name: string; created: boolean } | null {
  const body = msg.bytes.subarray(5);
  if (msg.type === 'P') {
    const name = body.subarray(0, body.indexOf(0)).toString('utf8');
    return name ? { name, created: true } : null;
  }
  if (msg.type === 'C' && body[0] === 0x53) {
    const name = body.subarray(1, body.indexOf(0, 1)).toString('utf8');
    return name ? { name, created: false } : null;
  }
  return null;
}
