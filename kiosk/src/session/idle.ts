/**
 * Idle watch: after `idleSeconds` without a touch or key, ask "还在使用吗？"
 * with a countdown of `promptSeconds`; when it reaches zero, reset the session
 * (attract screen). Any touch while the prompt shows dismisses it. Plain
 * timers, so page.clock drives it in tests.
 */
import { effect } from '@preact/signals';
import type { KioskSession } from './session.ts';

export interface IdleOptions {
  idleSeconds: number;
  promptSeconds: number;
  /** Called on reset, e.g. to stop speech. */
  onReset?: () => void;
  /** True while the kiosk is busy for the user without touches (reading aloud): the idle time restarts. */
  busy?: () => boolean;
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

export function watchIdle(session: KioskSession, options: IdleOptions, target: EventTarget = window): () => void {
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let countdown: ReturnType<typeof setInterval> | undefined;

  const clear = () => {
    clearTimeout(idleTimer);
    clearInterval(countdown);
    idleTimer = countdown = undefined;
  };

  const prompt = () => {
    clear();
    session.idlePrompt.value = options.promptSeconds;
    countdown = setInterval(() => {
      const left = (session.idlePrompt.value ?? 0) - 1;
      if (left > 0) {
        session.idlePrompt.value = left;
      } else {
        clear();
        session.reset();
        options.onReset?.();
      }
    }, 1000);
  };

  const arm = () => {
    clear();
    if (session.attract.value) return;
    idleTimer = setTimeout(() => (options.busy?.() ? arm() : prompt()), Math.max(1, options.idleSeconds) * 1000);
  };

  const onActivity = () => {
    if (session.idlePrompt.value !== null) session.idlePrompt.value = null;
    arm();
  };

  for (const type of ACTIVITY) target.addEventListener(type, onActivity, { capture: true, passive: true });
  // Re-arm whenever the session leaves or enters the attract screen.
  const stop = effect(() => {
    void session.attract.value;
    arm();
  });

  return () => {
    clear();
    stop();
    for (const type of ACTIVITY) target.removeEventListener(type, onActivity, { capture: true });
  };
}
