/**
 * How a console retries its realtime connection (issue 10.6). socket.io's own backoff caps the jittered delay, so
 * after a server restart about half the consoles retry exactly `reconnectionDelayMax` apart and arrive in waves that
 * queue in the server's accept backlog. "Full jitter" instead: each retry waits a uniformly random time up to a cap
 * that doubles per failed attempt, so a thousand consoles arrive spread out and each handshake finds a short queue.
 */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_CAP_MS = 15_000;

/** Delay before retry number `attempt` (1-based): uniform in [RECONNECT_FIRST_MS, min(cap, 1 s · 2^(attempt-1))]. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(RECONNECT_CAP_MS, 1_000 * 2 ** Math.max(0, Math.min(attempt - 1, 10)));
  return Math.round(RECONNECT_FIRST_MS + random() * Math.max(0, cap - RECONNECT_FIRST_MS));
}

/** The part of a socket.io client socket the retry loop needs (created with `reconnection: false`). */
export interface RetryableSocket {
  readonly connected: boolean;
  on(event: 'connect' | 'disconnect' | 'connect_error', listener: (reason?: unknown) => void): unknown;
  connect(): unknown;
}

/**
 * Retries with full jitter after a lost connection or a failed attempt, until `stop()` (sign-out). Not retried, as
 * with socket.io's own reconnection: a disconnect the console or the server asked for (sign-out, session ended) and a
 * refusal by the server's session check (`unauthorized`). `onAttempt` is called as each retry starts.
 */
export function retryWithJitter(
  socket: RetryableSocket,
  options: { onAttempt?: (attempt: number) => void; random?: () => number } = {},
): { stop(): void } {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped || timer || socket.connected) return;
    attempt += 1;
    timer = setTimeout(
      () => {
        timer = null;
        if (stopped || socket.connected) return;
        options.onAttempt?.(attempt);
        socket.connect();
      },
      reconnectDelayMs(attempt, options.random),
    );
  };
  socket.on('connect', () => (attempt = 0));
  socket.on('disconnect', (reason) => {
    if (reason === 'transport close' || reason === 'transport error' || reason === 'ping timeout') schedule();
  });
  socket.on('connect_error', (error) => {
    if ((error as Error | undefined)?.message !== 'unauthorized') schedule();
  });
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
