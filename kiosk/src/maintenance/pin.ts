/**
 * The maintenance PIN: kept only as a salted PBKDF2-SHA256 hash in the site configuration
 * (content/sites/<site>.yaml `maintenancePin`, created with `npm run hash-pin`), verified with
 * WebCrypto on the kiosk. Five wrong tries lock the keypad for five minutes; the lock is kept
 * in localStorage, so a reload does not lift it.
 *
 *   pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>
 */

export const PIN_HASH_PREFIX = 'pbkdf2-sha256';
export const DEFAULT_ITERATIONS = 100_000;
export const MAX_TRIES = 5;
export const LOCK_MS = 5 * 60_000;
export const LOCK_STORAGE_KEY = 'bianmin.maintenance.lock';
/** 4 to 8 digits: typed on the on-screen keypad. */
export const PIN_PATTERN = /^\d{4,8}$/;
export const PIN_HASH_PATTERN = /^pbkdf2-sha256\$(\d{4,7})\$([A-Za-z0-9+/]{16,}={0,2})\$([A-Za-z0-9+/]{43}=)$/;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = DEFAULT_ITERATIONS, salt?: Uint8Array<ArrayBuffer>): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new Error('维护密码应为 4 到 8 位数字');
  const s = salt ?? crypto.getRandomValues(new Uint8Array(16));
  return `${PIN_HASH_PREFIX}$${iterations}$${b64(s)}$${b64(await derive(pin, s, iterations))}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const m = PIN_HASH_PATTERN.exec(stored);
  if (!m || !PIN_PATTERN.test(pin)) return false;
  const got = await derive(pin, unb64(m[2]), Number(m[1]));
  const want = unb64(m[3]);
  let diff = got.length ^ want.length;
  for (let i = 0; i < got.length; i++) diff |= got[i] ^ (want[i] ?? 0);
  return diff === 0;
}

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
