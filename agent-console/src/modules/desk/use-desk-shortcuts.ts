import { onBeforeUnmount, onMounted, ref } from 'vue';
import { DESK_SHORTCUTS, isTextField, shortcutFor } from './shortcuts';

/** The element a shortcut acts on: the button or field marked `data-shortcut="<id>"` (an input inside a wrapper). */
function target(id: string): HTMLElement | null {
  const marked = document.querySelector<HTMLElement>(`[data-shortcut="${id}"]`);
  if (!marked) return null;
  return marked.matches('input, textarea, button') ? marked : (marked.querySelector('input, textarea') ?? marked);
}

/**
 * Listens for the desk's shortcuts while the desk is shown. A shortcut clicks its button or focuses its field; when
 * the button is absent or disabled (no call ringing, a submit in flight) nothing happens. `?` toggles `helpOpen`.
 */
export function useDeskShortcuts() {
  const helpOpen = ref(false);

  function onKeydown(event: KeyboardEvent): void {
    const id = shortcutFor(event, isTextField(document.activeElement));
    if (!id) return;
    event.preventDefault();
    if (id === 'help') {
      helpOpen.value = !helpOpen.value;
      return;
    }
    const shortcut = DESK_SHORTCUTS.find((s) => s.id === id);
    const element = target(id);
    if (!shortcut || !element || (element as HTMLButtonElement).disabled) return;
    if (shortcut.does === 'focus') element.focus();
    else element.click();
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
  return { helpOpen };
}
