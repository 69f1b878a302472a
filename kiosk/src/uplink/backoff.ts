/** Exponential back-off with jitter for retries of uploads to the hub. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Delay before retry number `failures` (1 = after the first failure): base·2^(failures−1),
 * capped, then a random point in its upper half, so a hall of kiosks coming back online after a
 * power cut does not hit the hub in step.
 */
export function backoffMs(failures: number, random: () => number = Math.random, base = BACKOFF_BASE_MS, max = BACKOFF_MAX_MS): number {
  const n = Math.max(1, Math.floor(failures));
  const full = Math.min(max, base * 2 ** Math.min(n - 1, 30));
  return Math.round(full / 2 + random() * (full / 2));
}
