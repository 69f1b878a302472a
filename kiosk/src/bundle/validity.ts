/**
 * Validity windows of published content (announcements): live from publishAt
 * (inclusive) until expireAt (exclusive), and the next instant at which any of
 * a list changes state — so a screen sets one timer instead of polling.
 */
import { zonedTimeToEpoch } from '../time/zoned.ts';

/** Times in bundles are ISO 8601 with offset. A bare "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (no offset)
 *  is wall-clock time in `timeZone` (the county's, bundle.county.timeZone). */
export function parseInstant(text: string | undefined, timeZone: string): number | null {
  if (!text) return null;
  const s = text.trim().replace(' ', 'T');
  const bare = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?)?$/.exec(s);
  if (bare) {
    const t = zonedTimeToEpoch(bare[1], bare[2] ?? '00:00', timeZone);
    return Number.isNaN(t) ? null : t;
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

export interface Validity {
  publishAt: string;
  expireAt?: string;
}

export function isLive(x: Validity, epochMs: number, timeZone: string): boolean {
  const from = parseInstant(x.publishAt, timeZone);
  if (from === null || epochMs < from) return false;
  const until = parseInstant(x.expireAt, timeZone);
  return until === null || epochMs < until;
}

/** Earliest publishAt/expireAt strictly after epochMs, or null if none. */
export function nextBoundary(list: readonly Validity[], epochMs: number, timeZone: string): number | null {
  let best: number | null = null;
  for (const x of list) {
    for (const t of [parseInstant(x.publishAt, timeZone), parseInstant(x.expireAt, timeZone)]) {
      if (t !== null && t > epochMs && (best === null || t < best)) best = t;
    }
  }
  return best;
}
