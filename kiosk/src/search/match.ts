/**
 * Pinyin matcher over the search index precomputed by the publisher.
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
import type { SearchEntry, SearchIndex } from '../bundle/schema.ts';
import { candidates, isRankedKey, keepLeads, listedKey, keepRanked, leadsFor, rankedFor, rankedKeys, remember } from './lookup.ts';
import { leadKeys } from './start-keys.ts';

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

/**
 * Scratch tables for one entry's match, reused across entries (no allocation per entry).
 * For query position qi and text position ti (row stride n + 1):
 *   quality[qi][ti]  best quality consuming q[qi..] from ti on, -1 when impossible;
 *   nextQ[qi][ti]    query position after the chosen step;
 *   hit[qi][ti]      1 when the step consumed character ti, 0 when it skipped it.
 * Filled bottom-up in exactly the order the recursive definition tries its options
 * (reading by reading, shorter prefix first, then skipping), replacing only on a strictly
 * better quality, so ties resolve as they always did (match-reference.ts is the definition).
 */
let quality = new Int32Array(0);
let nextQ = new Int32Array(0);
let hitAt = new Uint8Array(0);

function ensureTables(size: number) {
  if (quality.length >= size) return;
  const n = Math.max(size, quality.length * 2, 256);
  quality = new Int32Array(n);
  nextQ = new Int32Array(n);
  hitAt = new Uint8Array(n);
}

function fillTables(q: string, qChars: string[], qCjk: boolean[], chars: Chars, readings: string[][], gapOk: boolean) {
  const m = qChars.length;
  const n = chars.length;
  const w = n + 1;
  ensureTables((m + 1) * w);
  for (let ti = 0; ti <= n; ti++) quality[m * w + ti] = 0;
  for (let qi = 0; qi < m; qi++) quality[qi * w + n] = -1;
  for (let ti = n - 1; ti >= 0; ti--) {
    const rs = readings[ti] ?? [];
    const skippable = (rs.length === 0 && !cjkAt(chars, ti)) || gapOk;
    for (let qi = m - 1; qi >= 0; qi--) {
      let best = -1;
      let bestNext = 0;
      let bestHit = 0;
      if (qCjk[qi]) {
        if (chars[ti] === qChars[qi]) {
          const sub = quality[(qi + 1) * w + ti + 1];
          if (sub >= 0) {
            best = sub + 4;
            bestNext = qi + 1;
            bestHit = 1;
          }
        }
      } else {
        for (let ri = 0; ri < rs.length; ri++) {
          const r = rs[ri];
          let k = 0;
          while (k < r.length && qi + k < m && q.charCodeAt(qi + k) === r.charCodeAt(k)) {
            k++;
            const sub = quality[(qi + k) * w + ti + 1];
            if (sub < 0) continue;
            const cand = sub + (k === r.length ? 3 : 1) + (ri === 0 ? 1 : 0);
            if (best < 0 || cand > best) {
              best = cand;
              bestNext = qi + k;
              bestHit = 1;
            }
          }
        }
      }
      if (skippable) {
        const skip = quality[qi * w + ti + 1];
        if (skip >= 0 && (best < 0 || skip > best)) {
          best = skip;
          bestNext = qi;
          bestHit = 0;
        }
      }
      const at = qi * w + ti;
      quality[at] = best;
      nextQ[at] = bestNext;
      hitAt[at] = bestHit;
    }
  }
}

/** Characters consumed on the chosen path from (0, start). */
function pathHits(m: number, n: number, start: number): number[] {
  const w = n + 1;
  const hits: number[] = [];
  let qi = 0;
  let ti = start;
  while (qi < m) {
    const at = qi * w + ti;
    if (hitAt[at]) hits.push(ti);
    qi = nextQ[at];
    ti++;
  }
  return hits;
}

/**
 * An entry's characters: its text itself when every character is one code unit (nearly
 * always: nothing to allocate), else the text split into code points (kept per entry).
 */
type Chars = string | readonly string[];

const splitEntries = new WeakMap<SearchEntry, string[]>();

function charsOf(entry: SearchEntry): Chars {
  const text = entry.text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      let split = splitEntries.get(entry);
      if (!split) splitEntries.set(entry, (split = [...text]));
      return split;
    }
  }
  return text;
}

