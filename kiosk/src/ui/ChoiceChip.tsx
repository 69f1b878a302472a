/** A toggle chip (意见与评价): pressed state in words for screen readers (aria-pressed) and a check mark, never colour alone. */
import type { ComponentChildren } from 'preact';
import { Icon } from './icons.tsx';
import './ChoiceChip.css';

export function ChoiceChip({ on, onClick, children }: { on: boolean; onClick: () => void; children: ComponentChildren }) {
  return (
    <button type="button" class={`chip choice ${on ? 'selected' : ''}`} aria-pressed={on} onClick={onClick}>
      {on && <Icon name="check" />}
      {children}
    </button>
  );
}
