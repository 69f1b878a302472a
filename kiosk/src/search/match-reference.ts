/**
 * The straightforward recursive matcher the kiosk used before match.ts became table-driven.
 * Kept ONLY as the reference the tests compare match.ts against (never imported by the app).
 *
 * Each SearchEntry carries, for every character of its text, the possible
 * toneless readings (polyphones included). The kiosk ships no dictionary: a
 * query of latin letters is matched by letting each character of the text
 * consume a non-empty prefix of one of its readings, so initials (`dbsq`),
 * full pinyin (`dibao`), partial syllables (`dib`) and any mix of them match,
 * for any reading of a polyphonic character. Chinese characters typed through a
 * hardware keyboard / IME match themselves. Characters without readings
 * (punctuation, brackets) are skipped inside a match.
 *
 * Matches are contiguous runs of the text (a substring); only when no entry
 * matches contiguously does an out-of-order (subsequence) match count, ranked
 * below every contiguous one.
 */
import type { SearchEntry } from '../bundle/schema.ts';

export interface EntryMatch {
  /** Indexes of the characters of `entry.text` that the query matched, ascending. */
  hits: number[];
  /** Higher is better. */
  score: number;
  /** True when the match is contiguous (not the out-of-order fallback). */
  contiguous: boolean;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Lowercase, drop spaces and apostrophes (xi'an), full-width to half-width letters/digits. */
export function normaliseQuery(query: string): string {
  return [...query.normalize('NFKC').toLowerCase()].filter((c) => /[a-z0-9]/.test(c) || CJK.test(c)).join('');
}

interface Path {
  hits: number[];
  /** Sum of per-character quality: full syllable 3, partial 1, CJK 4; +1 for the first (context) reading. */
  quality: number;
}

/**
 * Best way to consume `q[qi..]` starting at text character `ti`, each
 * character consuming a prefix of one reading. `gapOk` allows skipping
 * characters that have readings (subsequence fallback).
 */
function consume(
  q: string,
  qi: number,
  chars: string[],
  readings: string[][],
  ti: number,
  gapOk: boolean,
  memo: Map<number, Path | null>,
): Path | null {
  if (qi === q.length) return { hits: [], quality: 0 };
  if (ti >= chars.length) return null;
  const key = qi * (chars.length + 1) + ti;
  if (memo.has(key)) return memo.get(key)!;
  let best = null as Path | null;
  const take = (p: Path | null, hit: number, quality: number) => {
    if (!p) return;
    const cand = { hits: [hit, ...p.hits], quality: p.quality + quality };
    if (!best || cand.quality > best.quality) best = cand;
  };
  const ch = chars[ti];
  const rs = readings[ti] ?? [];
  const qc = q[qi];
  if (CJK.test(qc)) {
    if (ch === qc) take(consume(q, qi + 1, chars, readings, ti + 1, gapOk, memo), ti, 4);
  } else {
    rs.forEach((r, ri) => {
      let k = 0;
      while (k < r.length && qi + k < q.length && q[qi + k] === r[k]) {
        k++;
        const quality = (k === r.length ? 3 : 1) + (ri === 0 ? 1 : 0);
        take(consume(q, qi + k, chars, readings, ti + 1, gapOk, memo), ti, quality);
      }
    });
  }
  // Characters without readings are transparent inside a match; with gapOk any character may be skipped.
  if ((rs.length === 0 && !CJK.test(ch)) || gapOk) {
    const skip = consume(q, qi, chars, readings, ti + 1, gapOk, memo);
    if (skip && (!best || skip.quality > best.quality)) best = skip;
  }
  memo.set(key, best);
  return best;
}

interface Prepared {
  chars: string[];
  /** Every letter or digit of any reading, and every CJK character of the text. */
  symbols: Set<string>;
}

/** Per-entry data derived once (entries live as long as their bundle). */
const preparedEntries = new WeakMap<SearchEntry, Prepared>();

function prepare(entry: SearchEntry): Prepared {
  let p = preparedEntries.get(entry);
  if (!p) {
    const chars = [...entry.text];
    const symbols = new Set<string>(chars.filter((c) => CJK.test(c)));
    for (const rs of entry.readings) for (const r of rs) for (const c of r) symbols.add(c);
    p = { chars, symbols };
    preparedEntries.set(entry, p);
  }
  return p;
}

/** Match one entry; null when the query does not match it. */
export function matchEntry(query: string, entry: SearchEntry, allowOutOfOrder = false): EntryMatch | null {
  return matchNormalised(normaliseQuery(query), entry, allowOutOfOrder);
}

function matchNormalised(q: string, entry: SearchEntry, allowOutOfOrder: boolean): EntryMatch | null {
  if (!q) return null;
  const { chars, symbols } = prepare(entry);
  // Cheap rejection: every typed letter must occur in some reading (most entries stop here).
  for (const c of q) if (!symbols.has(c)) return null;
  const readings = entry.readings;
  let best: { path: Path; start: number } | null = null;
  // The best continuation from (query position, text position) does not depend on where the
  // match started, so one memo serves every start.
  const memo = new Map<number, Path | null>();
  for (let start = 0; start < chars.length; start++) {
    // A match starts on a character that can match (has readings or equals a typed character).
    if ((readings[start] ?? []).length === 0 && chars[start] !== q[0]) continue;
    const path = consume(q, 0, chars, readings, start, false, memo);
    if (path && path.hits[0] === start && (!best || path.quality - start > best.path.quality - best.start)) {
      best = { path, start };
    }
  }
  if (best) {
    const { path, start } = best;
    const whole = path.hits.length === chars.filter((c, i) => (readings[i] ?? []).length > 0 || CJK.test(c)).length;
    const score =
      1000 + path.quality * 10 + (start === 0 ? 300 : 0) + (whole ? 200 : 0) - start * 5 - (entry.alias ? 30 : 0) - chars.length;
    return { hits: path.hits, score, contiguous: true };
  }
  if (!allowOutOfOrder) return null;
  const path = consume(q, 0, chars, readings, 0, true, new Map());
  if (!path) return null;
  const spread = path.hits[path.hits.length - 1] - path.hits[0];
  return { hits: path.hits, score: 100 + path.quality * 5 - spread - (entry.alias ? 30 : 0), contiguous: false };
}

export interface SearchResult {
  ref: string;
  /** The entry that matched best (the item's own name or an alias). */
  entry: SearchEntry;
  match: EntryMatch;
}

/**
 * All refs matching the query, best first. One result per ref (its best
 * entry). Ties are broken by `popularity(ref)` then by shorter text.
 * Out-of-order matches are returned only when nothing matches contiguously.
 */
export function search(
  entries: readonly SearchEntry[],
  query: string,
  options: { popularity?: (ref: string) => number; filter?: (entry: SearchEntry) => boolean; limit?: number } = {},
): SearchResult[] {
  const q = normaliseQuery(query);
  if (!q) return [];
  const pool = options.filter ? entries.filter(options.filter) : entries;
  const run = (outOfOrder: boolean) => {
    const byRef = new Map<string, SearchResult>();
    for (const entry of pool) {
      const match = matchNormalised(q, entry, outOfOrder);
      if (!match || (outOfOrder && match.contiguous)) continue;
      const prev = byRef.get(entry.ref);
      if (!prev || better(match, entry, prev.match, prev.entry)) byRef.set(entry.ref, { ref: entry.ref, entry, match });
    }
    return [...byRef.values()];
  };
  let results = run(false);
  if (results.length === 0) results = run(true);
  const pop = options.popularity ?? (() => 0);
  results.sort(
    (a, b) =>
      b.match.score - a.match.score || pop(b.ref) - pop(a.ref) || a.entry.text.length - b.entry.text.length || a.ref.localeCompare(b.ref),
  );
  return options.limit ? results.slice(0, options.limit) : results;
}

function better(m: EntryMatch, e: SearchEntry, pm: EntryMatch, pe: SearchEntry): boolean {
  if (m.score !== pm.score) return m.score > pm.score;
  // Prefer the item's own name over an alias when equally good.
  return !e.alias && !!pe.alias;
}
