/**
 * Entry of the dashboard (/admin/): its own page and bundle, never loaded by the kiosk. Creates
 * the state once, follows the #/screen in the address, ticks the clock, renders.
 */
import { render } from 'preact';
import './admin.css';
import { createApi } from './api.ts';
import { createAdminState, screenFromHash } from './state.ts';
import { createContentReader } from './targets.ts';
import { AdminApp } from './views/AdminApp.tsx';

const kioskBase = new URL('../', location.href).href;
let signedOut = () => {};
const state = createAdminState({
  api: createApi(new URL('api/', kioskBase).href, { onDemo: () => (state.demo.value = true), onSignedOut: () => signedOut() }),
  content: createContentReader(new URL('api/', kioskBase).href),
  kioskBase,
  hash: location.hash,
  now: Date.now(),
});
signedOut = () => {
  state.user.value = null;
};

addEventListener('hashchange', () => {
  state.screen.value = screenFromHash(location.hash);
  scrollTo(0, 0);
});
setInterval(() => {
  state.now.value = Date.now();
}, 30_000);

render(<AdminApp state={state} />, document.getElementById('admin')!);
