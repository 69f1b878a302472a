/**
 * Kiosk mode (touch query): creates the visit's session, watches for idle, and renders the
 * attract screen, or — after the first touch — the screens (KioskScreens.tsx, loaded on demand).
 */
import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { watchIdle } from '../session/idle.ts';
import { trustedNow } from '../watchdog/clock.ts';
import { createSession, type KioskSession } from '../session/session.ts';
import { isSpeaking, stopSpeaking, warmUpVoices } from '../speech/speak.ts';
import type { AppState } from '../state/app-state.ts';
import '../styles/kiosk.css';
import '../styles/print.css';
import { Attract } from './Attract.tsx';
import { buildLookups } from './context.ts';
import { screenLabel } from './on-screen.ts';
import { LazyView } from '../ui/LazyView.tsx';

/** Everything behind the first touch: its own chunk, so the attract screen starts with less JS. */
let screens: Promise<typeof import('./KioskScreens.tsx')> | undefined;
const loadScreens = () => (screens ??= import('./KioskScreens.tsx'));

/** Seconds the "还在使用吗？" prompt counts down before the reset. */
export const IDLE_PROMPT_SECONDS = 15;

function preventContextMenu(e: Event) {
  e.preventDefault();
}

export function KioskApp({ state }: { state: AppState }) {
  // `state` (and its signals) is created once for the app, so the hooks below that depend on it
  // are created / run once, on mount, as before.
  const session = useMemo<KioskSession>(() => createSession(), []);
  const now = useMemo(() => signal(trustedNow(state.publishedAt.peek())), [state.publishedAt]);

  useEffect(() => {
    warmUpVoices();
    const stop = watchIdle(session, {
      idleSeconds: state.config.idleSeconds,
      promptSeconds: IDLE_PROMPT_SECONDS,
      busy: isSpeaking,
      onReset: () => {
        stopSpeaking();
        // Nobody is using the kiosk now: take waiting content and a waiting app update, then deferred hub work.
        state.gate.boundary();
        state.actions.atIdle();
      },
    });
    // On the attract screen nobody is reading: new content is taken at once.
    const stopRest = state.gate.setAtRest(() => session.attract.peek());
    // The clock: the value changes once a minute, so screens re-render once a minute.
    const tick = setInterval(() => {
      const t = trustedNow(state.publishedAt.peek());
      if (Math.floor(t / 60000) !== Math.floor(now.value / 60000)) now.value = t;
    }, 1000);
    document.addEventListener('contextmenu', preventContextMenu);
    // The screens behind the first touch load after the attract screen is up (or on that touch).
    const preload = setTimeout(() => void loadScreens(), 1500);
    return () => {
      clearTimeout(preload);
      stop();
      stopRest();
      clearInterval(tick);
      document.removeEventListener('contextmenu', preventContextMenu);
    };
  }, [session, state, now]);

  // The attract screen means nobody is using the kiosk: deferred work (a hub-requested reload) can run.
  const idle = session.attract.value;
  const reloadPending = state.uplink.reloadPending.value;
  useEffect(() => {
    if (idle && reloadPending) state.actions.atIdle();
  }, [idle, reloadPending, state]);

  const elder = session.elder.value;
  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
    document.documentElement.lang = 'zh-CN';
  }, [elder]);

  const bundle = state.bundle.value;
  const look = useMemo(() => (bundle ? buildLookups(bundle) : null), [bundle]);
  if (!bundle || !look) {
    return (
      <div class="kiosk">
        <main class="kiosk-loading">
          <h1>正在准备查询内容，请稍候……</h1>
        </main>
      </div>
    );
  }
  const rootClass = `kiosk ${elder ? 'elder' : ''}`;
  if (session.attract.value) {
    state.uplink.onScreen.value = '待机画面';
    return (
      <div class={rootClass} key={`a${session.epoch.value}`}>
        <Attract bundle={bundle} session={session} now={now} popular={look.popular} />
      </div>
    );
  }
  state.uplink.onScreen.value = screenLabel(session.route.value, look, bundle);
  return (
    <LazyView
      key={`s${session.epoch.value}`}
      state={state}
      load={loadScreens}
      exportName="KioskScreens"
      props={{ session, bundle, look, now }}
      fallback={<div class={rootClass} />}
    />
  );
}
