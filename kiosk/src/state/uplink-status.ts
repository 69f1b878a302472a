/**
 * What the uplink shows to staff and to the screen: signals only, created once with the app
 * state (state/app-state.ts) and written by the uplink (uplink.ts). The maintenance panel reads
 * them; views write `onScreen`.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { LIMITS } from '../uplink/api.ts';

/**
 * none     — no hub configured, or configured but this device never enrolled
 * enrolling — exchanging an enrolment code for a token
 * ok       — enrolled; uploads are authorised
 * invalid  — the hub refused the token (401: revoked or wrong): staff must enrol again; queues are kept
 */
export type TokenState = 'none' | 'enrolling' | 'ok' | 'invalid';

export interface QueueCounts {
  ratings: number;
  playLog: number;
  heartbeats: number;
  /** Ratings kept while the queue was full, waiting for room (sent later, never dropped). */
  overflow: number;
  /** Uploads the hub refused for good (kept with their reason). */
  rejected: number;
}

export interface UplinkStatus {
  /** Base URL of the hub (from ?hub= or county.yaml), null = no hub: the kiosk works offline-only. */
  readonly hub: Signal<string | null>;
  readonly token: Signal<TokenState>;
  /** Name the dashboard gave this device. */
  readonly deviceName: Signal<string | null>;
  /** Why enrolment failed, in Chinese for staff. */
  readonly enrolError: Signal<string | null>;
  readonly queued: Signal<QueueCounts>;
  /** True when unsent ratings reached LIMITS.kioskRatingQueue: shown to staff. */
  readonly ratingQueueFull: ReadonlySignal<boolean>;
  /** Epoch ms of the last request the hub answered. */
  readonly lastContactAt: Signal<number | null>;
  /** Last upload problem, in Chinese for staff; null after a success. */
  readonly lastError: Signal<string | null>;
  /** What is on screen now ("首页", "事项详情：…", "轮播：…"): views set it, the heartbeat reports it. */
  readonly onScreen: Signal<string>;
  /** The identify command: the device name in large type until `until` (epoch ms). */
  readonly identify: Signal<{ name: string; until: number } | null>;
  /** The hub asked for a reload: done at the next idle moment (state.actions.atIdle). */
  readonly reloadPending: Signal<boolean>;
  /** Ratings not yet acknowledged by the hub (queued + waiting for room), for the maintenance panel. */
  readonly queuedRatings: ReadonlySignal<number>;
  readonly queuedHeartbeats: ReadonlySignal<number>;
}

/** `onScreen` of a wall display outside opening hours: nobody is watching, a reload can run at once. */
export const DISPLAY_CLOSED_SCREEN = '轮播：非办公时间';

export const EMPTY_COUNTS: QueueCounts = { ratings: 0, playLog: 0, heartbeats: 0, overflow: 0, rejected: 0 };

export function createUplinkStatus(): UplinkStatus {
  const queued = signal(EMPTY_COUNTS);
  return {
    hub: signal(null),
    token: signal('none'),
    deviceName: signal(null),
    enrolError: signal(null),
    queued,
    ratingQueueFull: computed(() => queued.value.overflow > 0 || queued.value.ratings >= LIMITS.kioskRatingQueue),
    lastContactAt: signal(null),
    lastError: signal(null),
    onScreen: signal(''),
    identify: signal(null),
    reloadPending: signal(false),
    queuedRatings: computed(() => queued.value.ratings + queued.value.overflow),
    queuedHeartbeats: computed(() => queued.value.heartbeats),
  };
}