/** The same test as CJK, on character `i` (astral characters are not in its ranges); no string is made. */
function cjkAt(chars: Chars, i: number): boolean {
  const c = typeof chars === 'string' ? chars.charCodeAt(i) : chars[i].charCodeAt(0);
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * Cheap per-entry facts, computed without allocating: bit per letter a–z and per digit 0–9
 * occurring in any reading, the number of characters, and how many count towards a whole-text
 * match (characters with readings, and CJK characters).
 */
interface Facts {
  letters: number;
  digits: number;
  /** Bits of the letters and digits that begin a reading (a match starts on one). */
  firstLetters: number;
  firstDigits: number;
  /** The same for the readings of the text's first character (a match at the start). */
  leadLetters: number;
  leadDigits: number;
  length: number;
  countable: number;
  /** 1 when some reading is one symbol long (a latin letter, a digit): a step on it scores 4 for one typed symbol. */
  short: number;
}

function factsOf(entry: SearchEntry, out: Facts): Facts {
  let letters = 0;
  let digits = 0;
  let firstLetters = 0;
  let firstDigits = 0;
  let leadLetters = 0;
  let leadDigits = 0;
  let countable = 0;
  let short = 0;
  const rss = entry.readings;
  let anyEmpty = false;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    if (rs.length === 0) {
      anyEmpty = true;
      continue;
    }
    countable++;
    for (let j = 0; j < rs.length; j++) {
      const r = rs[j];
      if (r.length === 1) short = 1;
      const c0 = r.charCodeAt(0);
      if (c0 >= 97 && c0 <= 122) {
        firstLetters |= 1 << (c0 - 97);
        if (i === 0) leadLetters |= 1 << (c0 - 97);
      } else if (c0 >= 48 && c0 <= 57) {
        firstDigits |= 1 << (c0 - 48);
        if (i === 0) leadDigits |= 1 << (c0 - 48);
      }
      for (let k = 0; k < r.length; k++) {
        const c = r.charCodeAt(k);
        if (c >= 97 && c <= 122) letters |= 1 << (c - 97);
        else if (c >= 48 && c <= 57) digits |= 1 << (c - 48);
      }
    }
  }
  const text = entry.text;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    length++;
  }
  // A CJK character without readings still counts (it matches itself).
  if (anyEmpty) {
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) if ((rss[i] ?? []).length === 0 && CJK.test(chars[i])) countable++;
  }
  out.letters = letters;
  out.digits = digits;
  out.firstLetters = firstLetters;
  out.firstDigits = firstDigits;
  out.leadLetters = leadLetters;
  out.leadDigits = leadDigits;
  out.length = length;
  out.countable = countable;
  out.short = short;
  return out;
}

/** Facts of every entry of one entries array, in typed arrays (computed on its first search). */
interface FactTable {
  letters: Int32Array;
  digits: Int32Array;
  firstLetters: Int32Array;
  firstDigits: Int32Array;
  leadLetters: Int32Array;
  leadDigits: Int32Array;
  length: Int32Array;
  countable: Int32Array;
  short: Uint8Array;
}
const factTables = new WeakMap<readonly SearchEntry[], FactTable>();

function factTable(entries: readonly SearchEntry[]): FactTable {
  let t = factTables.get(entries);
  if (!t) {
    const n = entries.length;
    t = {
      letters: new Int32Array(n),
      digits: new Int32Array(n),
      firstLetters: new Int32Array(n),
      firstDigits: new Int32Array(n),
      leadLetters: new Int32Array(n),
      leadDigits: new Int32Array(n),
      length: new Int32Array(n),
      countable: new Int32Array(n),
      short: new Uint8Array(n),
    };
    const f = noFacts();
    for (let i = 0; i < n; i++) {
      factsOf(entries[i], f);
      t.letters[i] = f.letters;
      t.digits[i] = f.digits;
      t.firstLetters[i] = f.firstLetters;
      t.firstDigits[i] = f.firstDigits;
      t.leadLetters[i] = f.leadLetters;
      t.leadDigits[i] = f.leadDigits;
      t.length[i] = f.length;
      t.countable[i] = f.countable;
      t.short[i] = f.short;
    }
    factTables.set(entries, t);
  }
  return t;
}

/** Facts to be filled by factsOf(). */
function noFacts(): Facts {
  return { letters: 0, digits: 0, firstLetters: 0, firstDigits: 0, leadLetters: 0, leadDigits: 0, length: 0, countable: 0, short: 0 };
}

/** A normalised query split once for matching many entries. */
export interface PreparedQuery {
  q: string;
  chars: string[];
  cjk: boolean[];
  letters: number;
  digits: number;
  han: string[];
}

export function prepareQuery(q: string): PreparedQuery {
  const chars = [...q];
  const cjk = chars.map((c) => CJK.test(c));
  let letters = 0;
  let digits = 0;
  for (const ch of chars) {
    const c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) letters |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) digits |= 1 << (c - 48);
  }
  return { q, chars, cjk, letters, digits, han: chars.filter((_, i) => cjk[i]) };
}

/** Match one entry; null when the query does not match it. */
export function matchEntry(query: string, entry: SearchEntry, allowOutOfOrder = false): EntryMatch | null {
  const q = normaliseQuery(query);
  if (!q) return null;
  const f = factsOf(entry, noFacts());
  const pq = prepareQuery(q);
  if (!passes(pq, entry, f.letters, f.digits)) return null;
  return matchPrepared(pq, entry, allowOutOfOrder, f.length, f.countable);
}

