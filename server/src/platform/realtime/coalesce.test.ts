import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce.js';

const echo = (keys: number[]) => Promise.resolve(new Map(keys.map((k) => [k, k * 10])));

describe('coalesce', () => {
  afterEach(() => vi.useRealTimers());

  it('loads the keys asked for within the window in one call', async () => {
    vi.useFakeTimers();
    const load = vi.fn(echo);
    const get = coalesce(load, { windowMs: 10, maxKeys: 100 });
    const a = get([1, 2]);
    const b = get([2, 3]);
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]![0].sort()).toEqual([1, 2, 3]);
    expect((await a).get(1)).toBe(10);
    expect((await b).get(3)).toBe(30);
  });

  it('loads at once when maxKeys are gathered, and starts a new batch after', async () => {
    vi.useFakeTimers();
    const load = vi.fn(echo);
    const get = coalesce(load, { windowMs: 1_000, maxKeys: 3 });
    const a = get([1, 2, 3]);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(a).resolves.toBeInstanceOf(Map);
    void get([4]);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(load).toHaveBeenCalledTimes(2);
    expect(load.mock.calls[1]![0]).toEqual([4]);
  });

  it('rejects every waiter of a failed batch, and asks nothing for no keys', async () => {
    vi.useFakeTimers();
    const load = vi.fn(() => Promise.reject(new Error('database down')));
    const get = coalesce<number, number>(load, { windowMs: 5, maxKeys: 100 });
    const a = get([1]);
    const b = get([2]);
    const settled = Promise.allSettled([a, b]);
    await vi.advanceTimersByTimeAsync(5);
    expect((await settled).map((s) => s.status)).toEqual(['rejected', 'rejected']);
    await expect(get([])).resolves.toEqual(new Map());
    expect(load).toHaveBeenCalledTimes(1);
  });
});
