import { describe, expect, it } from 'vitest';
import { hashPin, PIN_HASH_PATTERN, verifyPin } from '../bundle/pin-hash.ts';
import { LOCK_MS, lockRemaining, readLock, recordTry } from './pin.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('maintenance PIN', () => {
  it('hashes with a random salt and verifies only the right PIN', async () => {
    const a = await hashPin('246810', 1000);
    const b = await hashPin('246810', 1000);
    expect(a).toMatch(PIN_HASH_PATTERN);
    expect(a).not.toBe(b);
    expect(await verifyPin('246810', a)).toBe(true);
    expect(await verifyPin('246811', a)).toBe(false);
    expect(await verifyPin('', a)).toBe(false);
    expect(await verifyPin('246810', 'sha1$x')).toBe(false);
  });

  it('refuses PINs that are not 4–8 digits', async () => {
    await expect(hashPin('12a4')).rejects.toThrow('4 到 8 位数字');
    await expect(hashPin('123')).rejects.toThrow();
  });

  it('locks for five minutes after five wrong tries, kept in storage', () => {
    const s = memoryStorage();
    const t = 1_000_000;
    for (let i = 0; i < 4; i++) expect(recordTry(s, false, t).lockedUntil).toBe(0);
    const locked = recordTry(s, false, t);
    expect(lockRemaining(locked, t)).toBe(LOCK_MS);
    expect(lockRemaining(readLock(s), t + LOCK_MS - 1)).toBe(1);
    expect(lockRemaining(readLock(s), t + LOCK_MS)).toBe(0);
    // After the lock, a wrong try starts counting again.
    expect(recordTry(s, false, t + LOCK_MS + 1)).toEqual({ failures: 1, lockedUntil: 0 });
    expect(recordTry(s, true, t + LOCK_MS + 2)).toEqual({ failures: 0, lockedUntil: 0 });
    expect(readLock(s)).toEqual({ failures: 0, lockedUntil: 0 });
  });
});
