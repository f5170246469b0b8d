import { ref } from 'vue';
import { HttpError } from './http';

/**
 * A save whose refusal is shown inside the form (dialog or page) rather than as a toast: `saving` drives the
 * button's spinner, `problem` the inline alert. The server's Chinese message is shown as is; anything else
 * (a bug, not a refusal) falls back to `fallbackMessage`.
 * The API call itself must be `silent` so the http client does not also toast it.
 */
export function useInlineSubmit(fallbackMessage: () => string) {
  const problem = ref<string | null>(null);
  const saving = ref(false);

  async function run(action: () => Promise<void>): Promise<void> {
    saving.value = true;
    problem.value = null;
    try {
      await action();
    } catch (error) {
      problem.value = error instanceof HttpError ? error.message : fallbackMessage();
    } finally {
      saving.value = false;
    }
  }

  return { problem, saving, run };
}
