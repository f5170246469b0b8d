/**
 * 快捷键 of the agent desk (坐席工作台): the frequent actions without the mouse. Each shortcut either clicks the
 * button marked `data-shortcut="<id>"` (so a disabled or absent button does nothing — the same guards as a click)
 * or focuses the field so marked. `?` opens the list.
 */
export const DESK_SHORTCUTS = [
  { id: 'answer', keys: 'Alt+A', code: 'KeyA', alt: true, does: 'click' },
  { id: 'hangup', keys: 'Alt+H', code: 'KeyH', alt: true, does: 'click' },
  { id: 'ready', keys: 'Alt+R', code: 'KeyR', alt: true, does: 'click' },
  { id: 'break', keys: 'Alt+B', code: 'KeyB', alt: true, does: 'click' },
  { id: 'search', keys: 'Alt+K', code: 'KeyK', alt: true, does: 'focus' },
  { id: 'submit', keys: 'Ctrl+Enter', code: 'Enter', ctrl: true, does: 'click' },
] as const;

export type DeskShortcutId = (typeof DESK_SHORTCUTS)[number]['id'] | 'help';

interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * The shortcut a key press means, or null. `typing` is true when the focus is in a text field: `?` is then a
 * character, while the modifier shortcuts still work (an agent types the intake and hangs up without leaving it).
 */
export function shortcutFor(event: KeyLike, typing: boolean): DeskShortcutId | null {
  if (event.key === '?' && !typing && !event.altKey && !event.ctrlKey && !event.metaKey) return 'help';
  for (const shortcut of DESK_SHORTCUTS) {
    const alt = 'alt' in shortcut && shortcut.alt;
    const ctrl = 'ctrl' in shortcut && shortcut.ctrl;
    if (event.code !== shortcut.code || event.shiftKey) continue;
    if (alt && event.altKey && !event.ctrlKey && !event.metaKey) return shortcut.id;
    if (ctrl && (event.ctrlKey || event.metaKey) && !event.altKey) return shortcut.id;
  }
  return null;
}

/** Whether an element takes text (then `?` is typed, not a shortcut). */
export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || (element as HTMLElement).isContentEditable === true;
}
