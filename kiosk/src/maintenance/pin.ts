/**
 * The maintenance panel's PIN keypad lock: five wrong tries lock it for five minutes; the lock is
 * kept in localStorage, so a reload does not lift it. The PIN itself is only ever a hash
 * (bundle/pin-hash.ts).
 */

export const MAX_TRIES = 5;
export const LOCK_MS = 5 * 60_000;
export const LOCK_STORAGE_KEY = 'bianmin.maintenance.lock';

export interface LockState {
  failures: number;
  /** Epoch ms until which the keypad is locked, or 0. */
  lockedUntil: number;
}

type KV = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readLock(storage: KV | null): LockState {
  try {
    const v = JSON.parse(storage?.getItem(LOCK_STORAGE_KEY) ?? 'null') as Partial<LockState> | null;
    return { failures: Number(v?.failures) || 0, lockedUntil: Number(v?.lockedUntil) || 0 };
  } catch {
    return { failures: 0, lockedUntil: 0 };
  }
}

function writeLock(storage: KV | null, s: LockState): void {
  try {
    if (s.failures === 0 && s.lockedUntil === 0) storage?.removeItem(LOCK_STORAGE_KEY);
    else storage?.setItem(LOCK_STORAGE_KEY, JSON.stringify(s));
  } catch {
    /* storage disabled: the lock lasts for this page load only */
  }
}

/** Milliseconds the keypad stays locked (0 = open). */
export function lockRemaining(s: LockState, now: number): number {
  return Math.max(0, s.lockedUntil - now);
}

/** Records one try; returns the new state. A wrong try after the lock ran out starts over. */
export function recordTry(storage: KV | null, ok: boolean, now: number): LockState {
  if (ok) {
    const s = { failures: 0, lockedUntil: 0 };
    writeLock(storage, s);
    return s;
  }
  const prev = readLock(storage);
  const failures = (prev.lockedUntil && prev.lockedUntil <= now ? 0 : prev.failures) + 1;
  const s = failures >= MAX_TRIES ? { failures, lockedUntil: now + LOCK_MS } : { failures, lockedUntil: 0 };
  writeLock(storage, s);
  return s;
}
