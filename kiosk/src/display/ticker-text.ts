/** How fast the LED strip scrolls (what it says is present/ticker.ts tickerLine). */

/** The configured speed (`?speed=`, AppConfig.tickerSpeed) in px/s, else 1.6 strip heights per second. */
export function tickerSpeed(configured: number | null, stripHeight: number): number {
  return configured ?? Math.round(Math.max(40, stripHeight * 1.6));
}
