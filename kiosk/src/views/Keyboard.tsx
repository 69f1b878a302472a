/**
 * The on-screen keyboard: letters A–Z in alphabetical order (easier to find
 * than QWERTY for people who never typed), optional digits, 删除 and 清空.
 * Typing on a hardware keyboard or IME goes through the text field instead.
 */
import type { Signal } from '@preact/signals';
import { Icon } from '../ui/icons.tsx';
import './Keyboard.css';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const DIGITS = '1234567890'.split('');

export function Keyboard({ text, digits = false, max = 24 }: { text: Signal<string>; digits?: boolean; max?: number }) {
  const type = (c: string) => {
    if (text.value.length < max) text.value += c;
  };
  return (
    <div class={`keyboard ${digits ? 'with-digits' : ''}`} role="group" aria-label="拼音字母键盘">
      {digits && (
        <div class="key-row digits">
          {DIGITS.map((d) => (
            <button type="button" key={d} class="key" onClick={() => type(d)}>
              {d}
            </button>
          ))}
        </div>
      )}
      <div class="key-grid">
        {LETTERS.map((l) => (
          <button type="button" key={l} class="key" onClick={() => type(l.toLowerCase())}>
            {l}
          </button>
        ))}
        <button type="button" class="key key-wide key-del" onClick={() => (text.value = [...text.value].slice(0, -1).join(''))}>
          <Icon name="del" />
          删除
        </button>
        <button type="button" class="key key-wide key-clear" onClick={() => (text.value = '')}>
          清空
        </button>
      </div>
    </div>
  );
}

/** The text field above the keyboard; also takes input from a hardware keyboard or IME. */
export function QueryField({ text, label, placeholder, id }: { text: Signal<string>; label: string; placeholder: string; id: string }) {
  return (
    <div class="query-field">
      <label for={id} class="query-label">
        {label}
      </label>
      <div class="query-box">
        <Icon name="search" />
        <input
          id={id}
          type="search"
          inputMode="none"
          autoComplete="off"
          autoCorrect="off"
          spellcheck={false}
          placeholder={placeholder}
          value={text.value}
          onInput={(e) => (text.value = (e.currentTarget as HTMLInputElement).value)}
        />
      </div>
    </div>
  );
}
