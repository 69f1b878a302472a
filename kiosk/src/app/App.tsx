/**
 * Top of the view tree: a status screen until verified content is there, then the view of the
 * mode — touch query (kiosk), wall loop (display) or scrolling line (ticker).
 */
import { useSignalEffect } from '@preact/signals';
import { Component, type ComponentChildren } from 'preact';
import type { AppState } from '../state/app-state.ts';
import { AssetsContext } from '../state/assets-context.ts';
import { ExpiredMark } from './ExpiredMark.tsx';
import { LazyView, preloadView } from '../ui/LazyView.tsx';
import { MaintenanceGate } from '../maintenance/MaintenanceGate.tsx';
import { ErrorScreen, LoadingScreen, StatusScreen } from './StatusScreen.tsx';

let onModeViewLoaded: (() => void) | undefined;
/** `listener` is told when a mode's view module has loaded: its first render follows at once (main.tsx: the ticker's first screen). */
export function whenModeViewLoaded(listener: () => void): void {
  onModeViewLoaded = listener;
}
const told = <T,>(p: Promise<T>) =>
  p.then((m) => {
    onModeViewLoaded?.();
    return m;
  });
/** Each mode's view module, the component it exports, and what shows while it loads. */
const MODE_VIEWS = {
  kiosk: { load: () => told(import('../views/KioskApp.tsx')), exportName: 'KioskApp', loading: true },
  display: { load: () => told(import('../display/DisplayApp.tsx')), exportName: 'DisplayApp', loading: true },
  ticker: { load: () => told(import('../display/TickerApp.tsx')), exportName: 'TickerApp', loading: false },
} as const;
const modeView = (mode: AppState['mode']) => MODE_VIEWS[mode === 'display' || mode === 'ticker' ? mode : 'kiosk'];

/**
 * Starts loading the mode's view module at once (main.tsx), in parallel with reading the stored
 * content, rather than when that content is shown: the first screen then renders without a
 * loading frame and a module fetch after the content read.
 */
export function preloadModeView(mode: AppState['mode']): void {
  const v = modeView(mode);
  preloadView(v.load, v.exportName);
}

/** Seconds the friendly error screen stays before the views are tried again. */
const RECOVER_SECONDS = 10;

/**
 * Catches a failing view: a friendly Chinese screen, then the views are rendered again after
 * RECOVER_SECONDS (most errors come from one bad moment). The watchdog counts the errors and
 * reloads the page at the next idle moment when they repeat; the screen's own countdown reloads
 * as a last resort.
 */
class ErrorBoundary extends Component<{ children: ComponentChildren; onError: (message: string) => void }, { error: unknown }> {
  state = { error: null as unknown };
  private timer: ReturnType<typeof setTimeout> | undefined;
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  componentDidCatch(error: unknown) {
    console.error('[界面] 未处理的错误', error);
    this.props.onError(`界面出错：${error instanceof Error ? error.message : String(error)}`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState({ error: null }), RECOVER_SECONDS * 1000);
  }
  componentWillUnmount() {
    clearTimeout(this.timer);
  }
  render() {
    return this.state.error ? <ErrorScreen error={this.state.error} reloadInSeconds={RECOVER_SECONDS * 3} /> : this.props.children;
  }
}

function ModeView({ state }: { state: AppState }) {
  const v = modeView(state.mode);
  return <LazyView state={state} load={v.load} exportName={v.exportName} fallback={v.loading ? <LoadingScreen /> : null} />;
}

/**
 * The state of the app on <html>, for people checking a kiosk with the browser's tools and for the
 * e2e tests (never log text): data-status (loading | ready | no-content | unknown-site),
 * data-content-version (the verified content version shown), data-content-pending (a newer verified
 * version stored and waiting for the next natural boundary), data-sync-checks / data-sync-error (the
 * last check's time and error), data-uplink / data-uplink-queue (the hub uplink), data-sync (ok | failed: the last
 * update check) and data-app-update (waiting: a new app version waits for an idle moment).
 */
function useStateOnDocument(state: AppState) {
  useSignalEffect(() => {
    const d = document.documentElement.dataset;
    d.status = state.status.value;
    const version = state.status.value === 'ready' ? state.contentVersion.value : null;
    if (version === null) delete d.contentVersion;
    else d.contentVersion = String(version);
    const sync = state.syncStatus.value;
    if (sync.lastCheckAt === null) delete d.sync;
    else d.sync = sync.lastError === null ? 'ok' : 'failed';
    if (state.appUpdateReady.value) d.appUpdate = 'waiting';
    else delete d.appUpdate;
    d.syncChecks = String(sync.lastCheckAt ?? '');
    d.syncError = sync.lastError ?? '';
    // The uplink's token state (off | none | enrolling | ok | invalid) and a full rating queue.
    d.uplink = state.uplink.hub.value ? state.uplink.token.value : 'off';
    d.uplinkQueue = state.uplink.ratingQueueFull.value ? 'full' : 'ok';
    const pending = state.gate.pendingVersion.value;
    if (pending === null) delete d.contentPending;
    else d.contentPending = String(pending);
  });
}

export function App({ state }: { state: AppState }) {
  useStateOnDocument(state);
  const ready = state.status.value === 'ready' && state.bundle.value !== null;
  return (
    <AssetsContext.Provider value={state.assets}>
      <ErrorBoundary onError={state.actions.reportError}>
        {ready ? <ModeView state={state} /> : <StatusScreen state={state} />}
        {ready && <ExpiredMark state={state} />}
      </ErrorBoundary>
      <MaintenanceGate state={state} />
    </AssetsContext.Provider>
  );
}