/** Cheap rejection: every typed letter must occur in some reading, every typed CJK character in the text. */
function passes(pq: PreparedQuery, entry: SearchEntry, letters: number, digits: number): boolean {
  if ((letters & pq.letters) !== pq.letters || (digits & pq.digits) !== pq.digits) return false;
  for (const h of pq.han) if (!entry.text.includes(h)) return false;
  return true;
}

/** Score of a contiguous match (the one formula for every path). */
function contiguousScore(quality: number, start: number, whole: boolean, alias: boolean, length: number): number {
  return 1000 + quality * 10 + (start === 0 ? 300 : 0) + (whole ? 200 : 0) - start * 5 - (alias ? 30 : 0) - length;
}

/**
 * Match an entry that passed the cheap checks; `length` and `countable` from its facts.
 * `gapsOnly`: only the out-of-order match is looked for (the search knows no entry its filter
 * keeps matches contiguously).
 */
function matchPrepared(
  pq: PreparedQuery,
  entry: SearchEntry,
  allowOutOfOrder: boolean,
  length: number,
  countable: number,
  gapsOnly = false,
): EntryMatch | null {
  const readings = entry.readings;
  const m = pq.chars.length;
  if (m === 1 && !pq.cjk[0]) {
    // One letter: the table below reduces to the best reading at the best start.
    const c = pq.q.charCodeAt(0);
    let bestStart = -1;
    let bestQual = 0;
    for (let start = 0; start < readings.length; start++) {
      const rs = readings[start];
      let best = -1;
      for (let ri = 0; ri < rs.length; ri++) {
        const r = rs[ri];
        if (r.charCodeAt(0) !== c) continue;
        const cand = (r.length === 1 ? 3 : 1) + (ri === 0 ? 1 : 0);
        if (cand > best) best = cand;
      }
      if (best >= 0 && (bestStart < 0 || best - start > bestQual - bestStart)) {
        bestStart = start;
        bestQual = best;
      }
    }
    if (bestStart < 0) return null;
    return { hits: [bestStart], score: contiguousScore(bestQual, bestStart, countable === 1, !!entry.alias, length), contiguous: true };
  }
  const chars = charsOf(entry);
  // normaliseQuery keeps only a–z, 0–9 and BMP CJK characters: one code unit each.
  const q = pq.q;
  const n = chars.length;
  // The best continuation from (query position, text position) does not depend on where the
  // match started, so one table serves every start.
  if (!gapsOnly) {
    fillTables(q, pq.chars, pq.cjk, chars, readings, false);
    let bestStart = -1;
    let bestScore = 0;
    for (let start = 0; start < n; start++) {
      // A match starts on a character that can match (has readings or equals a typed character).
      if ((readings[start] ?? []).length === 0 && chars[start] !== pq.chars[0]) continue;
      const qual = quality[start];
      if (qual >= 0 && hitAt[start] === 1 && (bestStart < 0 || qual - start > bestScore - bestStart)) {
        bestStart = start;
        bestScore = qual;
      }
    }
    if (bestStart >= 0) {
      const hits = pathHits(m, n, bestStart);
      return { hits, score: contiguousScore(bestScore, bestStart, hits.length === countable, !!entry.alias, n), contiguous: true };
    }
  }
  if (!allowOutOfOrder) return null;
  fillTables(q, pq.chars, pq.cjk, chars, readings, true);
  if (quality[0] < 0 || n === 0) return null;
  const hits = pathHits(m, n, 0);
  const spread = hits[hits.length - 1] - hits[0];
  return { hits, score: 100 + quality[0] * 5 - spread - (entry.alias ? 30 : 0), contiguous: false };
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
export interface SearchOptions {
  popularity?: (ref: string) => number;
  filter?: (entry: SearchEntry) => boolean;
  limit?: number;
  /** The bundle's lookup table over exactly these entries (SiteBundle.searchIndex): candidates are looked up, not scanned. */
  index?: SearchIndex;
}

export function search(entries: readonly SearchEntry[], query: string, options: SearchOptions = {}): SearchResult[] {
  const q = normaliseQuery(query);
  if (!q) return [];
  const filter = options.filter;
  const limit = options.limit;
  const pq = prepareQuery(q);
  const run = (outOfOrder: boolean) => {
    const byRef = new Map<string, SearchResult>();
    // With a limit: how many refs have each best score so far (a lower bound on the score a ref
    // needs to be among the first `limit` follows from it, see below).
    const scores = limit && !outOfOrder ? new Int32Array(SCORE_BUCKETS) : undefined;
    const consider = (entry: SearchEntry, match: EntryMatch | null) => {
      if (!match || (outOfOrder && match.contiguous)) return;
      const prev = byRef.get(entry.ref);
      if (prev && !better(match, entry, prev.match, prev.entry)) return;
      if (filter && !filter(entry)) return;
      if (scores) {
        if (prev) scores[bucketOf(prev.match.score)]--;
        scores[bucketOf(match.score)]++;
      }
      byRef.set(entry.ref, { ref: entry.ref, entry, match });
    };
    const facts = factTable(entries);
    const test = (i: number) => {
      const entry = entries[i];
      if (!passes(pq, entry, facts.letters[i], facts.digits[i])) return null;
      return matchPrepared(pq, entry, outOfOrder, facts.length[i], facts.countable[i]);
    };
    // A query that is a dense key ("d", "sh"): read its ranked list (made on first use, or ahead
    // by prepareSearch) score by score until `limit` refs are in; every entry not listed scores
    // lower, so these are the first results.
    const ranked = !outOfOrder && limit ? rankedList(entries, options.index, q) : undefined;
    if (ranked && limit) {
      let group = Number.POSITIVE_INFINITY;
      let inOrder = true;
      let done = false;
      for (let k = 0; k < ranked.length; k++) {
        const i = ranked[k];
        const match = i < entries.length ? test(i) : null;
        // Not in the table's order (cannot happen for a table built over these entries): scan.
        if (!match?.contiguous || match.score > group) {
          inOrder = false;
          break;
        }
        if (match.score < group) {
          if (byRef.size >= limit) {
            done = true;
            break;
          }
          group = match.score;
        }
        consider(entries[i], match);
      }
      if (inOrder && !done) done = byRef.size >= limit;
      if (done) {
        remember(entries, options.index, q, startSuperset(facts, q));
        return [...byRef.values()];
      }
      byRef.clear();
    }
    const list = candidates(entries, options.index, q, outOfOrder);
    const matched: number[] = [];
    // Once `limit` refs are in, an entry whose best possible score is below the score the
    // limit-th ref has now cannot be among the first results (scores only rise): not matched,
    // only kept as a candidate for the next key. Best possible: 4 per query symbol, the start
    // bonus only when its first character can start the match, the whole-text bonus only when
    // it has no more characters than the query has symbols.
    const bestOf = bestPossible(facts, pq);
    // A floor known before any match: the limit-th best of what the entries that certainly
    // match from their first character score at least (in entry order the strong matches may
    // come last, and every entry before them would be matched in full).
    startAtZeroTable(entries.length);
    // Only an entry whose first character can begin the query can match from character 0.
    const leads = scores ? leadList(entries, options.index, pq) : undefined;
    const many = !list || list.length >= FLOOR_CANDIDATES;
    const floor = scores && limit && many ? startFloor(entries, facts, pq, leads ?? list, limit, filter) : Number.NEGATIVE_INFINITY;
    let needed = floor;
    // Checked on the first entry once `limit` refs are in, then every 64 entries.
    let sinceCheck = 63;
    const visit = (i: number) => {
      const entry = entries[i];
      if (!passes(pq, entry, facts.letters[i], facts.digits[i])) return;
      if (scores && limit) {
        if (byRef.size >= limit && ++sinceCheck >= 64) {
          sinceCheck = 0;
          needed = Math.max(floor, neededScore(scores, limit));
        }
        const best = bestOf(i, entry);
        // When the start bonus was counted: a match from character 0 scores exactly as its
        // quality there says (the whole-text bonus when it can apply), one from a later
        // character at least the start bonus and 5 less than `best`.
        if (
          best < needed ||
          (best - START_BONUS - 5 < needed &&
            leadOf(facts, pq, i) &&
            Math.max(best - START_BONUS - 5, zeroScore(atZero(pq, entry, i), facts, pq, i, entry, true)) < needed)
        ) {
          matched.push(i);
          return;
        }
      }
      // Out of order: the contiguous search found nothing its filter keeps among a superset of
      // the contiguous matches, so only gaps are looked for.
      const match = matchPrepared(pq, entry, outOfOrder, facts.length[i], facts.countable[i], outOfOrder);
      if (match?.contiguous) matched.push(i);
      consider(entry, match);
    };
    if (leads && floor > offStartBest(facts, pq.chars.length)) {
      // Every match from a later character scores below the floor: the first results all
      // match from character 0, and only those entries are visited. What the next key can
      // match is then not narrowed down: it starts from these candidates again.
      for (const i of leads) visit(i);
      remember(entries, options.index, q, list);
      return [...byRef.values()];
    }
    // No list (an out-of-order fallback, a query without a usable index): the entries holding
    // every typed letter and digit, else every entry.
    const scan = list ?? holding(facts, pq);
    if (scan) for (const i of scan) visit(i);
    else for (let i = 0; i < entries.length; i++) visit(i);
    if (!outOfOrder) remember(entries, options.index, q, Int32Array.from(matched));
    return [...byRef.values()];
  };
  let results = run(false);
  if (results.length === 0) results = run(true);
  const pop = options.popularity ?? (() => 0);
  const order = (a: SearchResult, b: SearchResult) =>
    b.match.score - a.match.score || pop(b.ref) - pop(a.ref) || a.entry.text.length - b.entry.text.length || a.ref.localeCompare(b.ref);
  return limit ? firstInOrder(results, order, limit) : results.sort(order);
}

/**
 * The best score entry `i` can have for the query (contiguousScore with every bonus it can
 * still get): at most 4 quality per character it consumes (one per query symbol at most, and
 * no more than its countable characters); a step scores 4 for one symbol only on a reading of
 * one symbol or a typed CJK character — otherwise a step of k symbols scores at most 2 (a
 * prefix) or 4 (a whole reading, k ≥ 2), so at most 2 per symbol. The start bonus only when
 * its first character can start the match, the whole-text bonus only when it has no more
 * characters than the query has symbols.
 */
function bestPossible(facts: FactTable, pq: PreparedQuery): (i: number, entry: SearchEntry) => number {
  const m = pq.chars.length;
  const q0 = pq.q.charCodeAt(0);
  const lead = q0 >= 97 && q0 <= 122 ? facts.leadLetters : q0 >= 48 && q0 <= 57 ? facts.leadDigits : undefined;
  const leadBit = lead ? bitOf(q0) : 0;
  const anyHan = pq.han.length > 0;
  return (i, entry) => boundOf(facts, i, m, anyHan) + (!lead || lead[i] & leadBit ? START_BONUS : 0) - (entry.alias ? 30 : 0);
}

/** bestPossible without the start bonus and the alias penalty (`anyHan`: the query has a CJK character). */
function boundOf(facts: FactTable, i: number, m: number, anyHan: boolean): number {
  const countable = facts.countable[i];
  return 1000 + 10 * Math.min(anyHan || facts.short[i] ? 4 * m : 2 * m, 4 * countable) + (countable <= m ? 200 : 0) - facts.length[i];
}

const START_BONUS = 300;

/**
 * The most any entry can score for a query of `m` letters and digits with a match that does not
 * start on its first character (boundOf, 5 less for the later start). For up to
 * OFF_START_SYMBOLS symbols all are found in one pass (offStartTable), on first use.
 */
function offStartBest(facts: FactTable, m: number): number {
  return m <= OFF_START_SYMBOLS ? offStartTable(facts)[m] : offStartOver(facts, m, m)[m];
}

function offStartTable(facts: FactTable): Float64Array {
  let table = offStart.get(facts);
  if (!table) offStart.set(facts, (table = offStartOver(facts, 1, OFF_START_SYMBOLS)));
  return table;
}

function offStartOver(facts: FactTable, from: number, upTo: number): Float64Array {
  const best = new Float64Array(upTo + 1).fill(Number.NEGATIVE_INFINITY);
  const n = facts.length.length;
  for (let i = 0; i < n; i++) {
    for (let m = from; m <= upTo; m++) best[m] = Math.max(best[m], boundOf(facts, i, m, false) - 5);
  }
  return best;
}
const OFF_START_SYMBOLS = 16;
const offStart = new WeakMap<FactTable, Float64Array>();

/**
 * The entries that hold every letter and digit of the query in their readings, ascending (what
 * `passes` lets through, but for typed CJK characters): one bitset per symbol over the entries,
 * made on first use. Undefined for a query without letters or digits.
 */
function holding(facts: FactTable, pq: PreparedQuery): Int32Array | undefined {
  if (pq.letters === 0 && pq.digits === 0) return undefined;
  const sets = symbolSetsOf(facts);
  const words = sets[0].length;
  const wanted: Int32Array[] = [];
  for (let c = 0; c < 26; c++) if (pq.letters & (1 << c)) wanted.push(sets[c]);
  for (let c = 0; c < 10; c++) if (pq.digits & (1 << c)) wanted.push(sets[26 + c]);
  const out: number[] = [];
  for (let w = 0; w < words; w++) {
    let word = -1;
    for (let k = 0; k < wanted.length && word !== 0; k++) word &= wanted[k][w];
    for (; word !== 0; word &= word - 1) out.push((w << 5) + 31 - Math.clz32(word & -word));
  }
  return Int32Array.from(out);
}

/** One bitset over the entries per letter a–z and digit 0–9 (26 + d): the entries holding it. */
function symbolSetsOf(facts: FactTable): Int32Array[] {
  let sets = symbolSets.get(facts);
  if (!sets) {
    const n = facts.letters.length;
    const words = (n + 31) >>> 5;
    sets = Array.from({ length: 36 }, () => new Int32Array(words));
    for (let i = 0; i < n; i++) {
      const w = i >>> 5;
      const bit = 1 << (i & 31);
      for (let b = facts.letters[i]; b !== 0; b &= b - 1) sets[31 - Math.clz32(b & -b)][w] |= bit;
      for (let b = facts.digits[i]; b !== 0; b &= b - 1) sets[26 + 31 - Math.clz32(b & -b)][w] |= bit;
    }
    symbolSets.set(facts, sets);
  }
  return sets;
}
const symbolSets = new WeakMap<FactTable, Int32Array[]>();

/** The lead list of the query's start key, when made and the query is two or more letters and digits. */
function leadList(entries: readonly SearchEntry[], index: SearchIndex | undefined, pq: PreparedQuery): Int32Array | undefined {
  if (pq.chars.length < 2 || pq.cjk[0] || pq.cjk[1]) return undefined;
  return leadsFor(entries, index, pq.q.slice(0, 2));
}

/**
 * What a match from character 0 of quality `quality` scores: at most (`whole`: with the
 * whole-text bonus when it can apply) or at least (without it); -Infinity when there is none.
 */
function zeroScore(quality: number, facts: FactTable, pq: PreparedQuery, i: number, entry: SearchEntry, whole: boolean): number {
  if (quality < 0) return Number.NEGATIVE_INFINITY;
  return contiguousScore(quality, 0, whole && facts.countable[i] <= pq.chars.length, !!entry.alias, facts.length[i]);
}

/**
 * A score that at least `limit` refs reach (-Infinity when not known): from the entries among
 * `list` (undefined: all) that match from their first character, each counted by the least it
 * scores there, once per ref. Only for queries of two or more symbols starting with a letter or
 * digit (the caller asks when there are many candidates: with few the matching finds the first
 * results soon enough).
 * Each quality found is kept in the scratch table (see atZero).
 */
function startFloor(
  entries: readonly SearchEntry[],
  facts: FactTable,
  pq: PreparedQuery,
  list: Int32Array | undefined,
  limit: number,
  filter: ((entry: SearchEntry) => boolean) | undefined,
): number {
  const n = list ? list.length : entries.length;
  if (pq.chars.length < 2 || pq.cjk[0]) return Number.NEGATIVE_INFINITY;
  // Each found entry as (least score + 2^20) · 2^22 + index: sorted as numbers, best last.
  const found: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = list ? list[k] : k;
    const entry = entries[i];
    if (!leadOf(facts, pq, i) || !passes(pq, entry, facts.letters[i], facts.digits[i])) continue;
    const quality = qualityAtZero(pq, entry);
    keepAtZero(i, quality);
    // No match from character 0, or the search gave up (its quality is then only an upper bound).
    if (quality < 0 || steps > MAX_STEPS) continue;
    found.push((zeroScore(quality, facts, pq, i, entry, false) + SHIFT) * INDEXES + i);
  }
  if (found.length < limit) return Number.NEGATIVE_INFINITY;
  // The limit-th ref, best first (the filter and one entry per ref counted), gives the floor.
  const sorted = Float64Array.from(found).sort();
  const refs = new Set<string>();
  for (let k = sorted.length - 1; k >= 0; k--) {
    const i = sorted[k] % INDEXES;
    const entry = entries[i];
    if (refs.has(entry.ref) || (filter && !filter(entry))) continue;
    refs.add(entry.ref);
    if (refs.size === limit) return Math.floor(sorted[k] / INDEXES) - SHIFT;
  }
  return Number.NEGATIVE_INFINITY;
}

