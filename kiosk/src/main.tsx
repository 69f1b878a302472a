/**
 * Entry of the kiosk app: reads the configuration from the URL once, creates the state once
 * (createAppState; views get it passed down), starts the content sync and the service-worker
 * bridge, renders.
 */
import { render } from 'preact';
import './app/app.css';
import { App } from './app/App.tsx';
import { effect } from '@preact/signals';
import { parseConfig, rememberSite } from './app/config.ts';
import { createAppState } from './state/app-state.ts';
import { createContentSync } from './state/sync.ts';
import { registerServiceWorker } from './sw/register.ts';
import { base64ToBytes } from './bundle/verify.ts';
import { PUBLIC_KEY_BASE64 } from './bundle/public-key.ts';
import { openKioskDb } from './store/db.ts';

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const storage = safeLocalStorage();
const config = parseConfig(new URL(location.href), storage);
const state = createAppState(config);

const sw = registerServiceWorker(state.appUpdateReady);
const sync = createContentSync(state, {
  publicKey: base64ToBytes(PUBLIC_KEY_BASE64),
  contentBase: config.contentBase,
  pollSeconds: config.pollSeconds,
  openDb: openKioskDb,
  rememberSite: (code) => rememberSite(storage, code),
  onSiteChange(code) {
    const url = new URL(location.href);
    if (url.searchParams.get('site') === code) return;
    url.searchParams.set('site', code);
    history.replaceState(history.state, '', url.href);
  },
});
Object.assign(state.actions, {
  selectSite: sync.selectSite,
  checkNow: sync.checkNow,
  applyAppUpdate: sw.applyUpdate,
  rollback: sync.rollback,
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

document.documentElement.dataset.mode = config.mode;
// A public touch screen: no long-press menus, no text selection callouts.
document.addEventListener('contextmenu', (e) => e.preventDefault());

// Ask the browser not to evict the stored content under storage pressure (kiosks must work
// offline for as long as it takes); granted silently or refused, never a prompt in kiosk Chromium.
void navigator.storage?.persist?.().catch(() => false);

render(<App state={state} />, document.getElementById('app')!);
void sync.start();
