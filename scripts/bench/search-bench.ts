/**
 * Kiosk search cost per keystroke: the kiosk's matcher (any reading of a polyphone, initials,
 * full and mixed pinyin, aliases, highlight positions) against a naive baseline that only
 * tests substrings of two precomputed strings per entry (first readings joined, and their initials).
 * Also counts queries where the baseline finds fewer items: what the extra cost buys.
 */
import { search } from '../../kiosk/src/search/match.ts';
import type { SearchEntry } from '../../kiosk/src/bundle/schema.ts';
import { ratio, timeMs, type Row } from './measure.ts';

/** Resident-style queries, typed one key at a time. */
const QUERIES = ['dbsq', 'dibao', 'yanglaobaoxian', 'ylbx', 'zjd', 'nongjibutie', 'xnh', 'yibao', 'lmcf', 'shengyu', 'gljt', 'qxzz'];

function naiveIndex(entries: readonly SearchEntry[]) {
  return entries.map((e) => {
    const first = e.readings.map((r) => r[0] ?? '');
    return { ref: e.ref, full: first.join(''), initials: first.map((r) => r[0] ?? '').join('') };
  });
}

function naiveSearch(index: ReturnType<typeof naiveIndex>, q: string): string[] {
  const refs = new Set<string>();
  for (const e of index) if (e.full.includes(q) || e.initials.includes(q)) refs.add(e.ref);
  return [...refs];
}

const keystrokes = QUERIES.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));

export async function benchSearch(entries: readonly SearchEntry[], site: string): Promise<Row[]> {
  const index = naiveIndex(entries);
  const ours = await timeMs(() => keystrokes.forEach((k) => search(entries, k, { limit: 50 })), 9);
  const naive = await timeMs(() => keystrokes.forEach((k) => naiveSearch(index, k)), 9);
  const perKeyUs = (ours * 1000) / keystrokes.length;
  let fewer = 0;
  for (const q of QUERIES) if (naiveSearch(index, q).length < search(entries, q).length) fewer++;
  return [
    {
      group: 'search',
      name: `naive substring, ${entries.length} entries (${site}) (baseline)`,
      value: `${((naive * 1000) / keystrokes.length).toFixed(0)} µs/key`,
    },
    { group: 'search', name: 'kiosk matcher, per keystroke', value: `${perKeyUs.toFixed(0)} µs/key`, ratio: ratio(ours, naive, 'naive') },
    { group: 'search', name: 'kiosk matcher vs 16.7 ms frame', value: `${((perKeyUs / 16_700) * 100).toFixed(1)} %` },
    { group: 'search', name: 'queries where naive finds fewer items', value: `${fewer} of ${QUERIES.length}` },
  ];
}
