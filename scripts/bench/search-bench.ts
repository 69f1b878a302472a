/**
 * Search cost per keystroke in Node over one site's entries: the kiosk's matcher with the
 * publisher's lookup table against fuse.js (a general fuzzy search library, dev dependency
 * only) over the same entries — each entry's text, full pinyin and initials (first readings).
 * Every prefix of each resident-style query is one keystroke, typed in order.
 */
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import type { SearchEntry, SearchIndex } from '../../kiosk/src/bundle/schema.ts';
import { search } from '../../kiosk/src/search/match.ts';

/** Resident-style queries, typed one key at a time. */
export const QUERIES = ['dbsq', 'dibao', 'yanglaobaoxian', 'ylbx', 'zjd', 'nongjibutie', 'xnh', 'yibao', 'lmcf', 'shengyu', 'gljt', 'qxzz'];

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * Wall time per keystroke, and CPU time of this process (process.cpuUsage: not inflated by
 * other processes waiting for the same cores — on a shared machine the steadier figure).
 */
export function keystrokeTimes(
  fn: (k: string) => unknown,
  queries = QUERIES,
  repeats = 3,
): { all: number[]; first: number[]; cpu: number[] } {
  const all: number[] = [];
  const first: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn(q.slice(0, i));
        const t = performance.now() - t0;
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        all.push(t);
        if (i === 1) first.push(t);
      }
    }
  }
  return { all, first, cpu };
}

export function searchFigures(entries: readonly SearchEntry[], index: SearchIndex | undefined) {
  const ours = keystrokeTimes((k) => search(entries, k, { limit: 40, index }));
  const docs = entries.map((e) => {
    const first = e.readings.map((r) => r[0] ?? '');
    return { ref: e.ref, text: e.text, full: first.join(''), initials: first.map((r) => r[0] ?? '').join('') };
  });
  const fuse = new Fuse(docs, { keys: ['text', 'full', 'initials'], threshold: 0.3, ignoreLocation: true });
  // Once through (fuse.js is slow on large sites); ours three times, the first pass includes its start-up.
  const theirs = keystrokeTimes((k) => fuse.search(k, { limit: 40 }), QUERIES, 1);
  return { ours, fuse: theirs };
}