/**
 * Qualities from character 0 found by startFloor for the search running now, reused when its
 * entries are visited: one slot per entry, valid where its stamp is the search's.
 */
let zeroStamp = new Int32Array(0);
let zeroQuality = new Int32Array(0);
let stamp = 0;

function startAtZeroTable(n: number): void {
  if (zeroStamp.length < n) {
    zeroStamp = new Int32Array(n);
    zeroQuality = new Int32Array(n);
    stamp = 0;
  }
  stamp++;
}

function keepAtZero(i: number, quality: number): void {
  zeroStamp[i] = stamp;
  zeroQuality[i] = quality;
}

/** The entry's quality from character 0, looked up when startFloor found it. */
function atZero(pq: PreparedQuery, entry: SearchEntry, i: number): number {
  return zeroStamp[i] === stamp ? zeroQuality[i] : qualityAtZero(pq, entry);
}

/** Packing of a score and an entry index into one number (startFloor). */
const SHIFT = 2 ** 20;
const INDEXES = 2 ** 22;

/** Candidates from which on a query's floor (startFloor) is worth finding first. */
const FLOOR_CANDIDATES = 1024;

/** True when the readings of entry `i`'s first character begin with the query's first letter or digit. */
function leadOf(facts: FactTable, pq: PreparedQuery, i: number): boolean {
  const c = pq.q.charCodeAt(0);
  if (c >= 97 && c <= 122) return (facts.leadLetters[i] & bitOf(c)) !== 0;
  if (c >= 48 && c <= 57) return (facts.leadDigits[i] & bitOf(c)) !== 0;
  return false;
}

