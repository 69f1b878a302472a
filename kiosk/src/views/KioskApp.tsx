/**
 * Kiosk mode (touch query): creates the visit's session, watches for idle,
 * and renders the frame (header, screen, bottom bar) around the current route.
 */
import { signal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { SiteBundle } from '../bundle/schema.ts';
import { watchIdle } from '../session/idle.ts';
import { trustedNow } from '../watchdog/clock.ts';
import { createSession, type KioskSession } from '../session/session.ts';
import type { Route } from '../session/routes.ts';
import { isSpeaking, stopSpeaking, warmUpVoices } from '../speech/speak.ts';
import type { AppState } from '../state/app-state.ts';
import '../styles/kiosk.css';
import '../styles/print.css';
import { Attract } from './Attract.tsx';
import { Departments, DepartmentItems, TopicItems, Topics } from './Browse.tsx';
import { Centre } from './Centre.tsx';
import { BottomBar, Header } from './chrome.tsx';
import { buildLookups, type ScreenProps } from './context.ts';
import { DialogHost, IdlePrompt } from './Dialogs.tsx';
import { Evaluate, Thanks } from './Evaluate.tsx';
import { Home } from './Home.tsx';
import { ItemDetail } from './ItemDetail.tsx';
import { AnnouncementDetail, Announcements, DocumentDetail, Documents } from './Notices.tsx';
import { Search } from './Search.tsx';
import { Staff } from './Staff.tsx';

/** Seconds the "还在使用吗？" prompt counts down before the reset. */
export const IDLE_PROMPT_SECONDS = 15;

function Screen({ route, p }: { route: Route; p: ScreenProps }) {
  switch (route.name) {
    case 'home':
      return <Home {...p} />;
    case 'departments':
      return <Departments {...p} />;
    case 'department':
      return <DepartmentItems {...p} id={route.id} />;
    case 'topics':
      return <Topics {...p} />;
    case 'topic':
      return <TopicItems {...p} id={route.id} />;
    case 'item':
      return <ItemDetail {...p} code={route.code} />;
    case 'search':
      return <Search {...p} />;
    case 'announcements':
      return <Announcements {...p} />;
    case 'announcement':
      return <AnnouncementDetail {...p} id={route.id} />;
    case 'documents':
      return <Documents {...p} />;
    case 'document':
      return <DocumentDetail {...p} id={route.id} />;
    case 'staff':
      return <Staff {...p} />;
    case 'centre':
      return <Centre {...p} />;
    case 'evaluate':
      return <Evaluate {...p} target={route.target} />;
    case 'thanks':
      return <Thanks {...p} />;
  }
}

function preventContextMenu(e: Event) {
  e.preventDefault();
}

export function KioskApp({ state }: { state: AppState }) {
  const session = useMemo<KioskSession>(() => createSession(), []);
  const now = useMemo(() => signal(trustedNow(state.publishedAt.peek())), []);
  const scroller = useRef<HTMLElement>(null);
  /** Scroll position of each screen in the history, so 返回 lands where the resident was. */
  const scrollAt = useRef<number[]>([]);
  const lastDepth = useRef(1);

  useEffect(() => {
    warmUpVoices();
    const stop = watchIdle(session, {
      idleSeconds: state.config.idleSeconds,
      promptSeconds: IDLE_PROMPT_SECONDS,
      busy: isSpeaking,
      onReset: () => {
        stopSpeaking();
        // Nobody is using the kiosk now: take waiting content and a waiting app update.
        state.gate.boundary();
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
    return () => {
      stop();
      stopRest();
      clearInterval(tick);
      document.removeEventListener('contextmenu', preventContextMenu);
    };
  }, [session]);

  // A new screen starts at the top; 返回 lands where the resident was on that screen; speech stops.
  const nav = session.navCount.value;
  const depth = session.stack.value.length;
  useEffect(() => {
    const back = depth < lastDepth.current;
    lastDepth.current = depth;
    scrollAt.current.length = depth;
    scroller.current?.scrollTo(0, back && depth > 1 ? (scrollAt.current[depth - 1] ?? 0) : 0);
    stopSpeaking();
    now.value = trustedNow(state.publishedAt.peek());
    // The person went back to the start screen: a natural point to take waiting content.
    if (depth === 1 && session.route.peek().name === 'home' && nav > 0) state.gate.flush();
  }, [nav]);

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
    return (
      <div class={rootClass} key={`a${session.epoch.value}`}>
        <Attract bundle={bundle} session={session} now={now} popular={look.popular} />
      </div>
    );
  }
  const route = session.route.value;
  const p: ScreenProps = { state, session, bundle: bundle as SiteBundle, look, now };
  return (
    <div class={rootClass} key={`s${session.epoch.value}`}>
      <Header bundle={bundle} now={now} />
      <main
        class={`screen screen-${route.name}`}
        ref={scroller}
        id="main"
        tabIndex={0}
        onScroll={(e) => (scrollAt.current[depth - 1] = (e.currentTarget as HTMLElement).scrollTop)}
      >
        <Screen key={`${session.stack.value.length}-${JSON.stringify(route)}`} route={route} p={p} />
      </main>
      <BottomBar session={session} />
      <DialogHost session={session} bundle={bundle} look={look} />
      <IdlePrompt session={session} />
    </div>
  );
}
