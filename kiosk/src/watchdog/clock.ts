/**
 * The device clock is not trusted blindly: kiosks lose the time after a power cut without a
 * network. It is flagged when it is earlier than the publish time of the verified content (the
 * publisher's clock proves that moment has passed) or when it jumps (wall time and monotonic
 * time disagree). Views take `trustedNow()` for validity windows, so a clock reset to last year
 * (RESET_CLOCK_FLOOR) never hides published announcements.
 */
import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { logEvent } from './events.ts';

/** Allowance for ordinary clock drift between publisher and device. */
export const BEHIND_TOLERANCE_MS = 5 * 60_000;
/** A difference between wall and monotonic time above this is a jump. */
export const JUMP_MS = 2 * 60_000;
const CHECK_EVERY_MS = 30_000;

declare const __APP_BUILD_TIME__: number;

/**
 * A device clock earlier than this is taken for reset (a dead clock battery gives 1970, 2000 or
 * the firmware date): a year before this app was built. Then validity windows use the publish
 * time of the verified content. A clock that is merely behind the publish time is only flagged:
 * the publisher's own clock may be the wrong one.
 */
export const RESET_CLOCK_FLOOR =
  (typeof __APP_BUILD_TIME__ === 'number' ? __APP_BUILD_TIME__ : Date.parse('2026-01-01T00:00:00Z')) - 365 * 86400_000;

/** The device clock, or the publish time of the shown content when the device clock was reset. */
export function trustedNow(publishedAt: string | null | undefined, deviceNow = Date.now(), floor = RESET_CLOCK_FLOOR): number {
  const p = publishedAt ? Date.parse(publishedAt) : Number.NaN;
  return !Number.isNaN(p) && deviceNow < floor && p > deviceNow ? p : deviceNow;
}

/** Chinese description of a clock earlier than the publish time, or null. */
export function behindMessage(publishedAt: string | null | undefined, deviceNow: number): string | null {
  const p = publishedAt ? Date.parse(publishedAt) : Number.NaN;
  if (Number.isNaN(p) || deviceNow >= p - BEHIND_TOLERANCE_MS) return null;
  const hours = Math.round((p - deviceNow) / 3600_000);
  const days = Math.floor(hours / 24);
  const gap = days >= 2 ? ` ${days} 天` : hours >= 1 ? ` ${hours} 小时` : '';
  const shown = trustedNow(publishedAt, deviceNow) !== deviceNow ? '（已按发布时间显示有效内容）' : '';
  return `本机时间比内容发布时间早${gap}，请校准时钟${shown}`;
}

export interface ClockWatch {
  /** null when the clock looks right; else a Chinese description for the panel and the heartbeat. */
  readonly issue: ReadonlySignal<string | null>;
  check(): void;
  stop(): void;
}

export function watchClock(
  publishedAt: () => string | null,
  wall = () => Date.now(),
  mono = () => performance.now(),
  issue: Signal<string | null> = signal(null),
): ClockWatch {
  let jumped: string | null = null;
  let lastWall = wall();
  let lastMono = mono();
  const set = (msg: string | null) => {
    if (msg && msg !== issue.peek()) logEvent('clock', msg);
    issue.value = msg;
  };
  const check = () => {
    const w = wall();
    const m = mono();
    const drift = w - lastWall - (m - lastMono);
    if (Math.abs(drift) > JUMP_MS) {
      jumped = `本机时钟${drift > 0 ? '向后' : '向前'}跳变了约 ${Math.round(Math.abs(drift) / 60_000)} 分钟`;
    }
    lastWall = w;
    lastMono = m;
    set(behindMessage(publishedAt(), w) ?? jumped);
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  return { issue, check, stop: () => clearInterval(timer) };
}
