/**
 * Lockdown of a public screen: whatever a curious visitor does, the page stays the app.
 *
 * - no context menu, no text selection or long-press callout (CSS in app.css does the same),
 * - no pinch or double-tap zoom (viewport meta + touch-action; multi-touch moves and Safari
 *   gesture events are cancelled here too),
 * - no overscroll/back navigation: a history trap pushes an entry back whenever one is popped,
 * - no navigation to another origin: clicks on links that leave the origin are cancelled
 *   (rich text shows such links as QR codes, views/RichText.tsx), and window.open is disabled,
 * - no file drops (a dropped file would be opened by the browser),
 * - no keyboard shortcuts that leave the app where a page can stop them (print, save, open,
 *   address bar, find, reload, history back/forward, zoom): Ctrl+P is stopped, so the print
 *   dialog opens only from the app's own 打印 button (ItemDetail calls window.print()).
 *
 * Fields where the person types (inputs) keep selection and keys.
 */

export interface LockdownOptions {
  /** Called for every blocked action (counted in the maintenance panel's error list). */
  onBlocked?: (what: string) => void;
}

const editable = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement);

/** True when the key combination must not reach the browser. */
export function isBlockedKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, inField: boolean): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.ctrlKey || e.metaKey) {
    // Copy/paste/undo stay available in a text field.
    if (inField && ['a', 'c', 'v', 'x', 'z', 'y'].includes(key)) return false;
    return true;
  }
  if (e.altKey && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (['F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserHome', 'BrowserRefresh'].includes(key))
    return true;
  if (key === 'Backspace' && !inField) return true;
  return false;
}

export function installLockdown(options: LockdownOptions = {}): () => void {
  const blocked = (what: string, e?: Event) => {
    e?.preventDefault();
    options.onBlocked?.(what);
  };
  const off: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(
    target: Window | Document,
    type: K | string,
    fn: (e: Event) => void,
    opts: AddEventListenerOptions = { capture: true },
  ) => {
    target.addEventListener(type, fn, opts);
    off.push(() => target.removeEventListener(type, fn, opts));
  };

  on(document, 'contextmenu', (e) => blocked('contextmenu', e));
  on(document, 'selectstart', (e) => {
    if (!editable(e.target)) e.preventDefault();
  });
  on(document, 'dragstart', (e) => e.preventDefault());
  on(window, 'dragover', (e) => e.preventDefault());
  on(window, 'drop', (e) => blocked('drop', e));
  // Pinch zoom: more than one finger moving; Safari's gesture events.
  on(
    document,
    'touchmove',
    (e) => {
      if ((e as TouchEvent).touches.length > 1) e.preventDefault();
    },
    { capture: true, passive: false },
  );
  on(document, 'gesturestart', (e) => e.preventDefault());
  on(document, 'dblclick', (e) => e.preventDefault());
  on(
    window,
    'wheel',
    (e) => {
      if ((e as WheelEvent).ctrlKey) e.preventDefault();
    },
    { capture: true, passive: false },
  );
  on(window, 'keydown', (e) => {
    const k = e as KeyboardEvent;
    if (isBlockedKey(k, editable(k.target))) blocked(`key:${k.ctrlKey ? 'Ctrl+' : ''}${k.key}`, e);
  });

  // Links that leave the origin (or open a new window) never navigate.
  on(document, 'click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!a) return;
    let url: URL;
    try {
      url = new URL(a.href, location.href);
    } catch {
      return blocked('link', e);
    }
    if (url.origin !== location.origin || a.target === '_blank') blocked('link', e);
  });
  const realOpen = window.open;
  window.open = () => {
    options.onBlocked?.('window.open');
    return null;
  };
  off.push(() => (window.open = realOpen));

  // History trap: "back" (a swipe, a mouse button, Alt+←) lands on our own entry again.
  const TRAP = { bianminTrap: true };
  if (!(history.state as { bianminTrap?: boolean } | null)?.bianminTrap) history.pushState(TRAP, '', location.href);
  on(window, 'popstate', () => {
    history.pushState(TRAP, '', location.href);
    options.onBlocked?.('history-back');
  });

  return () => {
    for (const f of off.splice(0)) f();
  };
}
