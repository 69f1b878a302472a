/**
 * The kiosk's application state: every signal the views read. Created once in main.tsx
 * (createAppState) and passed down as `state`; views never create global signals of their own.
 *
 * Data flow: content sync (state/sync.ts) writes `entry`, `bundle`, `status`, `syncStatus`,
 * `sites`, `hasPrevious` and installs images into `assets`;
 * the service-worker bridge (sw/register.ts) writes `appUpdateReady`; views only read, and
 * call `state.actions` to ask for changes.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { EntryPayload, SiteBundle, SiteSummary } from '../bundle/schema.ts';
import { createAssetUrls, type AssetUrls } from '../bundle/assets.ts';
import type { AppConfig, Mode } from '../config/config.ts';
import type { KioskDatabase, PlayLogEntry } from '../store/db.ts';
import type { NewEvaluation } from '../store/evaluations.ts';
import { createUplinkStatus, type UplinkStatus } from './uplink-status.ts';
import { createApplyGate, type ApplyGate } from './apply-gate.ts';

export type { AppConfig, Mode } from '../config/config.ts';

/**
 * loading      — nothing to show yet, first check under way
 * ready        — `bundle` holds verified content
 * no-content   — never received content for this site and the server cannot be reached
 * unknown-site — the server has no site with this code (and nothing is stored for it)
 */
export type LoadStatus = 'loading' | 'ready' | 'no-content' | 'unknown-site';

export interface SyncStatus {
  /** Epoch ms of the last completed check (success or failure). */
  lastCheckAt: number | null;
  /** Epoch ms of the last check that reached the server and verified the entry point. */
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
  /**
   * Show the last-known-good version instead of the current one (maintenance panel). Resolves
   * true when it did; false when there is no previous version. The version rolled back from is
   * not taken again; the next published one is.
   */
  rollback(): Promise<boolean>;
  /** Keep a 好差评 rating (and queue it for the hub when there is one); the phone only for a 差评. */
  saveRating(rating: NewEvaluation, callbackPhone?: string): Promise<void>;
  /** The display loop finished showing a slide: log it (a slide boundary is also an idle moment). */
  logPlay(entry: Omit<PlayLogEntry, 'id'>): void;
  /** Nobody is using the screen now (kiosk idle return): deferred work such as a hub-requested reload. */
  atIdle(): void;
  /** Exchange a hub enrolment code for a device token (maintenance panel). */
  enrol(code: string): Promise<boolean>;
  /** An error the views caught (error boundary): counted by the watchdog, logged durably. */
  reportError(message: string): void;
}

export interface AppState {
  readonly config: AppConfig;
  /** kiosk (touch query), display (wall loop) or ticker (scrolling line); fixed for a page load. */
  readonly mode: Mode;
  /** Code of the site this kiosk shows (null until known). */
  readonly siteCode: Signal<string | null>;
  /** All sites of the county, from the last verified county index (empty until one was read). */
  readonly sites: Signal<SiteSummary[]>;
  /** The verified entry point the current bundle came from. */
  readonly entry: Signal<EntryPayload | null>;
  /** The verified content of this site; null until some arrived. */
  readonly bundle: Signal<SiteBundle | null>;
  readonly contentVersion: ReadonlySignal<number | null>;
  /** ISO 8601 publish time of the current content. */
  readonly publishedAt: ReadonlySignal<string | null>;
  /** ISO 8601 end of validity of the current content: later, it is shown marked 数据截至. */
  readonly expiresAt: ReadonlySignal<string | null>;
  /** True when a last-known-good version is held (rollback() can show it). */
  readonly hasPrevious: Signal<boolean>;
  /** URLs of the content's images (held blobs first), for views. */
  readonly assets: AssetUrls;
  readonly status: Signal<LoadStatus>;
  readonly syncStatus: Signal<SyncStatus>;
  /** True when a new app version is installed and waits for applyAppUpdate(). */
  readonly appUpdateReady: Signal<boolean>;
  /** The uplink to the county hub: enrolment, queues, what is on screen, commands (state/uplink-status.ts). */
  readonly uplink: UplinkStatus;
  /** The kiosk database, opened once in main.tsx (for views that read a store, e.g. the play-log export). */
  readonly openDb: () => Promise<KioskDatabase>;
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
export function createAppState(
  config: AppConfig,
  openDb: () => Promise<KioskDatabase> = () => Promise.reject(new Error('no database')),
): AppState & { actions: AppActions } {
  const entry = signal<EntryPayload | null>(null);
  const noop = () => {};
  const appUpdateReady = signal(false);
  const actions: AppActions = {
    selectSite: noop,
    checkNow: noop,
    applyAppUpdate: noop,
    rollback: async () => false,
    saveRating: () => Promise.reject(new Error('no store')),
    logPlay: noop,
    atIdle: noop,
    enrol: () => Promise.resolve(false),
    reportError: noop,
  };
  const gate = createApplyGate({ appUpdateReady: () => appUpdateReady.peek(), applyAppUpdate: () => actions.applyAppUpdate() });
  return {
    config,
    mode: config.mode,
    siteCode: signal(config.site),
    sites: signal([]),
    entry,
    bundle: signal(null),
    contentVersion: computed(() => entry.value?.version ?? null),
    publishedAt: computed(() => entry.value?.publishedAt ?? null),
    expiresAt: computed(() => entry.value?.expiresAt ?? null),
    hasPrevious: signal(false),
    assets: createAssetUrls(config.contentBase),
    status: signal('loading'),
    syncStatus: signal(initialSyncStatus),
    appUpdateReady,
    uplink: createUplinkStatus(),
    openDb,
    gate,
    clockIssue: signal(null),
    actions,
  };
}
