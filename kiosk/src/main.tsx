/**
 * Entry of the kiosk app: parses the configuration from the URL once (config/config.ts), creates the
 * application state once (createAppState: the signals every view reads; views and sessions make
 * their own local ones), starts the content sync and the service-worker bridge, renders.
 */
import { effect } from '@preact/signals';
import { render } from 'preact';
import './styles/tokens.css';
import './app/app.css';
import { App } from './app/App.tsx';
import { parseConfig, rememberSite } from './config/config.ts';
import { createAppState } from './state/app-state.ts';
import { createContentSync } from './state/sync.ts';
import { registerServiceWorker } from './sw/register.ts';
import { base64ToBytes } from './bundle/verify.ts';
import { PUBLIC_KEY_BASE64 } from './bundle/public-key.ts';
import { openKioskDb } from './store/db.ts';
import type { Uplink } from './uplink/uplink.ts';
import { IdentifyOverlay } from './uplink/IdentifyOverlay.tsx';
import { installLockdown } from './app/lockdown.ts';
import { startWatchdog } from './watchdog/watchdog.ts';
import { watchClock } from './watchdog/clock.ts';
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

const sw = registerServiceWorker(state.appUpdateReady, config.resetServiceWorker);
const sync = createContentSync(state, {
  publicKey: base64ToBytes(PUBLIC_KEY_BASE64),
  contentBase: config.contentBase,
  pollSeconds: config.pollSeconds,
  openDb,
  rememberSite: (code) => rememberSite(storage, code),
  gate: state.gate,
  onSiteChange(code) {
    const url = new URL(location.href);
    if (url.searchParams.get('site') === code) return;
    url.searchParams.set('site', code);
    history.replaceState(history.state, '', url.href);
  },
});
// The county hub uplink (ratings queue, heartbeat, play log): nothing is sent unless a hub is
// configured and this device enrolled. Its code loads once the first screen is up, so it costs the
// start-up nothing; what the views ask of it before then waits for it.
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
effect(() => {
  // Once the mode's first screen is up (kiosk and display say what they show; the ticker has one screen).
  if (state.status.value === 'ready' && (state.mode === 'ticker' || state.uplink.onScreen.value !== '')) void uplink();
});
// Self-healing: repeated errors, memory, a frozen wall display, the nightly reload (watchdog/).
const watchdog = startWatchdog({
  nightly: config.nightly,
  stage: config.mode === 'display' ? () => document.querySelector('.dsp-stage') : undefined,
  stillOk: () => !!document.querySelector('.dsp-layer.is-front [data-slide="closed"]'),
});
// Kiosk mode reloads only when nobody uses it; the wall and the strip at any time.
watchdog.setIdle(() => config.mode !== 'kiosk' || state.gate.atRest());
addEventListener('error', (e) => watchdog.reportError(`脚本错误：${e.message}`));
addEventListener('unhandledrejection', (e) => watchdog.reportError(`未处理的异常：${String((e as PromiseRejectionEvent).reason)}`));
const clock = watchClock(() => state.publishedAt.peek(), undefined, undefined, state.clockIssue);
// Checked again whenever verified content with a new publish time arrives.
effect(() => {
  if (state.publishedAt.value) clock.check();
});

Object.assign(state.actions, {
  selectSite: sync.selectSite,
  checkNow: sync.checkNow,
  applyAppUpdate: sw.applyUpdate,
  rollback: sync.rollback,
  saveRating: (rating: Parameters<Uplink['saveRating']>[0], phone?: string) => uplink().then((u) => u.saveRating(rating, phone)),
  logPlay: (entry: Parameters<Uplink['logPlay']>[0]) =>
    void uplink()
      .then((u) => u.logPlay(entry))
      .catch(() => {}),
  atIdle: () => void uplink().then((u) => u.atIdle()),
  enrol: (code: string) => uplink().then((u) => u.enrol(code)),
  reportError: watchdog.reportError,
});

document.documentElement.dataset.mode = config.mode;
// A public screen: no menus, zoom, selection, back navigation, other origins, drops or shortcuts.
installLockdown();

// Ask the browser not to evict the stored content under storage pressure (kiosks must work
// offline for as long as it takes); granted silently or refused, never a prompt in kiosk Chromium.
void navigator.storage?.persist?.().catch(() => false);

render(
  <>
    <App state={state} />
    <IdentifyOverlay status={state.uplink} />
  </>,
  document.getElementById('app')!,
);
void sync.start();
