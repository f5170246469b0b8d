import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const press = (code: string, key: string, mods: Partial<{ alt: boolean; ctrl: boolean; shift: boolean }> = {}) => ({
  code,
  key,
  altKey: !!mods.alt,
  ctrlKey: !!mods.ctrl,
  metaKey: false,
  shiftKey: !!mods.shift,
});

describe('issue 11: agent desk keyboard shortcuts', () => {
  it('maps Alt+letters and Ctrl+Enter to the frequent actions, also while typing', () => {
    expect(shortcutFor(press('KeyA', 'a', { alt: true }), true)).toBe('answer');
    expect(shortcutFor(press('KeyH', 'h', { alt: true }), false)).toBe('hangup');
    expect(shortcutFor(press('KeyR', 'r', { alt: true }), false)).toBe('ready');
    expect(shortcutFor(press('KeyB', 'b', { alt: true }), false)).toBe('break');
    expect(shortcutFor(press('KeyK', 'k', { alt: true }), true)).toBe('search');
    expect(shortcutFor(press('Enter', 'Enter', { ctrl: true }), true)).toBe('submit');
  });

  it('opens the help with ? only outside a text field; plain letters are no shortcut', () => {
    expect(shortcutFor(press('Slash', '?', { shift: true }), false)).toBe('help');
    expect(shortcutFor(press('Slash', '?', { shift: true }), true)).toBeNull();
    expect(shortcutFor(press('KeyA', 'a'), false)).toBeNull();
    expect(shortcutFor(press('Enter', 'Enter'), true)).toBeNull();
  });
});
