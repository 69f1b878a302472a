/**
 * Entry of the kiosk app: parses the configuration from the URL once (config/config.ts), creates the
 * application state once (createAppState: the signals every view reads; views and sessions make
 * their own local ones), shows the stored content, renders.
 *
 * The start-up chunk holds only what the first screen needs: configuration, state, the database
 * and the stored content, the shell. Everything else loads once the first screen is painted and
 * the main thread is idle (app/idle.ts): the update check's network half (state/sync-check.ts),
 * the service-worker bridge, watchdog, clock check, lockdown and identify overlay
 * (app/background.tsx), and the county hub uplink (uplink/uplink.ts).
 */
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import './styles/tokens.css';
import './app/app.css';
import { App, preloadModeView, whenModeViewLoaded } from './app/App.tsx';
import { afterPaintAndIdle } from './app/idle.ts';
import type { Background } from './app/background.tsx';
import { parseConfig, rememberSite } from './config/config.ts';
import { createAppState } from './state/app-state.ts';
import { createContentSync } from './state/sync.ts';
import { PUBLIC_KEY_BASE64 } from './bundle/public-key.ts';
import { openKioskDb } from './store/db.ts';
import type { Uplink } from './uplink/uplink.ts';
// Already in the start-up chunk (the status screen shows the event log).
import { readEvents } from './watchdog/events.ts';

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const storage = safeLocalStorage();
const config = parseConfig(new URL(location.href), storage);
// The one database connection, opened here and passed down (sync, uplink, views through state).
const openDb = () => openKioskDb();
const state = createAppState(config, openDb);

/** The ticker's view module has loaded (kiosk and display say what they show in `onScreen`). */
const viewLoaded = signal(false);
/** The mode's first screen is up: verified content and the mode's view rendering it. */
const firstScreenUp = new Promise<void>((resolve) => {
  const stop = effect(() => {
    if (state.status.value === 'ready' && (state.mode === 'ticker' ? viewLoaded.value : state.uplink.onScreen.value !== '')) {
      resolve();
      queueMicrotask(() => stop());
    }
  });
});
/** After the first screen has been painted and an idle moment followed (at most a few seconds). */
const afterFirstScreen = firstScreenUp.then(() => afterPaintAndIdle());
/** The same, or `ms` in should the first screen never come up (an error screen). */
const afterFirstScreenOr = (ms: number) => Promise.race([afterFirstScreen, new Promise<void>((resolve) => setTimeout(resolve, ms))]);

const sync = createContentSync(state, {
  publicKey: PUBLIC_KEY_BASE64,
  contentBase: config.contentBase,
  pollSeconds: config.pollSeconds,
  openDb,
  rememberSite: (code) => rememberSite(storage, code),
  gate: state.gate,
  // The search data is for the search screen: read at the first idle moment after the first screen.
  searchDataAfter: () => afterFirstScreenOr(3000),
  // The attract screen shows no images: a kiosk reads them once it is painted.
  imagesAfter: config.mode === 'kiosk' ? () => afterFirstScreenOr(3000) : undefined,
  // Stored content is on screen: check for a newer version at the third idle moment after it is
  // painted (after the background work and the uplink, each in a task of its own), or a few
  // seconds in, should the first screen never come up.
  firstCheckAfter: () =>
    Promise.race([uplinkStarted.then(() => afterPaintAndIdle()), new Promise<void>((resolve) => setTimeout(resolve, 5000))]),
  onSiteChange(code) {
    const url = new URL(location.href);
    if (url.searchParams.get('site') === code) return;
    url.searchParams.set('site', code);
    history.replaceState(history.state, '', url.href);
  },
});

// The county hub uplink (ratings queue, heartbeat, play log): nothing is sent unless a hub is
// configured and this device enrolled. Its code loads after the first screen, at an idle moment,
// so it costs the start-up nothing; what the views ask of it before then (a rating, a play-log
// entry) waits for it and is kept exactly as later ones.
let uplinkLoading: Promise<Uplink> | null = null;
const uplink = (): Promise<Uplink> =>
  (uplinkLoading ??= import('./uplink/uplink.ts').then(({ createUplink }) => {
    const u = createUplink({
      state,
      openDb,
      hubParam: config.hub,
      enrolCode: config.enrolCode,
      heartbeatSeconds: config.heartbeatSeconds,
      pageUrl: location.href,
      loggedReloads: () =>
        readEvents()
          .filter((e) => e.kind === 'reload')
          .map((e) => ({ at: e.at, reason: e.message })),
      forgetEnrolCode() {
        const url = new URL(location.href);
        if (!url.searchParams.has('enrol')) return;
        url.searchParams.delete('enrol');
        history.replaceState(history.state, '', url.href);
      },
    });
    u.start();
    return u;
  }));

// Service-worker bridge, watchdog, clock check, lockdown, identify overlay: after the first
// screen. Errors before then are kept and handed to the watchdog when it starts.
let background: Background | null = null;
const earlyErrors: string[] = [];
const reportError = (message: string) => (background ? background.watchdog.reportError(message) : void earlyErrors.push(message));
addEventListener('error', (e) => reportError(`脚本错误：${e.message}`));
addEventListener('unhandledrejection', (e) => reportError(`未处理的异常：${String((e as PromiseRejectionEvent).reason)}`));

Object.assign(state.actions, {
  selectSite: sync.selectSite,
  checkNow: sync.checkNow,
  // appUpdateReady only becomes true through the bridge: before it runs there is nothing to apply.
  applyAppUpdate: () => background?.sw.applyUpdate(),
  rollback: sync.rollback,
  saveRating: (rating: Parameters<Uplink['saveRating']>[0], phone?: string) => uplink().then((u) => u.saveRating(rating, phone)),
  logPlay: (entry: Parameters<Uplink['logPlay']>[0]) =>
    void uplink()
      .then((u) => u.logPlay(entry))
      .catch(() => {}),
  atIdle: () => void uplink().then((u) => u.atIdle()),
  enrol: (code: string) => uplink().then((u) => u.enrol(code)),
  reportError,
});

document.documentElement.dataset.mode = config.mode;

// Ask the browser not to evict the stored content under storage pressure (kiosks must work
// offline for as long as it takes); granted silently or refused, never a prompt in kiosk Chromium.
void navigator.storage?.persist?.().catch(() => false);

whenModeViewLoaded(() => (viewLoaded.value = true));
// The mode's view module loads while the stored content is read (sync.start below).
preloadModeView(state.mode);
render(<App state={state} />, document.getElementById('app')!);

// The background work starts after the first screen, or a few seconds in when there is none (a
// status screen: no content yet, unknown site); at once for `?reset-sw=1` (a broken service worker).
const noFirstScreen = new Promise<void>((resolve) => setTimeout(resolve, config.resetServiceWorker ? 0 : 4000));
const backgroundStarted = Promise.race([afterFirstScreen, noFirstScreen]).then(async () => {
  const { startBackground } = await import('./app/background.tsx');
  background = startBackground(state, config);
  for (const m of earlyErrors.splice(0)) background.watchdog.reportError(m);
  // For staff tools and tests: the watchdog, lockdown and service-worker bridge are running.
  document.documentElement.dataset.background = 'started';
});
// The uplink at the next idle moment after that (only once there was a first screen, as always).
const uplinkStarted: Promise<unknown> = Promise.all([afterFirstScreen, backgroundStarted.catch(() => {})])
  .then(() => afterPaintAndIdle())
  .then(() => uplink())
  .catch(() => {});

void sync.start();
