/**
 * Entry of the kiosk app: reads the configuration from the URL, creates the state (the one
 * place signals are made), starts the content sync and the service-worker bridge, renders.
 */
import { render } from 'preact';
import { effect } from '@preact/signals';
import './app/app.css';
import { App } from './app/App.tsx';
import { parseConfig } from './app/config.ts';
import { createAppState } from './state/app-state.ts';
import { createContentSync } from './state/sync.ts';
import { registerServiceWorker } from './sw/register.ts';
import { base64ToBytes } from './bundle/verify.ts';
import { PUBLIC_KEY_BASE64 } from './bundle/public-key.ts';
import { openKioskDb } from './store/db.ts';
import { installLockdown } from './app/lockdown.ts';
import { startWatchdog } from './watchdog/watchdog.ts';
import { watchClock } from './watchdog/clock.ts';

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
  openDb: openKioskDb,
  storage,
  gate: state.gate,
  onSiteChange(code) {
    const url = new URL(location.href);
    if (url.searchParams.get('site') === code) return;
    url.searchParams.set('site', code);
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
  reportError: watchdog.reportError,
});

document.documentElement.dataset.mode = config.mode;
// A public screen: no menus, zoom, selection, back navigation, other origins, drops or shortcuts.
installLockdown();

// Ask the browser not to evict the stored content under storage pressure (kiosks must work
// offline for as long as it takes); granted silently or refused, never a prompt in kiosk Chromium.
void navigator.storage?.persist?.().catch(() => false);

render(<App state={state} />, document.getElementById('app')!);
void sync.start();
