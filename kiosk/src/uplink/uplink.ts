/**
 * The kiosk's uplink to the county hub (县级管理平台): enrolment, heartbeat, the outbox sender
 * and the hub's commands. Created once in main.tsx with the app state; writes only
 * `state.uplink` (status signals) and calls `state.actions.checkNow` for a command.
 *
 * No hub configured (neither `?hub=` nor county.yaml `hub`) ⇒ it never sends a request and
 * ratings are kept exactly as before (evaluations store only). A hub configured but no device
 * token yet ⇒ ratings wait in the outbox (nothing is sent without a token).
 */
import { effect } from '@preact/signals';
import type { AppState } from '../state/app-state.ts';
import type { DeviceRecord, KioskDatabase, OutboxRow, PlayLogEntry } from '../store/db.ts';
import { addEvaluation, type NewEvaluation } from '../store/evaluations.ts';
import { logPlay } from '../store/play-log.ts';
import {
  DEFAULT_HEARTBEAT_SECONDS,
  LIMITS,
  type EnrolRequest,
  type EnrolResponse,
  type HeartbeatResponse,
  type ScreenMode,
} from './api.ts';
import { backoffMs } from './backoff.ts';
import { failureText, postJson, type FetchLike, type HubResult } from './client.ts';
import { applyReply } from './commands.ts';
import { buildHeartbeat, storageInfo } from './heartbeat.ts';
import { queueCounts, queueHeartbeat, refillRatings } from './outbox.ts';
import { QueueSender } from './sender.ts';
import { DISPLAY_CLOSED_SCREEN } from '../state/uplink-status.ts';

declare const __BIANMIN_APP_BUILD__: string;
export const APP_BUILD: string = typeof __BIANMIN_APP_BUILD__ === 'string' ? __BIANMIN_APP_BUILD__ : 'dev';

/** How long the identify command shows the device name. */
export const IDENTIFY_MS = 30_000;
/** An enrolment code: 8 characters A–Z 2–9 (api.ts), typed case-insensitively. */
export const ENROL_CODE = /^[A-Z2-9]{8}$/;
const DEVICE_KEY = 'device';
/** What a status screen shows (before a mode's view has said what is on screen). */
const STATUS_SCREENS: Record<AppState['status']['value'], string> = {
  loading: '正在加载内容',
  ready: '正在打开',
  'no-content': '暂无内容（等待联网）',
  'unknown-site': '站点编码无效',
};
/** The first heartbeat waits for the view to say what is on screen, at most this long … */
const FIRST_HEARTBEAT_MAX_WAIT_MS = 15_000;
/** … and then a moment longer (the first screen settles, e.g. the attract screen after loading). */
const FIRST_HEARTBEAT_SETTLE_MS = 500;

export interface UplinkOptions {
  state: AppState;
  openDb: () => Promise<KioskDatabase>;
  /** `?hub=` (absolute URL), else null: then county.yaml's `hub` from the content is used. */
  hubParam: string | null;
  /** `?enrol=` code, once, at installation. */
  enrolCode: string | null;
  /** `?heartbeat=` seconds; null = what the hub says (default DEFAULT_HEARTBEAT_SECONDS). */
  heartbeatSeconds: number | null;
  /** The page's address, to resolve a relative hub address (same origin). */
  pageUrl: string;
  fetch?: FetchLike;
  now?: () => number;
  random?: () => number;
  /** Removes the enrolment code from the address bar once it has been used. */
  forgetEnrolCode?: () => void;
  /** Reloads the page (a `reload` command). */
  reload?: () => void;
  /** The device's own reloads with their reason (watchdog, nightly, update), oldest first. */
  loggedReloads?: () => { at: number; reason: string }[];
}

export interface Uplink {
  start(): void;
  stop(): void;
  /** Exchanges an enrolment code for a device token (also for the maintenance panel). */
  enrol(code: string): Promise<boolean>;
  saveRating(e: NewEvaluation, callbackPhone?: string): Promise<void>;
  logPlay(entry: Omit<PlayLogEntry, 'id'>): Promise<void>;
  /** Nobody is using the screen (kiosk idle return, display slide boundary): do a pending reload. */
  atIdle(): void;
  /** Sends what is queued now (tests, the panel's "立即上传"). */
  flush(): Promise<void>;
  /** Takes a heartbeat now and sends it. */
  heartbeat(): Promise<void>;
}

