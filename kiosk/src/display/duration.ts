/**
 * How long a page stays on the wall.
 *
 * Reading speed: adults read printed Chinese at roughly 300–500 characters a minute
 * (5–8 chars/s). A hall screen is read standing 3–8 m away, often by older residents
 * and by people who only start reading once they notice the page, so we assume the
 * slow end: 5 characters per second, plus 3 seconds to find the start of the page.
 *
 * Bounds: below 8 s a page feels jumpy and a short notice is gone before anyone
 * turns to it. Above a minute a still page is taken for a frozen screen (the
 * running clock, the moving footer line and the "1/3 下页续" marker help up to
 * then), and people waiting for their number give a page about that long.
 * Pagination keeps a page within what can be read in the upper bound
 * (PAGE_CHAR_BUDGET ≈ 285 characters), so long text becomes more pages rather
 * than pages too short to finish.
 */
export const CHARS_PER_SECOND = 5;
export const ORIENTATION_SECONDS = 3;
export const MIN_SECONDS = 8;
export const MAX_SECONDS = 60;
/** Characters a page may hold so that it can be read within MAX_SECONDS. */
export const PAGE_CHAR_BUDGET = (MAX_SECONDS - ORIENTATION_SECONDS) * CHARS_PER_SECOND;
/** Bounds for a content author's `displaySeconds` hint (per page). */
export const HINT_MIN_SECONDS = 5;
export const HINT_MAX_SECONDS = 120;

/** Counts what a reader reads: letters, digits and CJK characters, not spaces or punctuation. */
export function readableLength(text: string): number {
  let n = 0;
  for (const ch of text) if (/[\p{L}\p{N}]/u.test(ch)) n++;
  return n;
}

/**
 * Seconds for one page. The author's hint is for the whole slide: a one-page slide
 * follows it exactly (within bounds); when the text had to be paginated, each page
 * gets its share of the hint but never less than its reading time.
 */
export function pageSeconds(text: string, hintSeconds?: number, pageCount = 1): number {
  const reading = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, Math.ceil(ORIENTATION_SECONDS + readableLength(text) / CHARS_PER_SECOND)));
  if (hintSeconds !== undefined && Number.isFinite(hintSeconds) && hintSeconds > 0) {
    const hint = Math.min(HINT_MAX_SECONDS, Math.max(HINT_MIN_SECONDS, Math.round(hintSeconds)));
    return pageCount <= 1 ? hint : Math.max(reading, Math.ceil(hint / pageCount));
  }
  return reading;
}
