/**
 * The heartbeat: a snapshot of this device for the county's 设备状态 screen, taken from the app
 * state (content version, last check and its result), the browser (storage, screen) and the
 * uplink (queues, commands done). Pure: the caller passes everything in.
 */
import type { HeartbeatRequest, ScreenMode } from './api.ts';
import type { QueueCounts } from '../state/uplink-status.ts';

export interface HeartbeatInput {
  id: string;
  now: number;
  siteCode: string;
  mode: ScreenMode;
  appBuild: string;
  contentVersion: number | null;
  contentPublishedAt: string | null;
  contentExpiresAt: string | null;
  lastCheckAt: number | null;
  /** Last completed check reached the server and verified (null before any check). */
  lastSuccessAt: number | null;
  lastError: string | null;
  startedAt: number;
  storage: HeartbeatRequest['storage'];
  screen: HeartbeatRequest['screen'];
  onScreen: string;
  queued: QueueCounts;
  queueFull: { ratings: boolean; playLog: boolean };
  tokenInvalid?: boolean;
  reloads: HeartbeatRequest['reloads'];
  doneCommands: string[];
}

export function buildHeartbeat(i: HeartbeatInput): HeartbeatRequest {
  const lastCheckOk = i.lastCheckAt === null ? null : i.lastError === null && i.lastSuccessAt !== null;
  const flags: string[] = [];
  if (i.queueFull.ratings) flags.push('rating-queue-full');
  if (i.queueFull.playLog) flags.push('playlog-queue-full');
  if (i.queued.rejected > 0) flags.push('uploads-rejected');
  if (i.contentExpiresAt && Date.parse(i.contentExpiresAt) < i.now) flags.push('content-expired');
  if (i.contentPublishedAt && Date.parse(i.contentPublishedAt) > i.now + 10 * 60_000) flags.push('clock-behind');
  if (i.lastCheckAt !== null && lastCheckOk === false) flags.push('content-check-failing');
  return {
    id: i.id,
    at: i.now,
    siteCode: i.siteCode,
    mode: i.mode,
    appBuild: i.appBuild,
    contentVersion: i.contentVersion,
    contentPublishedAt: i.contentPublishedAt,
    contentExpiresAt: i.contentExpiresAt,
    lastCheckAt: i.lastCheckAt,
    lastCheckOk,
    lastError: i.lastError ? i.lastError.slice(0, 500) : null,
    uptimeSeconds: Math.max(0, Math.round((i.now - i.startedAt) / 1000)),
    storage: i.storage,
    screen: i.screen,
    onScreen: i.onScreen.slice(0, 200),
    queued: { ratings: i.queued.ratings + i.queued.overflow, playLog: i.queued.playLog, heartbeats: i.queued.heartbeats },
    flags,
    reloads: i.reloads.slice(-20),
    doneCommands: [...i.doneCommands],
  };
}

/** navigator.storage.estimate() and persisted(), or nulls where the browser has none. */
export async function storageInfo(nav: Navigator | undefined = globalThis.navigator): Promise<HeartbeatRequest['storage']> {
  const s = nav?.storage;
  const [estimate, persisted] = await Promise.all([
    s?.estimate ? s.estimate().catch(() => null) : null,
    s?.persisted ? s.persisted().catch(() => null) : null,
  ]);
  return {
    usedBytes: typeof estimate?.usage === 'number' ? estimate.usage : null,
    quotaBytes: typeof estimate?.quota === 'number' ? estimate.quota : null,
    persisted: typeof persisted === 'boolean' ? persisted : null,
  };
}
