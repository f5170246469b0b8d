import { onBeforeUnmount, ref, watch, type Ref, type WatchSource } from 'vue';

/**
 * Re-fetches when the sources change, after the agent pauses typing; a newer request aborts the older one, so a slow
 * answer never overwrites a fresher one.
 */
export function useDebouncedFetch<T>(
  source: WatchSource<unknown>,
  fetcher: (signal: AbortSignal) => Promise<T> | null,
  delayMs = 350,
): { data: Ref<T | null>; loading: Ref<boolean> } {
  const data = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  const run = () => {
    controller?.abort();
    controller = new AbortController();
    const pending = fetcher(controller.signal);
    if (!pending) {
      data.value = null;
      loading.value = false;
      return;
    }
    loading.value = true;
    const mine = controller;
    pending
      .then((value) => {
        if (mine === controller) data.value = value;
      })
      .catch(() => undefined)
      .finally(() => {
        if (mine === controller) loading.value = false;
      });
  };
  watch(
    source,
    () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    },
    { immediate: true, deep: true },
  );
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
    controller?.abort();
  });
  return { data, loading };
}
