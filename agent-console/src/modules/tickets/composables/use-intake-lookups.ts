import { onBeforeUnmount, watch } from 'vue';
import { storeToRefs } from 'pinia';
import { findDuplicates, suggestDispatch } from '../api';
import { duplicateLookupQuery, UUID_PATTERN } from '../intake-form';
import { useIntakeStore } from '../stores/intake-store';

const LOOKUP_DELAY_MS = 400;

/** Runs `task` `delay` ms after the last trigger, aborting the previous run: lookups follow typing without flooding. */
function debouncedLookup(task: (signal: AbortSignal) => Promise<void>, delay: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  function trigger(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      controller?.abort();
      controller = new AbortController();
      task(controller.signal).catch(() => undefined);
    }, delay);
  }
  function stop(): void {
    if (timer) clearTimeout(timer);
    controller?.abort();
  }
  return { trigger, stop };
}

/**
 * While the agent types: duplicate suggestions (重复件提示) by phone, address and matter, and the dispatch
 * catalogue's suggestion (派单建议) by type, flags, matter and address.
 */
export function useIntakeLookups(): void {
  const intake = useIntakeStore();
  const { form } = storeToRefs(intake);

  const duplicateLookup = debouncedLookup(async (signal) => {
    const query = duplicateLookupQuery(form.value);
    if (!query) {
      intake.duplicates = [];
      return;
    }
    const found = await findDuplicates(query, signal);
    if (!signal.aborted) intake.duplicates = found;
  }, LOOKUP_DELAY_MS);

  const suggestionLookup = debouncedLookup(async (signal) => {
    const matterId = UUID_PATTERN.test(form.value.matterId.trim()) ? form.value.matterId.trim() : undefined;
    const address = form.value.address.trim() || undefined;
    const found = await suggestDispatch(
      { type: form.value.type, categories: form.value.categories, matterId, address },
      signal,
    );
    if (!signal.aborted) intake.suggestions = found;
  }, LOOKUP_DELAY_MS);

  watch(
    () => [form.value.callerPhone, form.value.address, form.value.matterId],
    () => duplicateLookup.trigger(),
  );
  watch(
    () => [form.value.type, form.value.categories.join(','), form.value.matterId, form.value.address],
    () => suggestionLookup.trigger(),
    { immediate: true },
  );

  onBeforeUnmount(() => {
    duplicateLookup.stop();
    suggestionLookup.stop();
  });
}
