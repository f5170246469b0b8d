/**
 * Coalesces many small keyed reads into a few large ones: keys asked for within `windowMs` of the first (or until
 * `maxKeys` gathered) are loaded by ONE call of `load`. Used for the re-sync snapshot (issue 10.6), where a thousand
 * consoles reconnect within seconds of a server restart and each asks for a handful of tickets.
 */
export interface CoalesceOptions {
  windowMs: number;
  maxKeys: number;
}

export function coalesce<K, V>(
  load: (keys: K[]) => Promise<Map<K, V>>,
  options: CoalesceOptions,
): (keys: readonly K[]) => Promise<Map<K, V>> {
  let pending: {
    keys: Set<K>;
    waiters: { resolve: (found: Map<K, V>) => void; reject: (error: unknown) => void }[];
    timer: ReturnType<typeof setTimeout>;
  } | null = null;

  function flush(): void {
    const batch = pending;
    if (!batch) return;
    pending = null;
    clearTimeout(batch.timer);
    load([...batch.keys]).then(
      (found) => batch.waiters.forEach((w) => w.resolve(found)),
      (error: unknown) => batch.waiters.forEach((w) => w.reject(error)),
    );
  }

  return (keys) => {
    if (keys.length === 0) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      if (!pending) pending = { keys: new Set(), waiters: [], timer: setTimeout(flush, options.windowMs) };
      for (const key of keys) pending.keys.add(key);
      pending.waiters.push({ resolve, reject });
      if (pending.keys.size >= options.maxKeys) flush();
    });
  };
}
