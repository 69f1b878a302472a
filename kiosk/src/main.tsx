/**
 * Entry of the kiosk app: reads the configuration from the URL, creates the state (the one
 * place signals are made), starts the content sync and the service-worker bridge, renders.
 */
import { effect } from '@preact/signals';
import { render } from 'preact';
import './app/app.css';
import { App } from './app/App.tsx';
import { parseConfig } from './app/config.ts';
import { createAppState } from './state/app-state.ts';
import { createContentSync } from './state/sync.ts';
import { registerServiceWorker } from './sw/register.ts';
import { base64ToBytes } from './bundle/verify.ts';
import { PUBLIC_KEY_BASE64 } from './bundle/public-key.ts';
import { openKioskDb } from './store/db.ts';
import { createUplink } from './uplink/uplink.ts';
import { IdentifyOverlay } from './uplink/IdentifyOverlay.tsx';

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

const sw = registerServiceWorker(state.appUpdateReady);
const sync = createContentSync(state, {
  publicKey: base64ToBytes(PUBLIC_KEY_BASE64),
  openDb,
  storage,
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
  forgetEnrolCode() {
    const url = new URL(location.href);
    if (!url.searchParams.has('enrol')) return;
    url.searchParams.delete('enrol');
    history.replaceState(history.state, '', url.href);
  },
});
Object.assign(state.actions, {
  selectSite: sync.selectSite,
  checkNow: sync.checkNow,
  applyAppUpdate: sw.applyUpdate,
  saveRating: uplink.saveRating,
  logPlay: (entry: Parameters<typeof uplink.logPlay>[0]) => void uplink.logPlay(entry).catch(() => {}),
  atIdle: uplink.atIdle,
  enrol: uplink.enrol,
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
// A public touch screen: no long-press menus, no text selection callouts.
document.addEventListener('contextmenu', (e) => e.preventDefault());

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
