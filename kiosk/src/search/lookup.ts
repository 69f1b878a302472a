/**
 * Candidate lookup over the lookup table (SiteBundle.searchIndex): which entries a query can
 * match at all, without scanning every entry. Sources, each a superset of the true matches:
 *   - the index list of the query's start key (decoded once per key and kept);
 *   - the contiguous matches of the previous query when the new one extends it (a contiguous
 *     match of "dbs" is also one of "db", so typing a key only re-checks the last matches).
 * And for a query that is itself a dense key ("d", "sh": too many entries to list), a ranked
 * list of its best entries, made once (match.ts: on first use, or ahead in idle time), so that
 * its first results need no scan.
 */
import type { SearchEntry, SearchIndex } from '../bundle/schema.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The key a normalised query is looked up by. */
export function startKeyOf(q: string): string {
  const first = String.fromCodePoint(q.codePointAt(0) ?? 0);
  if (CJK.test(first) || q.length === first.length) return first;
  return first + String.fromCodePoint(q.codePointAt(first.length) ?? 0);
}

/** True when the table lists `key` (keys with a CJK character are not listed: such queries scan). */
export function listedKey(key: string): boolean {
  return !CJK.test(key);
}

/** Entry indexes of one key's list. */
export function decodeStarts(text: string): Int32Array {
  const parts = text.split(',');
  const out = new Int32Array(parts.length);
  let prev = -1;
  for (let i = 0; i < parts.length; i++) {
    prev += parseInt(parts[i], 36);
    out[i] = prev;
  }
  return out;
}

interface LookupState {
  index: SearchIndex;
  dense: Set<string>;
  decoded: Map<string, Int32Array>;
  /** Dense key → its best entries, best first (see rankedFor). */
  ranked: Map<string, Int32Array>;
  /** Key → the entries with a match of it from their first character, ascending (see leadsFor). */
  leads?: Map<string, Int32Array>;
  /** Last normalised query and the indexes of the entries it matched contiguously (unfiltered), or a superset. */
  last?: { q: string; matched: Int32Array };
}

const states = new WeakMap<readonly SearchEntry[], LookupState>();

function stateFor(entries: readonly SearchEntry[], index: SearchIndex | undefined): LookupState | undefined {
  if (!index || index.v !== 1 || index.entries !== entries.length) return undefined;
  let s = states.get(entries);
  if (!s || s.index !== index) {
    s = { index, dense: new Set(index.dense), decoded: new Map(), ranked: new Map() };
    states.set(entries, s);
  }
  return s;
}

function listOf(s: LookupState, key: string): Int32Array | undefined {
  if (s.dense.has(key) || !listedKey(key)) return undefined;
  let l = s.decoded.get(key);
  if (!l) {
    const text = s.index.starts[key];
    l = text ? decodeStarts(text) : new Int32Array(0);
    s.decoded.set(key, l);
  }
  return l;
}

/**
 * Entry indexes to test for normalised query `q`, ascending; undefined when there is no usable
 * index (scan everything). `outOfOrder`: candidates for the out-of-order fallback.
 */
export function candidates(
  entries: readonly SearchEntry[],
  index: SearchIndex | undefined,
  q: string,
  outOfOrder: boolean,
): Int32Array | undefined {
  const s = stateFor(entries, index);
  if (!s) return undefined;
  const first = startKeyOf(q.slice(0, 1));
  if (outOfOrder) return listOf(s, first);
  const key = startKeyOf(q);
  // A letter and a CJK character ("d保"): every match of it is one of its first letter.
  const keyed = listedKey(key) ? listOf(s, key) : listOf(s, first);
  // Both are supersets of the matches: take the shorter.
  if (s.last && q.startsWith(s.last.q) && (!keyed || s.last.matched.length <= keyed.length)) return s.last.matched;
  return keyed;
}

/** The dense keys of letters and digits: queries that get a ranked list. */
export function rankedKeys(entries: readonly SearchEntry[], index: SearchIndex | undefined): string[] {
  const s = stateFor(entries, index);
  return s ? s.index.dense.filter(listedKey) : [];
}

/** True when `q` is one of the dense keys of letters and digits. */
export function isRankedKey(entries: readonly SearchEntry[], index: SearchIndex | undefined, q: string): boolean {
  const s = stateFor(entries, index);
  return !!s && listedKey(q) && s.dense.has(q) && startKeyOf(q) === q;
}

/**
 * The ranked list kept for `q` (a dense key): the entries that match `q` best, best first
 * (score, then index), every entry of each score listed or none of it; entries not listed
 * score below every listed one. Undefined when none is kept (yet).
 */
export function rankedFor(entries: readonly SearchEntry[], index: SearchIndex | undefined, q: string): Int32Array | undefined {
  return stateFor(entries, index)?.ranked.get(q);
}

/** Keep the ranked list of dense key `q` (made by match.ts). */
export function keepRanked(entries: readonly SearchEntry[], index: SearchIndex | undefined, q: string, list: Int32Array): void {
  stateFor(entries, index)?.ranked.set(q, list);
}

/**
 * Remember the contiguous matches of `q` (or a superset of them) for the next keystroke;
 * undefined: none known (the next key looks up its own).
 */
export function remember(
  entries: readonly SearchEntry[],
  index: SearchIndex | undefined,
  q: string,
  matched: Int32Array | undefined,
): void {
  const s = stateFor(entries, index);
  if (s) s.last = matched ? { q, matched } : undefined;
}

/**
 * The entries whose first character can begin a match of listed key `key` (a match from
 * character 0, see leadKeys in start-keys.ts), ascending; undefined until made (match.ts, in
 * idle time).
 */
export function leadsFor(entries: readonly SearchEntry[], index: SearchIndex | undefined, key: string): Int32Array | undefined {
  const leads = stateFor(entries, index)?.leads;
  return leads ? (leads.get(key) ?? new Int32Array(0)) : undefined;
}

/** Keep the lead lists of every key (made by match.ts). */
export function keepLeads(entries: readonly SearchEntry[], index: SearchIndex | undefined, leads: Map<string, Int32Array>): void {
  const s = stateFor(entries, index);
  if (s) s.leads = leads;
}
