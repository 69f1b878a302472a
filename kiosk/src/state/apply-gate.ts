/**
 * The apply gate: new verified content (and a waiting app version) is taken only at a natural
 * boundary, never in the middle of what a person is reading.
 *
 *   sync ─ offer(apply, {urgent}) ─▶ gate: pending ─ boundary() ─▶ apply()
 *                                        └─ urgent: apply() at once
 *
 * Who calls boundary(): kiosk mode on the idle reset and when the person goes home (the start
 * screen), display mode before each slide, ticker mode at the end of each scroll loop. The
 * gate holds one pending version: a newer offer replaces an older one that was never shown.
 * At a boundary it also applies a waiting app update (service worker), so a wall display or an
 * LED strip takes a new app version between two slides, with the reload guard of sw/register.ts.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { SiteBundle } from '../bundle/schema.ts';
import { isLive } from '../bundle/validity.ts';

export interface OfferOptions {
  /** Content version being offered (shown in the maintenance panel while it waits). */
  version: number;
  /** Apply at once: the new content brings an urgent announcement the screen does not show yet. */
  urgent?: boolean;
}

export interface ApplyGate {
  /** Version that waits for the next boundary, or null. */
  readonly pendingVersion: ReadonlySignal<number | null>;
  /** Hand over a verified, stored version; `apply` swaps what is shown. */
  offer(apply: () => void, options: OfferOptions): void;
  /**
   * A natural boundary: apply what waits (content first, then a waiting app update). Returns
   * true when an app update is being applied: the page reloads shortly, show nothing new.
   */
  boundary(): boolean;
  /** Apply pending content now (going home in kiosk mode, the maintenance panel). */
  flush(): void;
  /**
   * The view tells when nobody is reading (kiosk: the attract screen is up): then an offer is
   * applied at once. Returns a function that removes the check.
   */
  setAtRest(atRest: () => boolean): () => void;
  /** Whether nobody is reading now (true when no view said otherwise). */
  atRest(): boolean;
}

export interface GateDeps {
  /** True when a new app version waits; applyAppUpdate reloads the page. */
  appUpdateReady?: () => boolean;
  applyAppUpdate?: () => void;
  log?: Pick<Console, 'info'>;
}

export function createApplyGate(deps: GateDeps = {}): ApplyGate {
  const pendingVersion = signal<number | null>(null);
  let pending: (() => void) | null = null;
  let atRest: (() => boolean) | null = null;
  const log = deps.log ?? console;

  const flush = () => {
    const apply = pending;
    pending = null;
    pendingVersion.value = null;
    apply?.();
  };

  return {
    pendingVersion,
    offer(apply, { version, urgent }) {
      pending = apply;
      pendingVersion.value = version;
      if (urgent) {
        log.info(`[内容同步] 版本 ${version} 含新的紧急通知，立即启用`);
        flush();
      } else if (atRest?.() === true) {
        flush();
      } else {
        log.info(`[内容同步] 版本 ${version} 已验证并保存，等到无人使用时启用`);
      }
    },
    boundary() {
      flush();
      if (!deps.appUpdateReady?.() || !deps.applyAppUpdate) return false;
      deps.applyAppUpdate();
      return true;
    },
    flush,
    atRest: () => atRest?.() ?? true,
    setAtRest(fn) {
      atRest = fn;
      return () => {
        if (atRest === fn) atRest = null;
      };
    },
  };
}

/** Whether `next` has an urgent announcement, live now, that `prev` does not show live. */
export function bringsNewUrgent(prev: SiteBundle | null, next: SiteBundle, now: number): boolean {
  const tz = next.county.timeZone;
  const shown = new Set(
    (prev?.announcements ?? []).filter((a) => a.priority === 'urgent' && isLive(a, now, tz)).map((a) => `${a.id}\u0000${a.title}`),
  );
  return next.announcements.some((a) => a.priority === 'urgent' && isLive(a, now, tz) && !shown.has(`${a.id}\u0000${a.title}`));
}
