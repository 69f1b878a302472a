/**
 * What the kiosk starts once its first screen is painted and the main thread is idle (main.tsx
 * loads this module then): the service-worker bridge, the watchdog, the device clock check,
 * lockdown and the identify overlay. None of it is needed to show the first screen, so none of it
 * is in the start-up chunk. Errors reported before it runs were buffered by main.tsx.
 */
import { effect } from '@preact/signals';
import { render } from 'preact';
import type { AppConfig, AppState } from '../state/app-state.ts';
import { registerServiceWorker, type ServiceWorkerBridge } from '../sw/register.ts';
import { IdentifyOverlay } from '../uplink/IdentifyOverlay.tsx';
import { watchClock } from '../watchdog/clock.ts';
import { startWatchdog, type Watchdog } from '../watchdog/watchdog.ts';
import { installLockdown } from './lockdown.ts';

export interface Background {
  sw: ServiceWorkerBridge;
  watchdog: Watchdog;
}

export function startBackground(state: AppState, config: AppConfig): Background {
  const sw = registerServiceWorker(state.appUpdateReady, config.resetServiceWorker);
  // Self-healing: repeated errors, memory, a frozen wall display, the nightly reload (watchdog/).
  const watchdog = startWatchdog({
    nightly: config.nightly,
    stage: config.mode === 'display' ? () => document.querySelector('.dsp-stage') : undefined,
    stillOk: () => !!document.querySelector('.dsp-layer.is-front [data-slide="closed"]'),
  });
  // Kiosk mode reloads only when nobody uses it; the wall and the strip at any time.
  watchdog.setIdle(() => config.mode !== 'kiosk' || state.gate.atRest());
  const clock = watchClock(() => state.publishedAt.peek(), undefined, undefined, state.clockIssue);
  // Checked again whenever verified content with a new publish time arrives.
  effect(() => {
    if (state.publishedAt.value) clock.check();
  });
  // A public screen: no menus, zoom, selection, back navigation, other origins, drops or shortcuts.
  installLockdown();
  // The hub's identify command, over whatever is on screen (its own root beside the app).
  const overlay = document.createElement('div');
  overlay.id = 'identify-root';
  document.body.append(overlay);
  render(<IdentifyOverlay status={state.uplink} />, overlay);
  return { sw, watchdog };
}