/**
 * The best quality of a contiguous match of the query that starts on the text's first
 * character, -1 when none can (the matcher's rules, searched depth first: a character consumes
 * a non-empty prefix of one of its readings, or itself for a typed CJK character; characters
 * without readings that are not CJK are skipped inside a match). Gives up after MAX_STEPS
 * steps with a quality no match reaches (4 per symbol is the most).
 */
function qualityAtZero(pq: PreparedQuery, entry: SearchEntry): number {
  steps = 0;
  return fromHere(pq, charsOf(entry), entry.readings, 0, 0, true);
}

const MAX_STEPS = 256;
let steps = 0;

function fromHere(pq: PreparedQuery, chars: Chars, rss: string[][], qi: number, ti: number, first: boolean): number {
  const m = pq.chars.length;
  if (qi === m) return 0;
  if (ti === chars.length) return -1;
  if (++steps > MAX_STEPS) return 4 * m + 1;
  const rs = rss[ti] ?? [];
  let best = -1;
  if (pq.cjk[qi]) {
    if (chars[ti] === pq.chars[qi]) {
      const sub = fromHere(pq, chars, rss, qi + 1, ti + 1, false);
      if (sub >= 0) best = sub + 4;
    }
  } else {
    const q = pq.q;
    for (let ri = 0; ri < rs.length; ri++) {
      const r = rs[ri];
      let k = 0;
      while (k < r.length && qi + k < m && q.charCodeAt(qi + k) === r.charCodeAt(k)) {
        k++;
        const sub = fromHere(pq, chars, rss, qi + k, ti + 1, false);
        if (sub >= 0) best = Math.max(best, sub + (k === r.length ? 3 : 1) + (ri === 0 ? 1 : 0));
      }
    }
  }
  // A match starts on a character that consumes; inside one, characters without readings that are not CJK are skipped.
  if (!first && rs.length === 0 && !cjkAt(chars, ti)) best = Math.max(best, fromHere(pq, chars, rss, qi, ti + 1, false));
  return best;
}