/** Resolves the hub address: `?hub=` first, then county.yaml; relative addresses against the page. */
export function resolveHub(param: string | null, fromContent: string | null | undefined, pageUrl: string): string | null {
  const raw = param ?? fromContent ?? null;
  if (!raw) return null;
  try {
    const u = new URL(raw, pageUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    u.hash = '';
    u.search = '';
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    return u.href;
  } catch {
    return null;
  }
}

export function createUplink(o: UplinkOptions): Uplink {
  const { state } = o;
  const status = state.uplink;
  const fetchFn: FetchLike = o.fetch ?? ((input, init) => fetch(input, init));
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const startedAt = now();

  let device: DeviceRecord | null = null;
  let loaded: Promise<void> | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let sender: QueueSender | null = null;
  const disposers: (() => void)[] = [];

  const hub = () => status.hub.peek();
  const interval = () => (o.heartbeatSeconds ?? device?.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS) * 1000;

  async function saveDevice(d: DeviceRecord): Promise<void> {
    device = d;
    await (await o.openDb()).put('device', d);
  }

  async function refreshCounts(): Promise<void> {
    try {
      status.queued.value = await queueCounts(await o.openDb());
    } catch {
      /* database closed for an upgrade: counted next time */
    }
  }

  const post = <T>(path: string, body: unknown): Promise<HubResult<T>> => postJson<T>(fetchFn, hub()!, path, body, device?.token ?? null);

  async function getSender(): Promise<QueueSender> {
    sender ??= new QueueSender({
      db: o.openDb,
      post,
      now,
      onContact: () => (status.lastContactAt.value = now()),
      onHeartbeatReply: onReply,
    });
    return sender;
  }

  async function markInvalid(): Promise<void> {
    status.token.value = 'invalid';
    status.lastError.value = '设备授权无效或已被注销，请重新登记设备（评价都还保存在本机）';
    if (device && device.invalidAt === undefined) await saveDevice({ ...device, invalidAt: now() });
  }

  function scheduleRetry(ms: number): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void flush(), ms);
  }

  async function flushOnce(): Promise<void> {
    const db = await o.openDb();
    const s = await getSender();
    let rounds = 0;
    do {
      again = false;
      await refillRatings(db, now());
      for (const kind of ['rating', 'playlog', 'heartbeat'] as const) {
        const out = await s.drain(kind);
        if (out.kind === 'unauthorized') {
          await markInvalid();
          return;
        }
        if (out.kind === 'retry') {
          failures++;
          status.lastError.value = out.reason;
          scheduleRetry(out.retryAfterMs ?? backoffMs(failures, random));
          return;
        }
      }
      failures = 0;
      status.lastError.value = null;
      const left = await queueCounts(db);
      status.queued.value = left;
      if (left.ratings + left.playLog + left.heartbeats > 0 || left.overflow > 0) again = true;
    } while (again && !stopped && ++rounds < 20);
  }

  /** Sends the queues; one flush at a time (a flush asked for meanwhile runs right after). */
  function flush(): Promise<void> {
    if (stopped || !hub() || status.token.peek() !== 'ok') return Promise.resolve();
    if (flushing) {
      again = true;
      return flushing;
    }
    clearTimeout(retryTimer);
    flushing = flushOnce()
      .catch((e) => {
        status.lastError.value = `上传出错：${e instanceof Error ? e.message : String(e)}`;
        failures++;
        scheduleRetry(backoffMs(failures, random));
      })
      .finally(async () => {
        flushing = null;
        await refreshCounts();
      });
    return flushing;
  }

  async function takeHeartbeat(): Promise<void> {
    if (!device || !hub()) return;
    const db = await o.openDb();
    const counts = await queueCounts(db);
    const sync = state.syncStatus.peek();
    const hb = buildHeartbeat({
      id: crypto.randomUUID(),
      now: now(),
      // The hub accepts heartbeats for the site the device was enrolled for.
      siteCode: device.siteCode,
      mode: state.mode as ScreenMode,
      appBuild: APP_BUILD,
      contentVersion: state.contentVersion.peek(),
      contentPublishedAt: state.publishedAt.peek(),
      contentExpiresAt: state.expiresAt.peek(),
      lastCheckAt: sync.lastCheckAt,
      lastSuccessAt: sync.lastSuccessAt,
      lastError: sync.lastError ?? status.lastError.peek(),
      startedAt,
      storage: await storageInfo(),
      screen: { width: globalThis.screen?.width ?? 0, height: globalThis.screen?.height ?? 0 },
      onScreen:
        status.onScreen.peek() ||
        (state.mode === 'ticker' && state.status.peek() === 'ready' ? '滚动字幕' : STATUS_SCREENS[state.status.peek()]),
      queued: counts,
      queueFull: { ratings: status.ratingQueueFull.peek(), playLog: counts.playLog >= LIMITS.kioskPlayLogQueue },
      reloads: [
        ...(device.reloads ?? []),
        ...(o.loggedReloads?.() ?? []).filter((r) => r.at > (device!.reloadsReportedUntil ?? device!.enrolledAt)),
      ]
        .sort((a, b) => a.at - b.at)
        .slice(-20),
      doneCommands: device.doneCommands,
    });
    await queueHeartbeat(db, hb);
  }

  async function heartbeat(): Promise<void> {
    clearTimeout(heartbeatTimer);
    if (stopped) return;
    try {
      await takeHeartbeat();
      await flush();
    } finally {
      if (!stopped) heartbeatTimer = setTimeout(() => void heartbeat(), interval());
    }
  }

  async function onReply(reply: HeartbeatResponse, sent: OutboxRow): Promise<void> {
    if (!device) return;
    const { device: d, run } = applyReply(device, reply, sent.kind === 'heartbeat' ? sent.body : null);
    status.deviceName.value = d.name;
    for (const kind of run) {
      if (kind === 'check-content') state.actions.checkNow();
      else if (kind === 'identify') status.identify.value = { name: d.name, until: now() + IDENTIFY_MS };
      else if (kind === 'reload') status.reloadPending.value = true;
    }
    await saveDevice(d);
    // A ticker has no natural pause and nobody touches it, a display outside opening hours shows
    // its closed screen until morning: reload at once.
    if (status.reloadPending.peek() && (state.mode === 'ticker' || status.onScreen.peek() === DISPLAY_CLOSED_SCREEN)) atIdle();
  }

  /**
   * The first heartbeat: once the mode's view has said what is on screen (which also means the
   * content is there, so it reports the content version), or after FIRST_HEARTBEAT_MAX_WAIT_MS.
   */
  function firstHeartbeat(): void {
    clearTimeout(heartbeatTimer);
    let done = false;
    let off = () => {};
    const go = () => {
      if (done || stopped) return;
      done = true;
      queueMicrotask(() => off());
      clearTimeout(heartbeatTimer);
      heartbeatTimer = setTimeout(() => void heartbeat(), FIRST_HEARTBEAT_SETTLE_MS);
    };
    heartbeatTimer = setTimeout(go, FIRST_HEARTBEAT_MAX_WAIT_MS);
    off = status.onScreen.subscribe((v) => {
      if (v) go();
    });
  }

  function atIdle(): void {
    if (!status.reloadPending.peek()) return;
    status.reloadPending.value = false;
    const d = device;
    const reload = o.reload ?? (() => location.reload());
    if (!d) return reload();
    void saveDevice({ ...d, reloads: [...(d.reloads ?? []), { at: now(), reason: 'command' }].slice(-20) })
      .catch(() => {})
      .then(reload);
  }

  async function enrol(rawCode: string): Promise<boolean> {
    const code = rawCode.trim().toUpperCase();
    const base = hub();
    if (!base) {
      status.enrolError.value = '没有设置县级管理平台地址，无法登记设备';
      return false;
    }
    if (!ENROL_CODE.test(code)) {
      status.enrolError.value = '登记码应为 8 位字母或数字，请核对后重新输入';
      o.forgetEnrolCode?.();
      return false;
    }
    const before = status.token.peek();
    status.token.value = 'enrolling';
    status.enrolError.value = null;
    const body: EnrolRequest = {
      code,
      mode: state.mode as ScreenMode,
      appBuild: APP_BUILD,
      screen: { width: globalThis.screen?.width ?? 0, height: globalThis.screen?.height ?? 0 },
    };
    const res = await postJson<EnrolResponse>(fetchFn, base, 'api/device/enrol', body, null);
    if (res.kind === 'ok' && typeof res.data?.token === 'string' && res.data.token) {
      const r = res.data;
      await saveDevice({
        key: DEVICE_KEY,
        deviceId: String(r.deviceId),
        token: r.token,
        siteCode: String(r.siteCode),
        name: String(r.name ?? ''),
        heartbeatSeconds: Number(r.heartbeatSeconds) >= 10 ? Number(r.heartbeatSeconds) : DEFAULT_HEARTBEAT_SECONDS,
        hub: base,
        enrolledAt: now(),
        doneCommands: [],
        seenCommands: [],
        reloads: [],
      });
      status.token.value = 'ok';
      status.deviceName.value = device!.name;
      status.lastContactAt.value = now();
      o.forgetEnrolCode?.();
      failures = 0;
      void flush();
      firstHeartbeat();
      return true;
    }
    status.token.value = before === 'enrolling' ? 'none' : before;
    if (res.kind === 'network') {
      status.enrolError.value = `${failureText(res)}，稍后自动重试登记`;
      failures++;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void enrol(code), backoffMs(failures, random));
      return false;
    }
    status.enrolError.value =
      res.kind === 'http' && res.error?.message
        ? `登记失败：${res.error.message}`
        : `登记失败（县级管理平台返回 ${res.kind === 'http' ? res.status : '无法识别的回答'}）`;
    if (res.kind === 'http' && res.status >= 400 && res.status < 500 && res.status !== 429) o.forgetEnrolCode?.();
    return false;
  }

  async function load(): Promise<void> {
    const db = await o.openDb();
    device = (await db.get('device', DEVICE_KEY)) ?? null;
    if (device) {
      status.deviceName.value = device.name;
      status.token.value = device.invalidAt !== undefined ? 'invalid' : 'ok';
    }
    await refreshCounts();
  }

  /** Once the hub address is known (URL at once, or county.yaml when the content is there). */
  function hubKnown(): void {
    loaded ??= load().then(async () => {
      if (stopped) return;
      if (o.enrolCode) {
        await enrol(o.enrolCode);
        return;
      }
      if (status.token.peek() !== 'ok') return;
      firstHeartbeat();
    });
  }

  function start(): void {
    disposers.push(
      effect(() => {
        const base = resolveHub(o.hubParam, state.bundle.value?.county.hub, o.pageUrl);
        if (base === status.hub.peek()) return;
        status.hub.value = base;
        if (base) hubKnown();
      }),
    );
    const online = () => void flush();
    globalThis.addEventListener?.('online', online);
    disposers.push(() => globalThis.removeEventListener?.('online', online));
  }

  function stop(): void {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(heartbeatTimer);
    disposers.splice(0).forEach((d) => d());
  }

  return {
    start,
    stop,
    enrol,
    flush,
    heartbeat,
    atIdle,
    async saveRating(e, callbackPhone) {
      const db = await o.openDb();
      await addEvaluation(db, e, {
        queue: !!hub(),
        contentVersion: state.contentVersion.peek(),
        ...(callbackPhone ? { callbackPhone } : {}),
      });
      await refreshCounts();
      void flush();
    },
    async logPlay(entry) {
      const db = await o.openDb();
      await logPlay(db, entry, { queue: !!hub() });
      atIdle();
    },
  };
}
