/**
 * One line of text scrolling right to left, seamlessly: the text is rendered twice
 * (each copy at least as wide as the strip) and the track moves by exactly one
 * copy per loop. Speed is in px/s (ticker mode, `?speed=`) or in em/s (footer).
 * A CSS animation runs on the compositor: no timers, no per-frame JavaScript.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import './Marquee.css';

const SEPARATOR = '\u3000◆\u3000';

export interface MarqueeProps {
  items: string[];
  urgent?: boolean;
  /** Pixels per second. */
  speedPx?: number;
  /** Multiples of the font size per second (used when speedPx is absent). */
  speedEm?: number;
  /** Called each time the text has scrolled through once (a loop boundary). */
  onLoop?: () => void;
}

export function Marquee({ items, urgent, speedPx, speedEm = 3, onLoop }: MarqueeProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const text = items.join(SEPARATOR);
  // Each copy ends with the separator, so the seam between copies looks like any other gap.
  const unit = text + SEPARATOR;
  useLayoutEffect(() => {
    const track = trackRef.current;
    if (!track) return;
    const copy = track.firstElementChild as HTMLElement | null;
    if (!copy) return;
    const width = copy.getBoundingClientRect().width;
    const fontPx = parseFloat(getComputedStyle(track).fontSize) || 16;
    const pxPerSecond = speedPx && speedPx > 0 ? speedPx : speedEm * fontPx;
    track.style.setProperty('--marquee-shift', `-${width}px`);
    track.style.animationDuration = `${Math.max(1, width / pxPerSecond)}s`;
  }, [text, speedPx, speedEm]);
  return (
    <div class={`marquee${urgent ? ' marquee-urgent' : ''}`} role="marquee" aria-label={text}>
      <div class="marquee-track" ref={trackRef} key={text} onAnimationIteration={onLoop}>
        <span class="marquee-copy">{unit}</span>
        <span class="marquee-copy" aria-hidden="true">
          {unit}
        </span>
      </div>
    </div>
  );
}