/** Scores of contiguous matches, counted by bucket (score + 1024, clamped). */
const SCORE_BUCKETS = 4096;
const bucketOf = (score: number) => Math.max(0, Math.min(SCORE_BUCKETS - 1, score + 1024));

/**
 * The score of the limit-th ref counted in `scores` (the lowest score of its bucket: a lower
 * bound); -Infinity when fewer are counted or it falls in the lowest (clamped) bucket.
 */
function neededScore(scores: Int32Array, limit: number): number {
  let count = 0;
  for (let b = SCORE_BUCKETS - 1; b > 0; b--) {
    count += scores[b];
    if (count >= limit) return b === SCORE_BUCKETS - 1 ? SCORE_BUCKETS - 1 - 1024 : b - 1024;
  }
  return Number.NEGATIVE_INFINITY;
}

/** How many entries a dense key's ranked list holds at most. */
const RANKED_ENTRIES = 256;

/** The ranked list of dense key `q`, made now when there is none yet (once: a scan). */
function rankedList(entries: readonly SearchEntry[], index: SearchIndex | undefined, q: string): Int32Array | undefined {
  if (!isRankedKey(entries, index, q)) return undefined;
  let list = rankedFor(entries, index, q);
  if (!list) {
    list = Int32Array.from(bestEntries(entries, q, undefined, RANKED_ENTRIES));
    keepRanked(entries, index, q, list);
  }
  return list;
}

