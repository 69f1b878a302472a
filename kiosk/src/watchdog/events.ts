/**
 * A small durable log of what happened to this device when nobody watched: errors, reloads and
 * their reasons, clock problems. Kept in localStorage (survives reloads and power cuts), bounded
 * to the last MAX_EVENTS entries; the maintenance panel shows it and the heartbeat can send it
 * (readEvents()).
 */

export type EventKind = 'error' | 'reload' | 'clock' | 'update';

export interface DeviceEvent {
  at: number;
  kind: EventKind;
  /** In Chinese, for staff. */
  message: string;
}

export const EVENTS_STORAGE_KEY = 'bianmin.events';
export const MAX_EVENTS = 100;
const MAX_MESSAGE = 300;

type KV = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): KV | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readEvents(storage: KV | null = defaultStorage()): DeviceEvent[] {
  try {
    const v = JSON.parse(storage?.getItem(EVENTS_STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v.filter((e) => e && typeof e.at === 'number' && typeof e.message === 'string') as DeviceEvent[]) : [];
  } catch {
    return [];
  }
}

export function logEvent(kind: EventKind, message: string, at = Date.now(), storage: KV | null = defaultStorage()): void {
  const list = readEvents(storage);
  list.push({ at, kind, message: message.slice(0, MAX_MESSAGE) });
  try {
    storage?.setItem(EVENTS_STORAGE_KEY, JSON.stringify(list.slice(-MAX_EVENTS)));
  } catch {
    /* storage full or disabled: nothing more we can keep */
  }
}

/** Reloads the page, after writing down why. */
export function reloadWithReason(reason: string): void {
  logEvent('reload', reason);
  console.warn(`[自动恢复] 重新启动：${reason}`);
  location.reload();
}
