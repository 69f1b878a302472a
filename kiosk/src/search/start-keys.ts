/**
 * Start keys of a search entry: every key (see SearchIndex in bundle/schema.ts) that a query
 * matching this entry contiguously, or out of order, can begin with. Mirrors the matcher's
 * rules in match.ts: a match starts on a character that has readings (a letter query) or
 * equals the typed CJK character; each character consumes a non-empty prefix of one of its
 * readings; characters without readings that are not CJK are transparent inside a match.
 * Built on the kiosk once per version (state/sync.ts) and in Node (read-published.ts, tests).
 */
import type { SearchEntry, SearchIndex } from '../bundle/schema.ts';
import { listedKey } from './lookup.ts';

export { decodeStarts, startKeyOf } from './lookup.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function startKeys(entry: SearchEntry): Set<string> {
  const chars = [...entry.text];
  const keys = new Set<string>();
  for (let s = 0; s < chars.length; s++) keysFrom(entry, chars, s, keys);
  return keys;
}

/** The keys of the matches that start on the entry's first character (see startKeys). */
export function leadKeys(entry: SearchEntry, chars: ArrayLike<string>): Set<string> {
  const keys = new Set<string>();
  if (chars.length > 0) keysFrom(entry, chars, 0, keys);
  return keys;
}

/** Adds the keys of the matches that start on character `s` of the entry. */
function keysFrom(entry: SearchEntry, chars: ArrayLike<string>, s: number, keys: Set<string>): void {
  const readings = entry.readings;
  const consuming = (i: number) => (readings[i] ?? []).length > 0 || CJK.test(chars[i]);
  const ch = chars[s];
  if (CJK.test(ch)) keys.add(ch);
  const rs = readings[s] ?? [];
  if (rs.length === 0) return;
  // The next character a match continues on (transparent characters skipped).
  let j = s + 1;
  while (j < chars.length && !consuming(j)) j++;
  const next: string[] = [];
  if (j < chars.length) {
    for (const r of readings[j] ?? []) if (r) next.push(r[0]);
    if (CJK.test(chars[j])) next.push(chars[j]);
  }
  for (const r of rs) {
    if (!r) continue;
    keys.add(r[0]);
    if (r.length > 1) keys.add(r.slice(0, 2));
    for (const n of next) keys.add(r[0] + n);
  }
}

/** The lookup table over `entries` (in their order). */
export function buildStartIndex(entries: readonly SearchEntry[]): SearchIndex {
  const lists = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const k of startKeys(e)) {
      // Keys with a CJK character are not listed: queries typed through an IME scan.
      if (!listedKey(k)) continue;
      let l = lists.get(k);
      if (!l) lists.set(k, (l = []));
      l.push(i);
    }
  });
  const starts: Record<string, string> = {};
  const dense: string[] = [];
  for (const k of [...lists.keys()].sort()) {
    const list = lists.get(k)!;
    // A list of more than an eighth of the entries saves little over a scan (the cheap letter
    // check rejects most entries at once): not shipped (the kiosk ranks its best entries once).
    if (list.length * 8 > entries.length && entries.length > 64) {
      dense.push(k);
      continue;
    }
    let prev = -1;
    starts[k] = list
      .map((i) => {
        const gap = i - prev;
        prev = i;
        return gap.toString(36);
      })
      .join(',');
  }
  return { v: 1, entries: entries.length, starts, dense };
}