/**
 * Work the first keys of a search would do, as steps to run before them (e.g. in idle time
 * when the search screen opens): the per-entry facts, the bounds and symbol sets, the lead lists, then the
 * ranked list of each dense key and its candidates for the next key. Each step is a few
 * milliseconds on a 10,000-item site.
 */
export function prepareSearch(entries: readonly SearchEntry[], index: SearchIndex | undefined): (() => void)[] {
  const steps: (() => void)[] = [
    () => factTable(entries),
    () => {
      // The bound for matches off the first character, and the per-symbol sets of the fallback.
      offStartTable(factTable(entries));
      symbolSetsOf(factTable(entries));
    },
  ];
  // The lead lists: the keys of each entry's matches from its first character.
  const leads = new Map<string, number[]>();
  for (let from = 0; from < entries.length; from += 4096) {
    steps.push(() => {
      for (let i = from; i < Math.min(entries.length, from + 4096); i++) {
        for (const key of leadKeys(entries[i], charsOf(entries[i]))) {
          if (!listedKey(key)) continue;
          let list = leads.get(key);
          if (!list) leads.set(key, (list = []));
          list.push(i);
        }
      }
    });
  }
  steps.push(() => keepLeads(entries, index, new Map([...leads].map(([k, l]) => [k, Int32Array.from(l)]))));
  // Each dense key's ranked list, and the candidates it leaves for the key after it.
  for (const key of rankedKeys(entries, index)) {
    steps.push(() => {
      rankedList(entries, index, key);
      startSuperset(factTable(entries), key);
    });
  }
  return steps;
}

