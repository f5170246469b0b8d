import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_CAP_MS, RECONNECT_FIRST_MS, reconnectDelayMs, retryWithJitter } from './reconnect';

describe('reconnect with full jitter', () => {
  afterEach(() => vi.useRealTimers());

  it('spreads each retry uniformly up to a cap that doubles, never beyond RECONNECT_CAP_MS', () => {
    expect(reconnectDelayMs(1, () => 0)).toBe(RECONNECT_FIRST_MS);
    expect(reconnectDelayMs(1, () => 1)).toBe(1_000);
    expect(reconnectDelayMs(3, () => 1)).toBe(4_000);
    expect(reconnectDelayMs(30, () => 1)).toBe(RECONNECT_CAP_MS);
    expect(reconnectDelayMs(30, () => 0.5)).toBe(Math.round(RECONNECT_FIRST_MS + 0.5 * (RECONNECT_CAP_MS - 500)));
  });

  function fakeSocket() {
    const handlers = new Map<string, (reason?: unknown) => void>();
    const socket = {
      connected: false,
      connect: vi.fn(),
      on: (event: string, listener: (reason?: unknown) => void) => handlers.set(event, listener),
    };
    return { socket, fire: (event: string, arg?: unknown) => handlers.get(event)!(arg) };
  }

  it('retries after a lost transport or a failed attempt, not after a sign-out or a refused session', async () => {
    vi.useFakeTimers();
    const { socket, fire } = fakeSocket();
    const attempts: number[] = [];
    const loop = retryWithJitter(socket, { onAttempt: (n) => attempts.push(n), random: () => 1 });
    fire('disconnect', 'transport close');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.connect).toHaveBeenCalledTimes(1);
    fire('connect_error', new Error('websocket error'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts).toEqual([1, 2]);
    fire('connect');
    fire('disconnect', 'io server disconnect');
    fire('connect_error', new Error('unauthorized'));
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(socket.connect).toHaveBeenCalledTimes(2);
    fire('disconnect', 'ping timeout');
    loop.stop();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(socket.connect).toHaveBeenCalledTimes(2);
  });
});
