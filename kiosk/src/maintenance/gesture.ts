/**
 * The hidden gesture that opens the maintenance panel: TAPS taps in the top-left corner
 * (CORNER_PX square) within WINDOW_MS. Residents never do this by chance; staff are told.
 * Listens in the capture phase, so it works over every screen and mode.
 */
export const TAPS = 5;
export const WINDOW_MS = 3000;
export const CORNER_PX = 120;

export function cornerTaps(onOpen: () => void, target: EventTarget = window, now = () => performance.now()): () => void {
  let taps: number[] = [];
  const onDown = (e: Event) => {
    const p = e as PointerEvent;
    if (p.clientX > CORNER_PX || p.clientY > CORNER_PX) {
      taps = [];
      return;
    }
    const t = now();
    taps = [...taps.filter((x) => t - x <= WINDOW_MS), t];
    if (taps.length >= TAPS) {
      taps = [];
      onOpen();
    }
  };
  target.addEventListener('pointerdown', onDown, { capture: true, passive: true });
  return () => target.removeEventListener('pointerdown', onDown, { capture: true });
}
