/**
 * On-screen numeric keypad for the callback phone of a 差评: large keys 0–9, 退格 and 清空, the
 * number shown grouped in large type with what is still missing. No physical keyboard needed.
 */
import { PHONE_MAX_DIGITS, phoneProblem, phoneText } from '../uplink/phone.ts';
import { Icon } from './icons.tsx';
import './PhoneKeypad.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function PhoneKeypad({ digits, onChange }: { digits: string; onChange(next: string): void }) {
  const press = (d: string) => {
    if (digits.length < PHONE_MAX_DIGITS) onChange(digits + d);
  };
  const problem = phoneProblem(digits);
  return (
    <div class="phone-pad" role="group" aria-label="电话号码数字键">
      <div class={`phone-pad-display ${problem ? '' : 'ok'}`} aria-live="polite">
        <span class="phone-pad-label">回访电话</span>
        <output class="phone-pad-number" data-testid="callback-phone">
          {phoneText(digits)}
        </output>
        <span class="phone-pad-hint">
          {problem ?? (
            <>
              <Icon name="check" /> 号码格式正确
            </>
          )}
        </span>
      </div>
      <div class="phone-pad-keys">
        {KEYS.map((k) => (
          <button type="button" key={k} class="pad-key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" class="pad-key pad-clear" onClick={() => onChange('')} disabled={!digits}>
          清空
        </button>
        <button type="button" class="pad-key" onClick={() => press('0')}>
          0
        </button>
        <button type="button" class="pad-key pad-del" onClick={() => onChange(digits.slice(0, -1))} disabled={!digits}>
          <Icon name="del" />
          退格
        </button>
      </div>
    </div>
  );
}
