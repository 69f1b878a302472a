/**
 * The kiosk's application state: every signal the views read. Created once in main.tsx
 * (createAppState) and passed down as `state`; views never create global signals of their own.
 *
 * Data flow: content sync (state/sync.ts) writes `manifest`, `bundle`, `status`, `syncStatus`;
 * the service-worker bridge (sw/register.ts) writes `appUpdateReady`; views only read, and
 * call `state.actions` to ask for changes.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { ManifestPayload, ManifestSite, SiteBundle } from '../bundle/schema.ts';
import type { AppConfig, Mode } from '../app/config.ts';
import { createApplyGate, type ApplyGate } from './apply-gate.ts';

export type { AppConfig, Mode } from '../app/config.ts';

/**
 * loading      — nothing to show yet, first check under way
 * ready        — `bundle` holds verified content
 * no-content   — never received content for this site and the server cannot be reached
 * unknown-site — the manifest has no site with this code (and nothing is stored for it)
 */
export type LoadStatus = 'loading' | 'ready' | 'no-content' | 'unknown-site';

export interface SyncStatus {
  /** Epoch ms of the last completed check (success or failure). */
  lastCheckAt: number | null;
  /** Epoch ms of the last check that reached the server and verified the manifest. */
  lastSuccessAt: number | null;
  /** Why the last check failed, in Chinese for staff; null after a successful check. */
  lastError: string | null;
  /** Epoch ms when the next check is due (for a visible countdown). */
  nextCheckAt: number | null;
  /** True while a check is running. */
  checking: boolean;
  /** Consecutive failed checks (drives the back-off). */
  failures: number;
}

export interface AppActions {
  /** Switch to another site (unknown-site screen, staff settings): remembered, URL updated. */
  selectSite(code: string): void;
  /** Check for new content now (a "retry" button). */
  checkNow(): void;
  /**
   * Activate a waiting new app version (service worker) and reload the page. Call it only when
   * nobody is using the kiosk (idle, or a display between slides): `appUpdateReady` says when
   * there is one. Does nothing when no update is waiting.
   */
  applyAppUpdate(): void;
  /** An error the views caught (error boundary): counted by the watchdog, logged durably. */
  reportError(message: string): void;
}

export interface AppState {
  readonly config: AppConfig;
  /** kiosk (touch query), display (wall loop) or ticker (scrolling line); fixed for a page load. */
  readonly mode: Mode;
  /** Code of the site this kiosk shows (null until known). */
  readonly siteCode: Signal<string | null>;
  /** All sites of the county, from the last verified manifest (or the stored one). */
  readonly sites: Signal<ManifestSite[]>;
  /** The verified manifest the current bundle came from. */
  readonly manifest: Signal<ManifestPayload | null>;
  /** The verified content of this site; null until some arrived. */
  readonly bundle: Signal<SiteBundle | null>;
  readonly contentVersion: ReadonlySignal<number | null>;
  /** ISO 8601 publish time of the current content. */
  readonly publishedAt: ReadonlySignal<string | null>;
  readonly status: Signal<LoadStatus>;
  readonly syncStatus: Signal<SyncStatus>;
  /** True when a new app version is installed and waits for applyAppUpdate(). */
  readonly appUpdateReady: Signal<boolean>;
  /**
   * Holds new content (and a waiting app update) until a natural boundary: views call
   * `gate.boundary()` on the kiosk's idle return / going home, before a display slide, at the
   * end of a ticker loop (state/apply-gate.ts).
   */
  readonly gate: ApplyGate;
  /** Why the device clock is not to be trusted (earlier than the publish time, or jumped); null = fine. */
  readonly clockIssue: Signal<string | null>;
  readonly actions: AppActions;
}

export const initialSyncStatus: SyncStatus = {
  lastCheckAt: null,
  lastSuccessAt: null,
  lastError: null,
  nextCheckAt: null,
  checking: false,
  failures: 0,
};

/** Creates the signals. `actions` are attached by main.tsx once sync and the SW bridge exist. */
export function createAppState(config: AppConfig): AppState & { actions: AppActions } {
  const manifest = signal<ManifestPayload | null>(null);
  const noop = () => {};
  const appUpdateReady = signal(false);
  const actions: AppActions = { selectSite: noop, checkNow: noop, applyAppUpdate: noop, reportError: noop };
  const gate = createApplyGate({ appUpdateReady: () => appUpdateReady.peek(), applyAppUpdate: () => actions.applyAppUpdate() });
  return {
    config,
    mode: config.mode,
    siteCode: signal(config.site),
    sites: signal([]),
    manifest,
    bundle: signal(null),
    contentVersion: computed(() => manifest.value?.version ?? null),
    publishedAt: computed(() => manifest.value?.publishedAt ?? null),
    status: signal('loading'),
    syncStatus: signal(initialSyncStatus),
    appUpdateReady,
    gate,
    clockIssue: signal(null),
    actions,
  };
}