/** Bit of a letter or digit code in the facts' masks. */
const bitOf = (c: number) => 1 << (c >= 97 ? c - 97 : c - 48);

/**
 * Every entry that can match a one- or two-symbol query of letters and digits contiguously (a
 * superset: it begins a reading with the first symbol and holds the second), for the next key.
 */
function startSuperset(t: FactTable, q: string): Int32Array {
  let byKey = supersets.get(t);
  if (!byKey) supersets.set(t, (byKey = new Map()));
  let out = byKey.get(q);
  if (!out) byKey.set(q, (out = supersetOf(t, q)));
  return out;
}

/** Each dense key's superset (see startSuperset), made on its first use. */
const supersets = new WeakMap<FactTable, Map<string, Int32Array>>();

function supersetOf(t: FactTable, q: string): Int32Array {
  const x = q.charCodeAt(0);
  const firsts = x >= 97 ? t.firstLetters : t.firstDigits;
  const xb = bitOf(x);
  const y = q.length > 1 ? q.charCodeAt(1) : -1;
  const has = y >= 97 ? t.letters : t.digits;
  const yb = y < 0 ? 0 : bitOf(y);
  const n = firsts.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (firsts[i] & xb && (has[i] & yb) === yb) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) if (firsts[i] & xb && (has[i] & yb) === yb) out[k++] = i;
  return out;
}

/**
 * The entries of `list` (indexes into `entries`) that match `q` contiguously, best first (by
 * score, then index), at most `max` of them and every entry of each score or none of it: what
 * is ranked for a dense key (`list` undefined: every entry).
 */
function bestEntries(entries: readonly SearchEntry[], q: string, list: readonly number[] | undefined, max: number): number[] {
  const pq = prepareQuery(normaliseQuery(q));
  const facts = factTable(entries);
  const scored: { score: number; i: number }[] = [];
  // Entries that cannot beat the (max + 1)-th best score so far are left out: they would be cut.
  const scores = new Int32Array(SCORE_BUCKETS);
  const bestOf = bestPossible(facts, pq);
  let needed = Number.NEGATIVE_INFINITY;
  const n = list ? list.length : entries.length;
  for (let k = 0; k < n; k++) {
    const i = list ? list[k] : k;
    if (!passes(pq, entries[i], facts.letters[i], facts.digits[i])) continue;
    if (scored.length > max && scored.length % 64 === 0) needed = neededScore(scores, max + 1);
    if (bestOf(i, entries[i]) < needed) continue;
    const m = matchPrepared(pq, entries[i], false, facts.length[i], facts.countable[i]);
    if (m) {
      scored.push({ score: m.score, i });
      scores[bucketOf(m.score)]++;
    }
  }
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  if (scored.length <= max) return scored.map((x) => x.i);
  const cut = scored[max].score;
  const out: number[] = [];
  for (const x of scored) {
    if (x.score <= cut) break;
    out.push(x.i);
  }
  return out;
}

/** The first `limit` elements of `list` sorted by `order` (a total order), without sorting all of it. */
function firstInOrder<T>(list: T[], order: (a: T, b: T) => number, limit: number): T[] {
  if (list.length <= limit * 4) return list.sort(order).slice(0, limit);
  const top: T[] = [];
  for (const x of list) {
    if (top.length === limit && order(x, top[limit - 1]) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(top[mid], x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > limit) top.pop();
  }
  return top;
}

function better(m: EntryMatch, e: SearchEntry, pm: EntryMatch, pe: SearchEntry): boolean {
  if (m.score !== pm.score) return m.score > pm.score;
  // Prefer the item's own name over an alias when equally good.
  return !e.alias && !!pe.alias;
}

/** Split text into runs of highlighted and plain characters, for rendering with <mark>. */
export function highlightSegments(text: string, hits: readonly number[]): { text: string; hit: boolean }[] {
  const chars = [...text];
  const set = new Set(hits);
  const out: { text: string; hit: boolean }[] = [];
  chars.forEach((c, i) => {
    const hit = set.has(i);
    const last = out[out.length - 1];
    if (last && last.hit === hit) last.text += c;
    else out.push({ text: c, hit });
  });
  return out;
}

/** Highlighted ranges as [start, end) character offsets. */
export function highlightRanges(hits: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const h of [...hits].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] === h) last[1] = h + 1;
    else out.push([h, h + 1]);
  }
  return out;
}

/**
 * A search entry for text that the publisher did not index (e.g. a document
 * number): latin letters and digits read as themselves, CJK characters match
 * only when typed as characters, everything else is skipped.
 */
export function literalEntry(ref: string, text: string, alias = true): SearchEntry {
  return {
    ref,
    text,
    alias,
    readings: [...text].map((c) => (/[0-9a-z]/i.test(c) ? [c.toLowerCase()] : [])),
  };
}
