/**
 * The watchdog: a screen that runs for months heals itself. It asks for a reload when
 *
 * - errors repeat (ERROR_LIMIT within ERROR_WINDOW_MS: the error boundary's own recovery did not help),
 * - memory passes a threshold (performance.memory where the browser has it),
 * - the wall display has not changed for far longer than the loop allows (a frozen display —
 *   a page lasts at most a minute; the closed screen 非办公时间 may stand still),
 * - the nightly reload time (`?nightly=03:30`) has come and the page has run for a while,
 *
 * and reloads at the next idle moment (kiosk: nobody using it; display and ticker: now). Every
 * reload is logged with its reason (events.ts).
 */
import { logEvent, reloadWithReason } from './events.ts';

export const ERROR_LIMIT = 3;
export const ERROR_WINDOW_MS = 10 * 60_000;
/** A display page lasts at most 60 s (display/duration.ts); ten minutes still is frozen. */
export const FROZEN_MS = 10 * 60_000;
export const CHECK_EVERY_MS = 30_000;
/** Reload when the JS heap uses more than this share of its limit. */
export const MEMORY_SHARE = 0.8;
/** The nightly reload needs this much uptime (so a reload at 03:30 does not repeat at 03:30:30). */
const NIGHTLY_MIN_UPTIME_MS = 2 * 3600_000;

export interface WatchdogOptions {
  /** "HH:MM" local time for a nightly reload, or null. */
  nightly: string | null;
  /** The element whose changes prove a display is alive (null: no frozen check, e.g. kiosk mode). */
  stage?: () => Element | null;
  /** True when a still stage is expected (the closed screen). */
  stillOk?: () => boolean;
  now?: () => number;
  reload?: (reason: string) => void;
  memory?: () => { used: number; limit: number } | null;
}

export interface Watchdog {
  /** An error reached the error boundary or the window. */
  reportError(message: string): void;
  /** The view says whether this is an idle moment (kiosk: attract screen). Default: always. */
  setIdle(isIdle: () => boolean): void;
  /** Why a reload waits for the next idle moment, or null. */
  pendingReason(): string | null;
  /** Runs the checks once (the timer calls it every CHECK_EVERY_MS). */
  check(): void;
  stop(): void;
}

function browserMemory(): { used: number; limit: number } | null {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number } }).memory;
  return m && m.jsHeapSizeLimit > 0 ? { used: m.usedJSHeapSize, limit: m.jsHeapSizeLimit } : null;
}

/** Epoch ms of the next HH:MM (local time) after `from`, or null for a bad value. */
export function nextNightly(hhmm: string | null, from: number): number | null {
  const m = hhmm ? /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim()) : null;
  if (!m) return null;
  const d = new Date(from);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (d.getTime() <= from) d.setDate(d.getDate() + 1);
  return d.getTime();
}

export function startWatchdog(options: WatchdogOptions): Watchdog {
  const now = options.now ?? (() => Date.now());
  const reload = options.reload ?? reloadWithReason;
  const memory = options.memory ?? browserMemory;
  const startedAt = now();
  let errors: number[] = [];
  let pending: string | null = null;
  let isIdle: () => boolean = () => true;
  let nightlyAt = nextNightly(options.nightly, startedAt);
  let lastChange = now();
  let observed: Element | null = null;
  const observer = typeof MutationObserver === 'undefined' ? null : new MutationObserver(() => (lastChange = now()));

  const want = (reason: string) => {
    if (pending) return;
    pending = reason;
    logEvent('error', `需要重新启动：${reason}（等待无人使用时）`);
  };

  const dog: Watchdog = {
    reportError(message) {
      const t = now();
      logEvent('error', message, t);
      errors = [...errors.filter((e) => t - e < ERROR_WINDOW_MS), t];
      if (errors.length >= ERROR_LIMIT) want(`${ERROR_WINDOW_MS / 60_000} 分钟内出错 ${errors.length} 次`);
    },
    setIdle(fn) {
      isIdle = fn;
    },
    pendingReason: () => pending,
    check() {
      const t = now();
      const stage = options.stage?.() ?? null;
      if (stage !== observed) {
        observer?.disconnect();
        observed = stage;
        lastChange = t;
        if (stage) observer?.observe(stage, { subtree: true, childList: true, attributes: true, characterData: true });
      }
      if (stage && !options.stillOk?.() && t - lastChange > FROZEN_MS) {
        want(`画面 ${Math.round((t - lastChange) / 60_000)} 分钟没有变化`);
      }
      if (options.stillOk?.()) lastChange = t;
      const mem = memory();
      if (mem && mem.used > mem.limit * MEMORY_SHARE) {
        want(`内存占用过高（${Math.round(mem.used / 1048576)} MB / ${Math.round(mem.limit / 1048576)} MB）`);
      }
      if (nightlyAt !== null && t >= nightlyAt) {
        if (t - startedAt >= NIGHTLY_MIN_UPTIME_MS) want(`每日定时重启（${options.nightly}）`);
        nightlyAt = nextNightly(options.nightly, t);
      }
      if (pending && isIdle()) {
        const reason = pending;
        pending = null;
        reload(reason);
      }
    },
    stop() {
      clearInterval(timer);
      observer?.disconnect();
    },
  };
  const timer = setInterval(() => dog.check(), CHECK_EVERY_MS);
  return dog;
}
