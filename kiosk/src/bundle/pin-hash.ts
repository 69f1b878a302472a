/**
 * The maintenance PIN's hash, as the bundle carries it (SiteInfo.maintenancePin): a salted
 * PBKDF2-SHA256 hash made by `npm run hash-pin` (content/sites/<site>.yaml `maintenancePin`),
 * checked by the publisher and verified with WebCrypto on the kiosk (maintenance/pin.ts).
 *
 *   pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>
 */

export const PIN_HASH_PREFIX = 'pbkdf2-sha256';
export const DEFAULT_ITERATIONS = 100_000;
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
