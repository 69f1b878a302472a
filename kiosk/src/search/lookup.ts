/**
 * Candidate lookup over the publisher's SearchIndex: which entries a query can match at all,
 * without scanning every entry. Two sources, both supersets of the true matches:
 *   - the index list of the query's start key (decoded once per key and kept);
 *   - the contiguous matches of the previous query when the new one extends it (a contiguous
 *     match of "dbs" is also one of "db", so typing a key only re-checks the last matches).
 */
import type { SearchEntry, SearchIndex } from '../bundle/schema.ts';
import { decodeStarts, startKeyOf } from './start-keys.ts';

interface LookupState {
  index: SearchIndex;
  dense: Set<string>;
  decoded: Map<string, Int32Array>;
  /** Last normalised query and the indexes of the entries it matched contiguously (unfiltered). */
  last?: { q: string; matched: Int32Array };
}

const states = new WeakMap<readonly SearchEntry[], LookupState>();

function stateFor(entries: readonly SearchEntry[], index: SearchIndex | undefined): LookupState | undefined {
  if (!index || index.v !== 1 || index.entries !== entries.length) return undefined;
  let s = states.get(entries);
  if (!s || s.index !== index) {
    s = { index, dense: new Set(index.dense), decoded: new Map() };
    states.set(entries, s);
  }
  return s;
}

function listOf(s: LookupState, key: string): Int32Array | undefined {
  if (s.dense.has(key)) return undefined;
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
  if (outOfOrder) return listOf(s, startKeyOf(q.slice(0, 1)));
  const keyed = listOf(s, startKeyOf(q));
  // Both are supersets of the matches: take the shorter.
  if (s.last && q.startsWith(s.last.q) && (!keyed || s.last.matched.length <= keyed.length)) return s.last.matched;
  return keyed;
}

/** Remember the contiguous matches of `q` for the next keystroke. */
export function remember(entries: readonly SearchEntry[], index: SearchIndex | undefined, q: string, matched: Int32Array): void {
  const s = stateFor(entries, index);
  if (s) s.last = { q, matched };
}
