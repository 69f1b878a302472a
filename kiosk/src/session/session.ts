/**
 * Kiosk session state: everything one resident's visit changes, created in
 * one place (createSession) and wiped by reset() when the kiosk falls idle,
 * so the next person never sees what the last one did.
 */
import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Route } from './routes.ts';

export type Dialog = { kind: 'qr'; itemCode: string } | { kind: 'speech-unavailable'; reason: string };

export interface KioskSession {
  /** True while the attract screen is shown (before the first touch, after an idle reset). */
  attract: Signal<boolean>;
  /** Navigation history; the last entry is the current screen. Never empty. */
  stack: Signal<Route[]>;
  route: ReadonlySignal<Route>;
  /** 长辈模式: large text, high contrast. */
  elder: Signal<boolean>;
  /** Letters typed on the item search screen. */
  searchText: Signal<string>;
  /** Letters typed on the documents screen. */
  docSearchText: Signal<string>;
  /** The one open dialog, if any. */
  dialog: Signal<Dialog | null>;
  /** Seconds left on the "还在使用吗？" prompt, or null when it is not shown. */
  idlePrompt: Signal<number | null>;
  /** Increases with every reset: views key their tree on it so no local state survives. */
  epoch: Signal<number>;
  /** Increases with every navigation: the scroll area returns to the top. */
  navCount: Signal<number>;
  go(route: Route): void;
  /** Replace the current screen (e.g. evaluation → thank-you) without growing history. */
  replace(route: Route): void;
  back(): void;
  home(): void;
  /** Leave the attract screen and start a fresh visit on home. */
  start(elder?: boolean): void;
  /** Clear everything and show the attract screen. */
  reset(): void;
}

const HOME: Route = { name: 'home' };

export function createSession(): KioskSession {
  const attract = signal(true);
  const stack = signal<Route[]>([HOME]);
  const elder = signal(false);
  const searchText = signal('');
  const docSearchText = signal('');
  const dialog = signal<Dialog | null>(null);
  const idlePrompt = signal<number | null>(null);
  const epoch = signal(0);
  const navCount = signal(0);
  const route = computed(() => stack.value[stack.value.length - 1] ?? HOME);

  const navigate = (next: Route[]) =>
    batch(() => {
      stack.value = next;
      dialog.value = null;
      navCount.value++;
    });

  const session: KioskSession = {
    attract,
    stack,
    route,
    elder,
    searchText,
    docSearchText,
    dialog,
    idlePrompt,
    epoch,
    navCount,
    go(r) {
      if (r.name === 'home') return session.home();
      navigate([...stack.value, r]);
    },
    replace(r) {
      navigate([...stack.value.slice(0, -1), r]);
    },
    back() {
      navigate(stack.value.length > 1 ? stack.value.slice(0, -1) : [HOME]);
    },
    home() {
      navigate([HOME]);
    },
    start(withElder = false) {
      batch(() => {
        session.reset();
        elder.value = withElder;
        attract.value = false;
      });
    },
    reset() {
      batch(() => {
        stack.value = [HOME];
        elder.value = false;
        searchText.value = '';
        docSearchText.value = '';
        dialog.value = null;
        idlePrompt.value = null;
        attract.value = true;
        epoch.value++;
        navCount.value++;
      });
    },
  };
  return session;
}
