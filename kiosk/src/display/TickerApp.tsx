/**
 * Ticker mode for LED strip displays (1920×160 down to 768×96): one line scrolling
 * right to left at `?speed=` px/s. The text is re-evaluated when an announcement
 * starts or expires (one timer to the next boundary) and when new content arrives.
 */
import { useEffect, useState } from 'preact/hooks';
import { nextBoundary } from '../bundle/validity.ts';
import type { AppState } from '../state/app-state.ts';
import { trustedNow } from '../watchdog/clock.ts';
import { Marquee } from './Marquee.tsx';
import { tickerLine } from '../present/ticker.ts';
import { tickerSpeed } from './ticker-text.ts';
import { useDisplayMode } from './use-display-mode.ts';
import './display.css';
import './TickerApp.css';

const MAX_TIMER_MS = 6 * 3600_000;

export function TickerApp({ state }: { state: AppState }) {
  useDisplayMode('ticker');
  const bundle = state.bundle.value;
  const [now, setNow] = useState(() => Date.now());
  const [height, setHeight] = useState(() => window.innerHeight);

  useEffect(() => {
    if (!bundle) return;
    const t = Date.now();
    const next = nextBoundary(bundle.announcements, t, bundle.county.timeZone);
    const at = Math.min(t + MAX_TIMER_MS, next ?? Infinity);
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, at - t) + 5);
    return () => clearTimeout(timer);
  }, [bundle, now]);

  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  if (!bundle) return <div class="tkr" />;
  const line = tickerLine(bundle, Math.max(now, trustedNow(state.publishedAt.peek())), { withNotices: true });
  return (
    <div class="tkr">
      <Marquee
        items={line.items}
        urgent={line.urgent}
        speedPx={tickerSpeed(state.config.tickerSpeed, height)}
        // End of a scroll loop: take waiting content or a waiting app version here.
        onLoop={() => state.gate.boundary()}
      />
    </div>
  );
}
