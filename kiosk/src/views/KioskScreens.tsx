/**
 * The kiosk's screens behind the first touch: header, the current route's screen, bottom bar,
 * dialogs and the idle prompt. Loaded on demand by KioskApp (the attract screen does not need
 * any of it), through ui/LazyView.tsx.
 */
import type { Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { SiteBundle } from '../bundle/schema.ts';
import type { Route } from '../session/routes.ts';
import type { KioskSession } from '../session/session.ts';
import { stopSpeaking } from '../speech/speak.ts';
import { trustedNow } from '../watchdog/clock.ts';
import type { AppState } from '../state/app-state.ts';
import { Departments, DepartmentItems, TopicItems, Topics } from './Browse.tsx';
import { Centre } from './Centre.tsx';
import { BottomBar, Header } from './chrome.tsx';
import type { Lookups, ScreenProps } from './context.ts';
import { DialogHost, IdlePrompt } from './Dialogs.tsx';
import { Evaluate, Thanks } from './Evaluate.tsx';
import { Home } from './Home.tsx';
import { ItemDetail } from './ItemDetail.tsx';
import { AnnouncementDetail, Announcements, DocumentDetail, Documents } from './Notices.tsx';
import { Search } from './Search.tsx';
import { Staff } from './Staff.tsx';

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

export function KioskScreens(props: { state: AppState; session: KioskSession; bundle: SiteBundle; look: Lookups; now: Signal<number> }) {
  const { state, session, bundle, look, now } = props;
  const scroller = useRef<HTMLElement>(null);
  /** Scroll position of each screen in the history, so 返回 lands where the resident was. */
  const scrollAt = useRef<number[]>([]);
  const lastDepth = useRef(1);
  // A new screen starts at the top; 返回 lands where the resident was on that screen; speech stops.
  const nav = session.navCount.value;
  const depth = session.stack.value.length;
  // Runs once per navigation (`nav`; the stack only changes together with it, so it is peeked).
  // `state`, `session` and `now` stay the same for the life of these screens.
  useEffect(() => {
    const depth = session.stack.peek().length;
    const back = depth < lastDepth.current;
    lastDepth.current = depth;
    scrollAt.current.length = depth;
    scroller.current?.scrollTo(0, back && depth > 1 ? (scrollAt.current[depth - 1] ?? 0) : 0);
    stopSpeaking();
    now.value = trustedNow(state.publishedAt.peek());
    // The person went back to the start screen: a natural point to take waiting content.
    if (depth === 1 && session.route.peek().name === 'home' && nav > 0) state.gate.flush();
  }, [nav, session, state, now]);

  const elder = session.elder.value;
  const rootClass = `kiosk ${elder ? 'elder' : ''}`;
  const route = session.route.value;
  const p: ScreenProps = { state, session, bundle, look, now };
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
