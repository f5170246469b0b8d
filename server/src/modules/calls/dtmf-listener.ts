import dgram from 'node:dgram';

/** One keypress as rtpengine logs it (--dtmf-log-dest): the call, the leg that pressed, the digit. */
export interface DtmfPress {
  callId: string;
  sourceTag: string;
  digit: string;
}

const DIGITS = '0123456789*#ABCD';
/** rtpengine logs every RFC 4733 packet of a press (start, updates, end ×3): the same digit again within this is one press. */
const SAME_PRESS_MS = 1500;

/** rtpengine's JSON line → a press, or null for anything else (other event types, malformed input). */
export function parseDtmfLog(text: string): DtmfPress | null {
  try {
    const data = JSON.parse(text) as { callid?: unknown; source_tag?: unknown; type?: unknown; event?: unknown };
    if (data.type !== 'DTMF' || typeof data.callid !== 'string' || !data.callid) return null;
    const code = Number(data.event);
    if (!Number.isInteger(code) || code < 0 || code >= DIGITS.length) return null;
    return {
      callId: data.callid,
      sourceTag: typeof data.source_tag === 'string' ? data.source_tag : '',
      digit: DIGITS[code]!,
    };
  } catch {
    return null;
  }
}

/**
 * Listens (UDP, loopback unless told: SIP_DTMF_BIND) for rtpengine's DTMF log: every RFC 4733 keypress on any call anchored by rtpengine.
 * Repeated packets of one press are folded into one call of `onPress`.
 */
export async function startDtmfListener(
  port: number,
  onPress: (press: DtmfPress) => void,
  bind = '127.0.0.1',
): Promise<{ port: number; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  const last = new Map<string, { digit: string; at: number }>();
  socket.on('message', (message) => {
    const press = parseDtmfLog(message.toString('utf8'));
    if (!press) return;
    const now = Date.now();
    const key = `${press.callId} ${press.sourceTag}`;
    const previous = last.get(key);
    if (previous && previous.digit === press.digit && now - previous.at < SAME_PRESS_MS) {
      previous.at = now;
      return;
    }
    last.set(key, { digit: press.digit, at: now });
    if (last.size > 10_000) for (const k of [...last.keys()].slice(0, 5_000)) last.delete(k);
    onPress(press);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, bind, () => resolve());
  });
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
