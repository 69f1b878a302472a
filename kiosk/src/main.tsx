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
import { createUplink } from './uplink/uplink.ts';
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
// The county hub uplink: nothing is sent unless a hub is configured and this device enrolled.
const uplink = createUplink({
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
  saveRating: uplink.saveRating,
  logPlay: (entry: Parameters<typeof uplink.logPlay>[0]) => void uplink.logPlay(entry).catch(() => {}),
  atIdle: uplink.atIdle,
  enrol: uplink.enrol,
  reportError: watchdog.reportError,
});
// The version shown and the last check's outcome, for tests and for staff inspecting the page
// (never parsed from log text).
effect(() => {
  const root = document.documentElement.dataset;
  root.contentVersion = String(state.contentVersion.value ?? '');
  const sync = state.syncStatus.value;
  root.syncChecks = String(sync.lastCheckAt ?? '');
  root.syncError = sync.lastError ?? '';
});
state.uplink.enrol = async (code: string) => {
  if (!(await uplink.enrol(code))) throw new Error(state.uplink.enrolError.value ?? '登记失败');
};

document.documentElement.dataset.mode = config.mode;
// The uplink's token state on <html> (off | none | enrolling | ok | invalid), for staff tools and tests.
effect(() => {
  document.documentElement.dataset.uplink = state.uplink.hub.value ? state.uplink.token.value : 'off';
  // A full rating queue is a state staff must see (ratings are kept, sent once there is room).
  document.documentElement.dataset.uplinkQueue = state.uplink.ratingQueueFull.value ? 'full' : 'ok';
});
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
uplink.start();
