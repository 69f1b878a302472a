/** A large square tile (home screen, departments, topics): an icon or a glyph, a label and a line below it. */
import type { ComponentChildren } from 'preact';
import './TileButton.css';

export function TileButton({
  kind,
  icon,
  label,
  sub,
  onClick,
}: {
  /** The tile's variant class: "tile-dept", "tile-topic", "tile-search" … */
  kind: string;
  /** An <Icon> (home tiles) — or use `glyph` for a department's or topic's character. */
  icon: { svg: ComponentChildren } | { glyph: string };
  label: string;
  sub: ComponentChildren;
  onClick: () => void;
}) {
  return (
    <button type="button" class={`tile ${kind}`} onClick={onClick}>
      {'svg' in icon ? (
        <span class="tile-icon">{icon.svg}</span>
      ) : (
        <span class="tile-glyph" aria-hidden="true">
          {icon.glyph}
        </span>
      )}
      <span class="tile-label">{label}</span>
      <span class="tile-sub">{sub}</span>
    </button>
  );
}
