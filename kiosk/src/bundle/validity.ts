/**
 * Validity windows of published content (announcements): live from publishAt
 * (inclusive) until expireAt (exclusive), and the next instant at which any of
 * a list changes state — so a screen sets one timer instead of polling.
 */

/** Times in bundles are ISO 8601 with offset. A bare "YYYY-MM-DD HH:MM" (no offset)
 *  is read as China Standard Time (+08:00), the only zone the content uses. */
export function parseInstant(text: string | undefined): number | null {
  if (!text) return null;
  let s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00';
  s = s.replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += '+08:00';
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

export interface Validity {
  publishAt: string;
  expireAt?: string;
}

export function isLive(x: Validity, epochMs: number): boolean {
  const from = parseInstant(x.publishAt);
  if (from === null || epochMs < from) return false;
  const until = parseInstant(x.expireAt);
  return until === null || epochMs < until;
}

/** Earliest publishAt/expireAt strictly after epochMs, or null if none. */
export function nextBoundary(list: readonly Validity[], epochMs: number): number | null {
  let best: number | null = null;
  for (const x of list) {
    for (const t of [parseInstant(x.publishAt), parseInstant(x.expireAt)]) {
      if (t !== null && t > epochMs && (best === null || t < best)) best = t;
    }
  }
  return best;
}
