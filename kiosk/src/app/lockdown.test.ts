import { describe, expect, it } from 'vitest';
import { isBlockedKey } from './lockdown.ts';

const key = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean } = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('isBlockedKey', () => {
  it('stops shortcuts that leave the app or open browser features', () => {
    for (const k of ['p', 'P', 's', 'o', 'l', 'r', 'n', 't', '+', '-', '0'])
      expect(isBlockedKey(key(k, { ctrlKey: true }), false)).toBe(true);
    expect(isBlockedKey(key('p', { metaKey: true }), false)).toBe(true);
    expect(isBlockedKey(key('ArrowLeft', { altKey: true }), false)).toBe(true);
    for (const k of ['F5', 'F11', 'F12', 'BrowserBack']) expect(isBlockedKey(key(k), false)).toBe(true);
    expect(isBlockedKey(key('Backspace'), false)).toBe(true);
  });

  it('leaves typing alone, and copy/paste in a text field', () => {
    for (const k of ['a', '1', 'Enter', 'ArrowDown', ' ']) expect(isBlockedKey(key(k), false)).toBe(false);
    expect(isBlockedKey(key('Backspace'), true)).toBe(false);
    expect(isBlockedKey(key('v', { ctrlKey: true }), true)).toBe(false);
    expect(isBlockedKey(key('v', { ctrlKey: true }), false)).toBe(true);
  });
});
